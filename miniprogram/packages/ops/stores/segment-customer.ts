import { makeAutoObservable, runInAction } from 'mobx';
import { userMessage } from '@shared/errors/messages';
import type { CustomerView, SegmentService, TimelineItem } from '../../../services/segment';
import { PagedList } from '../../../stores/paged-list';

/**
 * One customer as the operator sees them (`segment.customer`: profile facts, segments, orders,
 * wallet, tier progress) and their event timeline, newest first, paged by time
 * (`segment.timeline`).
 */
export class SegmentCustomerStore {
  openid: string | undefined = undefined;
  view: CustomerView | undefined = undefined;
  loading = false;
  error: string | undefined = undefined;
  forbidden = false;
  /** No profile: the customer never visited, answered or bought. */
  notFound = false;
  readonly timeline: PagedList<TimelineItem, number>;
  private generation = 0;

  constructor(private readonly service: SegmentService) {
    this.timeline = new PagedList<TimelineItem, number>(async (cursor) => {
      const r = await this.service.timeline(this.openid!, cursor);
      return r.ok ? { ok: true, data: { items: r.data.items, ...(r.data.nextCursor !== null ? { nextCursor: r.data.nextCursor } : {}) } } : r;
    }, (i) => i.eventId);
    makeAutoObservable<SegmentCustomerStore, 'service' | 'generation'>(this, { service: false, timeline: false, generation: false });
  }

  /** Show `openid` (a different customer starts empty; the same one refreshes in place). */
  open(openid: string): Promise<void> {
    // Opened twice as the page appears (load + first show): one request is enough.
    if (openid === this.openid && this.loading) return Promise.resolve();
    if (openid !== this.openid) {
      this.openid = openid;
      this.view = undefined;
      this.timeline.clear();
    }
    void this.timeline.load();
    return this.load();
  }

  async load(): Promise<void> {
    const openid = this.openid;
    if (!openid) return;
    const generation = ++this.generation;
    this.loading = true;
    this.error = undefined;
    const reply = await this.service.customer(openid);
    if (generation !== this.generation) return;
    runInAction(() => {
      this.loading = false;
      this.forbidden = !reply.ok && reply.error.code === 'FORBIDDEN';
      this.notFound = !reply.ok && reply.error.code === 'NOT_FOUND';
      if (reply.ok) this.view = reply.data;
      else this.error = userMessage(reply.error.code, reply.error.message);
    });
  }

  /** Title of one of the customer's recent orders (the timeline names what was bought). */
  orderTitle(orderId: string | undefined): string | undefined {
    return orderId ? this.view?.orders.find((o) => o.orderId === orderId)?.title : undefined;
  }

  reset(): void {
    this.generation++;
    this.openid = undefined;
    this.view = undefined;
    this.loading = false;
    this.error = undefined;
    this.forbidden = false;
    this.notFound = false;
    this.timeline.reset();
  }
}
