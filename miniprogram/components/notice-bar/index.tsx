import { Text, View } from '@tarojs/components';
import type { Notice } from '../../stores/notice';
import './index.css';

/** The outcome of the last action on a page; tapping × dismisses it. */
export function NoticeBar({ notice, onClose, id = 'notice' }: { notice: Notice | undefined; onClose?: () => void; id?: string }) {
  if (!notice) return null;
  return (
    <View className={`notice notice--${notice.tone}`} id={id}>
      <Text className='notice__text'>{notice.text}</Text>
      {onClose ? (
        <Text className='notice__close' id={`${id}-close`} onClick={onClose}>
          ×
        </Text>
      ) : null}
    </View>
  );
}
