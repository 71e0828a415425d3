import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { EmptyView, ErrorView, LoadingView } from '../../../components/load-state';
import { NoticeBar } from '../../../components/notice-bar';
import type { ListTab, TabbedList } from '../stores/tabbed-list';
import { ListFooter, OpsTabs } from './shell';

/** What the body reads of a PagedList (whatever its cursor). */
interface PagedView<T> {
  items: T[];
  loaded: boolean;
  error: string | undefined;
  isEmpty: boolean;
  hasMore: boolean;
  loadingMore: boolean;
  load(): Promise<void>;
  loadMore(): Promise<void>;
}

interface PagedBodyProps<T> {
  list: PagedView<T>;
  /** The list's id; `footer` names the footer's ids (`${footer}-more`, `${footer}-error`). */
  id: string;
  className?: string;
  footer: string;
  loadingText?: string;
  empty: string;
  /** Below the items: the footer always (default), or only while there is more to load. */
  footerOnlyWhenMore?: boolean;
  children: (item: T) => ReactNode;
}

/**
 * A server-paged list as every back-office page shows it: the error with 重试 before the first
 * page, 正在加载, the empty text, or the items with 加载更多 / 没有更多了 under them.
 */
function PagedBodyView<T>({ list, id, className, footer, loadingText, empty, footerOnlyWhenMore, children }: PagedBodyProps<T>) {
  if (!list.loaded && list.error) return <ErrorView message={list.error} onRetry={() => void list.load()} />;
  if (!list.loaded) return <LoadingView text={loadingText} />;
  if (list.isEmpty) return <EmptyView text={empty} />;
  return (
    <View id={id} className={className}>
      {list.items.map(children)}
      {footerOnlyWhenMore && !list.hasMore ? null : <ListFooter id={footer} error={list.error} hasMore={list.hasMore} loadingMore={list.loadingMore} onMore={() => void list.loadMore()} />}
    </View>
  );
}

export const PagedBody = observer(PagedBodyView) as <T>(p: PagedBodyProps<T>) => ReactNode;

interface TabbedBodyProps<T, K extends string> {
  store: TabbedList<T, K>;
  tabs: Array<ListTab<K, unknown>>;
  /** Ids: tabs `${name}-tab-<key>`, the notice `${name}-notice`, the footer `${name}-more`. */
  name: string;
  /** The list's id. */
  id: string;
  loadingText: string;
  empty: string;
  /** Between the tabs and the notice (what the tab is for). */
  intro?: ReactNode;
  children: (item: T) => ReactNode;
}

/** A back-office list by tab: the tabs, what they are for, the last outcome, the current tab's items. */
function TabbedBodyView<T, K extends string>({ store, tabs, name, id, loadingText, empty, intro, children }: TabbedBodyProps<T, K>) {
  return (
    <>
      <OpsTabs idPrefix={`${name}-tab`} tabs={tabs} current={store.tab} onSelect={(k) => store.setTab(k)} />
      {intro}
      <NoticeBar id={`${name}-notice`} notice={store.notice} onClose={() => store.dismissNotice()} />
      <PagedBody list={store.list} id={id} footer={name} loadingText={loadingText} empty={empty}>
        {children}
      </PagedBody>
    </>
  );
}

export const TabbedBody = observer(TabbedBodyView) as <T, K extends string>(p: TabbedBodyProps<T, K>) => ReactNode;

/** The current tab's definition (the first when the store is on none of them). */
export const tabOf = <K extends string, E>(tabs: Array<ListTab<K, E>>, key: K): ListTab<K, E> => tabs.find((t) => t.key === key) ?? tabs[0];

/** What ReadBody reads of a single read (Loadable). */
interface ReadView {
  loaded: boolean;
  error: string | undefined;
  forbidden: boolean;
  load(): Promise<unknown>;
}

/**
 * A page over one read: the error with 重试 before anything was read (FORBIDDEN is the shell's to
 * say), 正在加载, then the page itself.
 */
export const ReadBody = observer(function ReadBody({ read, loadingText, children }: { read: ReadView; loadingText?: string; children: () => ReactNode }) {
  if (!read.loaded && read.error && !read.forbidden) return <ErrorView message={read.error} onRetry={() => void read.load()} />;
  if (!read.loaded) return <LoadingView text={loadingText} />;
  return <>{children()}</>;
});
