import { Button, Text, View } from '@tarojs/components';
import './index.css';

export function LoadingView({ text = '正在加载…' }: { text?: string }) {
  return (
    <View className='load-state' id='loading'>
      <View className='load-state__spinner' />
      <Text className='load-state__text'>{text}</Text>
    </View>
  );
}

export function EmptyView({ text }: { text: string }) {
  return (
    <View className='load-state' id='empty'>
      <Text className='load-state__text'>{text}</Text>
    </View>
  );
}

/** The whole line is the retry control: users tap the message they are reading. */
export function ErrorView({ message, onRetry }: { message: string; onRetry: () => void }) {
  // Messages end with "。"; drop it so the sentence continues into "，点击重试".
  const reason = message.replace(/[。.]\s*$/, '');
  return (
    <View className='load-state' id='load-error'>
      <Button className='load-state__retry' id='retry' onClick={onRetry}>
        加载失败：{reason}，点击重试
      </Button>
    </View>
  );
}

/**
 * What a page shows until its first answer arrives: the error with 重试, else the spinner; once it
 * has data, undefined (the page draws its content). A reload after that keeps the content on screen.
 */
export function beforeFirstLoad(hasData: boolean, error: string | undefined, onRetry: () => void, loadingText?: string) {
  if (hasData) return undefined;
  return error ? <ErrorView message={error} onRetry={onRetry} /> : <LoadingView text={loadingText} />;
}
