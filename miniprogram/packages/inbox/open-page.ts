import Taro from '@tarojs/taro';

/** Tab pages are reached with switchTab (which takes no query), every other page with navigateTo. */
const TAB_PAGES = ['pages/index/index', 'pages/member/index', 'pages/wallet/index', 'pages/me/index'];

/** Opens a page named the way subscription messages name it ("pages/index/index", "packages/…?x=1"). */
export function openMiniProgramPage(page: string): void {
  const path = page.replace(/^\//, '');
  const bare = path.split('?')[0];
  if (TAB_PAGES.includes(bare)) void Taro.switchTab({ url: `/${bare}` });
  else void Taro.navigateTo({ url: `/${path}` });
}
