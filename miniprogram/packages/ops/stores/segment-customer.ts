import { makeAutoObservable, runInAction } from 'mobx';
import type { CustomerView, SegmentService, TimelineItem } from '../../../services/segment';
import { PagedList } from '../../../stores/paged-list';
import { Loadable } from '../../../stores/loadable';
import { pageOf } from './page-of';

/**
 * One customer as the operator sees them (`segment.customer`: profile facts, segments, orders,
 * wallet, tier progress) and their event timeline, newest first, paged by time
 * (`segment.timeline`).
 */
export class SegmentCustomerStore {
  openid: string | undefined = undefined;
  /** segment.customer of `openid`. */
  readonly read: Loadable<CustomerView>;
  /** No profile: the customer never visited, answered or bought. */
  notFound = false;
  readonly timeline: PagedList<TimelineItem, number>;

  constructor(private readonly service: SegmentService) {
    this.read = new Loadable(async () => {
      const openid = this.openid!;
      const reply = await this.service.customer(openid);
      if (openid === this.openid) runInAction(() => (this.notFound = !reply.ok && reply.error.code === 'NOT_FOUND'));
      return reply;
    });
    this.timeline = new PagedList<TimelineItem, number>(async (cursor) => {
      return pageOf(await this.service.timeline(this.openid!, cursor), (d) => d.items, (d) => d.nextCursor);
    }, (i) => i.eventId);
    makeAutoObservable<SegmentCustomerStore, 'service'>(this, { service: false, timeline: false, read: false });
  }

  get view(): CustomerView | undefined {
    return this.read.data;
  }

  /** Show `openid` (a different customer starts empty; the same one refreshes in place). */
  open(openid: string): Promise<void> {
    // Opened twice as the page appears (load + first show): one request is enough.
    if (openid === this.openid && this.read.loading) return Promise.resolve();
    if (openid !== this.openid) {
      this.openid = openid;
      this.read.reset();
      this.timeline.clear();
    }
    void this.timeline.load();
    return this.load();
  }

  async load(): Promise<void> {
    if (this.openid) await this.read.load();
  }

  /** Title of one of the customer's recent orders (the timeline names what was bought). */
  orderTitle(orderId: string | undefined): string | undefined {
    return orderId ? this.view?.orders.find((o) => o.orderId === orderId)?.title : undefined;
  }

  reset(): void {
    this.openid = undefined;
    this.read.reset();
    this.notFound = false;
    this.timeline.reset();
  }
}
