import { useEffect } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';

/** A paged list (PagedList) or a single read (Loadable: no 加载更多). */
interface PagedSource {
  loaded: boolean;
  load(): Promise<unknown>;
  loadMore?(): Promise<void>;
  ensureLoaded(): Promise<unknown>;
}

/**
 * The life of a back-office page's read (a list or one document): the first page once signed in, a reload on coming back
 * (changes made on another back-office page appear), pull-down refresh, 加载更多 at the bottom.
 */
export function useListPaging(list: PagedSource, signedIn: boolean): void {
  useEffect(() => {
    if (signedIn) void list.ensureLoaded();
  }, [signedIn, list]);
  useDidShow(() => {
    if (signedIn && list.loaded) void list.load();
  });
  usePullDownRefresh(() => {
    void list.load().finally(() => Taro.stopPullDownRefresh());
  });
  useReachBottom(() => void list.loadMore?.());
}
