import Taro from '@tarojs/taro';

/**
 * Copies text for the customer to paste (an order number into 客服 chat). WeChat confirms with its
 * own 内容已复制 toast; the browser shows nothing, so H5 says it here.
 */
export function copyText(text: string, done: string): void {
  void Promise.resolve(Taro.setClipboardData({ data: text }))
    .then(() => {
      if (process.env.TARO_ENV === 'h5') void Taro.showToast({ title: done, icon: 'none' });
    })
    .catch(() => void Taro.showToast({ title: '复制失败，请长按编号手动复制', icon: 'none' }));
}
