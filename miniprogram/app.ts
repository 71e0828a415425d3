import { createElement, type PropsWithChildren } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { RootStore } from './stores/root-store';
import { registerPrivacyAuthorization } from './stores/privacy-auth-store';
import { StoreContext } from './stores/context';
import { createServices } from './services';
import './app.css';

// No zod in the main package (it evaluates BigInt at load): the operator subpackage loads it and
// switches its JIT off itself (packages/ops/zod-setup.ts).

if (process.env.TARO_ENV === 'weapp') {
  // Once per app launch; every later wx.cloud.callFunction uses this environment.
  Taro.cloud.init({ env: CLOUD_ENV, traceUser: true });
}

// One store for the app's lifetime: tab pages share the catalog instead of each fetching it.
const rootStore = new RootStore(createServices());
// WeChat asks before any privacy API runs for a customer who has not agreed yet (weapp; no-op on H5).
registerPrivacyAuthorization(rootStore);

function App({ children }: PropsWithChildren) {
  // Launch and every return to the app: today's visit (once a day; never waits, never shows an error).
  useDidShow(() => void rootStore.welcome.onAppShow());
  // Pages render inside App's tree in Taro's React runtime, so they can read the context.
  return createElement(StoreContext.Provider, { value: rootStore }, children);
}

export default App;
