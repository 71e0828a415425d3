import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { qrRows } from '../qr-rows';

/**
 * A QR code drawn with views: each row a strip of dark and light runs, `size` px of the 750 design
 * wide. Inline styles are not converted like stylesheets, so sizes go through pxTransform.
 */
export function QrCode({ text, size, id }: { text: string; size: number; id?: string }) {
  const rows = qrRows(text);
  const cell = size / rows.length;
  const px = (n: number) => Taro.pxTransform(n);
  return (
    <View className='member-qr' id={id} style={{ width: px(size), height: px(size) }}>
      {rows.map((row, r) => (
        <View key={r} className='member-qr__row' style={{ height: px(cell) }}>
          {row.map((run, i) => (
            <View key={i} className={run.dark ? 'member-qr__dark' : 'member-qr__light'} style={{ width: px(run.span * cell) }} />
          ))}
        </View>
      ))}
    </View>
  );
}
