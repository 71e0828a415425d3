import { makeAutoObservable, runInAction } from 'mobx';
import { userMessage } from '@shared/errors/messages';
import { formatYuan } from '@shared/money/format';
import type { OrderService, OrderView } from '../services/order';
import type { IntentIds } from '../services/request-id';
import { Loader, type LoadState } from './loader';
import { failure, info, success, type Notice } from './notice';
import { PagedList } from './paged-list';
import { inTab, type CustomerOrderTab, type OrderTabCounts } from '@shared/orders/customer-tabs';
import type { PayStore } from './pay-store';

export const PAY_HOST_ORDER = 'order-detail';

/**
 * 我的订单: the caller's orders (newest first, paged) and one order's detail with its actions —
 * 继续支付 / 取消订单 for pending WeChat orders, 申请退款 inside the refund window.
 */
export class OrdersStore {
  /** 我的订单, the chosen tab's orders, newest first, paged by the server. */
  readonly list: PagedList<OrderView>;
  tab: CustomerOrderTab = 'all';
  /** The badges on the tabs; undefined until the first answer. */
  counts: OrderTabCounts | undefined = undefined;

  detail: OrderView | undefined = undefined;
  /** The detail's read: loading, its error (Chinese), whether it arrived. */
  readonly detailRead: LoadState = { loading: false, loaded: false, error: undefined };
  /** The action running on the detail, to disable its buttons. */
  busy: 'pay' | 'cancel' | 'refund' | undefined = undefined;
  notice: Notice | undefined = undefined;
  private readonly detailLoader: Loader;

  constructor(
    private readonly service: OrderService,
    private readonly pay: PayStore,
    private readonly intents: IntentIds,
  ) {
    this.list = new PagedList<OrderView>(async (cursor) => {
      const reply = await service.list(this.tab, cursor);
      return reply.ok ? { ok: true, data: { items: reply.data.orders, nextCursor: reply.data.nextCursor } } : reply;
    }, (o) => o.orderId);
    makeAutoObservable<OrdersStore, 'service' | 'pay' | 'intents' | 'detailLoader'>(this, { list: false, service: false, pay: false, intents: false, detailLoader: false });
    this.detailLoader = new Loader(this.detailRead);
  }

  /** The orders on the list (the detail keeps them in step). */
  get orders(): OrderView[] {
    return this.list.items;
  }

  /** The list and the tab counts, together (pull-to-refresh, coming back to the page). */
  async load(): Promise<void> {
    await Promise.all([this.list.load(), this.loadCounts()]);
  }

  async loadCounts(): Promise<void> {
    const reply = await this.service.counts();
    // A failed count keeps the badges it had: the list's own error says what went wrong.
    if (reply.ok) runInAction(() => (this.counts = reply.data));
  }

  /** Another tab: its list from the start. */
  setTab(tab: CustomerOrderTab): void {
    if (tab === this.tab && (this.list.loaded || this.list.loading)) return;
    this.tab = tab;
    this.list.clear();
    void this.load();
  }

  loadMore(): Promise<void> {
    return this.list.loadMore();
  }

  dismissNotice(): void {
    this.notice = undefined;
  }

  /** Something created or changed an order elsewhere: reload the list when it is next shown. */
  markStale(): void {
    this.list.markStale();
  }

  ensureLoaded(): Promise<void> {
    return this.list.loaded || this.list.loading ? Promise.resolve() : this.load();
  }

  /** Show one order (detail page). */
  async open(orderId: string): Promise<void> {
    if (this.detail?.orderId !== orderId) this.detail = undefined;
    this.notice = undefined;
    await this.detailLoader.load(() => this.service.get(orderId), (order) => this.setDetail(order));
  }

