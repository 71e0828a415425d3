import Taro from '@tarojs/taro';
import { TAB_URLS } from '../../format/routes';

/** Opens a page named the way subscription messages name it ("pages/index/index", "packages/…?x=1"). */
export function openMiniProgramPage(page: string): void {
  const path = page.replace(/^\//, '');
  const bare = path.split('?')[0];
  // Tab pages are reached with switchTab (which takes no query), every other page with navigateTo.
  if (TAB_URLS.includes(`/${bare}`)) void Taro.switchTab({ url: `/${bare}` });
  else void Taro.navigateTo({ url: `/${path}` });
}
