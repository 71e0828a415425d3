import { makeAutoObservable, runInAction } from 'mobx';
import type { Envelope } from '@shared/errors/envelope';
import { userMessage } from '@shared/errors/messages';
import type { Cursor } from '../services/order';
import { applyRead } from './apply-read';

/** `C`: the server's cursor — a time (number) for most lists, an openid (string) for segment lists. */
export type PageFetch<T, C extends string | number = Cursor> = (cursor?: C) => Promise<Envelope<{ items: T[]; nextCursor?: C }>>;

/** The reply said this person is not an operator: the page shows 仅运营人员可访问此页面. */
export const isForbidden = (reply: { ok: boolean; error?: { code: string } }) => !reply.ok && reply.error?.code === 'FORBIDDEN';

/**
 * One server-paged list (我的订单, 消息; in the back office orders to ship, shipping uploads, audit entries):
 * the newest answer wins (a tab switch can overtake a slow load), 加载更多 appends without
 * duplicates, FORBIDDEN is remembered for the page.
 */
export class PagedList<T, C extends string | number = Cursor> {
  items: T[] = [];
  nextCursor: C | undefined = undefined;
  loading = false;
  loaded = false;
  loadingMore = false;
  /** Chinese, ready to show. */
  error: string | undefined = undefined;
  forbidden = false;
  private generation = 0;

  constructor(
    private readonly fetch: PageFetch<T, C>,
    private readonly keyOf: (item: T) => string,
  ) {
    makeAutoObservable<PagedList<T, C>, 'fetch' | 'keyOf' | 'generation'>(this, { fetch: false, keyOf: false, generation: false });
  }

  get hasMore(): boolean {
    return this.nextCursor !== undefined;
  }

  get isEmpty(): boolean {
    return this.loaded && this.items.length === 0;
  }

  find(key: string): T | undefined {
    return this.items.find((i) => this.keyOf(i) === key);
  }

  /** (Re)load the first page. The list on screen stays until the answer replaces it. */
  async load(): Promise<void> {
    const generation = ++this.generation;
    await applyRead(this, () => this.fetch(), () => generation === this.generation, (d) => {
      this.items = d.items;
      this.nextCursor = d.nextCursor;
      this.loaded = true;
    });
  }

  ensureLoaded(): Promise<void> {
    return this.loaded || this.loading ? Promise.resolve() : this.load();
  }

  async loadMore(): Promise<void> {
    if (this.loadingMore || this.nextCursor === undefined) return;
    const generation = this.generation;
    this.loadingMore = true;
    this.error = undefined;
    const reply = await this.fetch(this.nextCursor);
    if (generation !== this.generation) return;
    runInAction(() => {
      this.loadingMore = false;
      if (!reply.ok) {
        this.forbidden = reply.error.code === 'FORBIDDEN';
        this.error = userMessage(reply.error.code, reply.error.message);
        return;
      }
      const seen = new Set(this.items.map(this.keyOf));
      this.items = [...this.items, ...reply.data.items.filter((i) => !seen.has(this.keyOf(i)))];
      this.nextCursor = reply.data.nextCursor;
    });
  }

  /** Put a changed item in place, or drop it when it no longer belongs to this list. */
  update(item: T, stillHere: boolean): void {
    const key = this.keyOf(item);
    this.items = stillHere ? this.items.map((i) => (this.keyOf(i) === key ? item : i)) : this.items.filter((i) => this.keyOf(i) !== key);
  }

  /** Something changed elsewhere: load again when next shown (the list on screen stays). */
  markStale(): void {
    this.loaded = false;
  }

  markForbidden(): void {
    this.forbidden = true;
  }

  /** Empty, not loaded (a tab switch, an account switch). */
  clear(): void {
    this.generation++;
    this.items = [];
    this.nextCursor = undefined;
    this.loading = false;
    this.loaded = false;
    this.loadingMore = false;
    this.error = undefined;
  }

  reset(): void {
    this.clear();
    this.forbidden = false;
  }
}
