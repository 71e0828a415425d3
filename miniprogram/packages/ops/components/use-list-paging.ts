import { useEffect, type DependencyList } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { useStores } from '../../../stores/context';

/** A paged list (PagedList) or a single read (Loadable: no 加载更多). */
interface PagedSource {
  loaded: boolean;
  load(): Promise<unknown>;
  loadMore?(): Promise<void>;
  ensureLoaded(): Promise<unknown>;
}

/**
 * The life of a back-office page's read (a list or one document): the first read once signed in
 * (`open`, when the page's parameters pick what to read — rerun when `deps` change), a reload on
 * coming back (changes made on another back-office page appear), pull-down refresh, 加载更多 at
 * the bottom.
 */
export function useListPaging(list: PagedSource, open?: () => void, deps: DependencyList = []): void {
  const signedIn = useStores().session.isLoggedIn;
  useEffect(() => {
    if (!signedIn) return;
    if (open) open();
    else void list.ensureLoaded();
    // `open` is a fresh closure each render; what it reads is in `deps`.
  }, [signedIn, list, ...deps]);
  useDidShow(() => {
    if (signedIn && list.loaded) void list.load();
  });
  usePullDownRefresh(() => {
    void list.load().finally(() => Taro.stopPullDownRefresh());
  });
  useReachBottom(() => void list.loadMore?.());
}