  /** Keep the list in step with what the detail now shows. */
  private setDetail(order: OrderView): void {
    this.detail = order;
    const before = this.list.find(order.orderId);
    // Paid, cancelled or refunded from the detail: the order may leave the tab it was listed under,
    // and the badges change.
    this.list.update(order, inTab(this.tab, order));
    if (before && (before.status !== order.status || before.refundedFen !== order.refundedFen || before.fulfilment?.state !== order.fulfilment?.state)) void this.loadCounts();
  }

  /** 继续支付: fresh payment params for the same order, then the pay flow. */
  async payDetail(): Promise<void> {
    const order = this.detail;
    if (!order || this.busy || this.pay.busy) return;
    this.busy = 'pay';
    this.notice = undefined;
    try {
      const reply = await this.service.pay(order.orderId);
      if (!reply.ok) {
        runInAction(() => (this.notice = failure(userMessage(reply.error.code, reply.error.message))));
        await this.refreshDetail(order.orderId);
        return;
      }
      const outcome = await this.pay.run({ host: PAY_HOST_ORDER, orderId: order.orderId, payment: reply.data.payment, title: order.title });
      if (outcome.kind === 'paid') {
        runInAction(() => {
          this.setDetail(outcome.order);
          this.notice = success(`支付成功，实付 ${formatYuan(outcome.order.totalFen)}。`);
        });
      } else if (outcome.kind === 'closed') {
        runInAction(() => {
          this.setDetail(outcome.order);
          this.notice = failure(outcome.message);
        });
      } else if (outcome.kind === 'cancelled') {
        runInAction(() => (this.notice = info('已取消支付，订单仍可在支付时限内继续支付。')));
      } else {
        runInAction(() => (this.notice = outcome.kind === 'pending' ? info(outcome.message) : failure(outcome.message)));
      }
    } finally {
      runInAction(() => (this.busy = undefined));
    }
  }

  /** 取消订单 (pending orders only; the server refuses otherwise). */
  async cancelDetail(): Promise<void> {
    const order = this.detail;
    if (!order || this.busy) return;
    this.busy = 'cancel';
    this.notice = undefined;
    const reply = await this.service.cancel(order.orderId);
    runInAction(() => {
      this.busy = undefined;
      if (!reply.ok) {
        this.notice = failure(userMessage(reply.error.code, reply.error.message));
        return;
      }
      this.setDetail(reply.data);
      this.notice = success('订单已取消。');
    });
    if (!reply.ok) await this.refreshDetail(order.orderId);
  }

  /** 申请退款 (after the confirm dialog): everything still refundable on the order. */
  async refundDetail(): Promise<boolean> {
    const order = this.detail;
    if (!order || this.busy) return false;
    const intent = `order-refund:${order.orderId}:${order.refundedFen}`;
    this.busy = 'refund';
    this.notice = undefined;
    const reply = await this.service.refund(order.orderId, this.intents.idFor(intent, 'oref'));
    this.intents.settleUnlessUnknown(intent, reply);
    await this.refreshDetail(order.orderId);
    runInAction(() => {
      this.busy = undefined;
      if (!reply.ok) {
        this.notice = failure(userMessage(reply.error.code, reply.error.message));
        return;
      }
      const r = reply.data;
      const where = order.payWith === 'balance' ? '退回储值余额' : '原路退回微信支付';
      this.notice = success(r.status === 'succeeded' ? `退款成功，${formatYuan(r.amountFen)} 已${where}。` : `退款已提交，微信处理中：${formatYuan(r.amountFen)} 将${where}（零钱一般 5 分钟内、银行卡 1–3 个工作日到账），到账后显示「已退款」。`);
    });
    return reply.ok;
  }

  private async refreshDetail(orderId: string): Promise<void> {
    const reply = await this.service.get(orderId);
    if (reply.ok) runInAction(() => this.setDetail(reply.data));
  }

  reset(): void {
    this.tab = 'all';
    this.counts = undefined;
    this.list.reset();
    this.detailLoader.reset();
    this.detail = undefined;
    this.busy = undefined;
    this.notice = undefined;
  }
}
