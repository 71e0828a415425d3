import { action, makeObservable, observable, runInAction } from 'mobx';
import type { Envelope } from '@shared/errors/envelope';
import type { Cursor } from '../../../services/order';
import type { IntentIds } from '../../../services/request-id';
import type { Notice } from '../../../stores/notice';
import { PagedList, type PageFetch } from '../../../stores/paged-list';
import { refusal, sendOnce } from './outcome';

/** A tab of a back-office list: its key, its label, what the page says when it is empty. */
export interface ListTab<K extends string, E = string> {
  key: K;
  label: string;
  empty: E;
}

/**
 * A back-office list by tab (gift claims, orders to ship, shipping uploads, refunds): the current
 * tab's items paged by the server's cursor, the item an action is running on, the last outcome.
 * Stores of those pages extend it; `act` is their one way to run an action on an item.
 */
export class TabbedList<T, K extends string> {
  tab: K;
  readonly list: PagedList<T>;
  /** The item an action is running on. */
  busyId: string | undefined = undefined;
  notice: Notice | undefined = undefined;

  constructor(
    private readonly firstTab: K,
    fetch: (tab: K, cursor?: Cursor) => ReturnType<PageFetch<T>>,
    keyOf: (item: T) => string,
    protected readonly intents: IntentIds,
  ) {
    this.tab = firstTab;
    this.list = new PagedList<T>((cursor) => fetch(this.tab, cursor), keyOf);
    makeObservable(this, { tab: observable, busyId: observable, notice: observable.ref, setTab: action, dismissNotice: action, reset: action });
  }

  setTab(tab: K): void {
    if (tab === this.tab && (this.list.loaded || this.list.loading)) return;
    this.tab = tab;
    this.list.clear();
    this.notice = undefined;
    this.closeDialogs();
    void this.list.load();
  }

  dismissNotice(): void {
    this.notice = undefined;
  }

  /** What a tab switch or a reset also closes (the store's dialogs). */
  protected closeDialogs(): void {}

  /** What a reset also forgets beyond the list (the store's own facts). */
  protected forget(): void {}

  /**
   * One action on item `id`: busy while it runs; one request id per intent, kept for the retry
   * when the outcome is unknown; FORBIDDEN turns the page away. The reply is the caller's to show.
   */
  protected async act<R>(id: string, intent: string, prefix: string, call: (requestId: string) => Promise<Envelope<R>>): Promise<Envelope<R>> {
    runInAction(() => {
      this.busyId = id;
      this.notice = undefined;
    });
    const reply = await sendOnce(this.intents, intent, prefix, call);
    runInAction(() => {
      this.busyId = undefined;
      if (!reply.ok && reply.error.code === 'FORBIDDEN') this.list.markForbidden();
    });
    return reply;
  }

  /** A refusal as the notice; a list made stale by it (someone else handled the item) is reloaded. */
  protected async refused(error: { code: string; message: string }, staleOn: readonly string[]): Promise<void> {
    runInAction(() => (this.notice = refusal(error)));
    if (staleOn.includes(error.code)) await this.list.load();
  }

  reset(): void {
    this.tab = this.firstTab;
    this.list.reset();
    this.busyId = undefined;
    this.notice = undefined;
    this.closeDialogs();
    this.forget();
  }
}
