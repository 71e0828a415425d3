import { makeAutoObservable, runInAction } from 'mobx';
import { userMessage } from '@shared/errors/messages';
import { formatYuan } from '@shared/money/format';
import type { Cursor, OrderService, OrderView } from '../services/order';
import type { IntentIds } from '../services/request-id';
import { failure, info, success, type Notice } from './notice';
import type { PayStore } from './pay-store';

export const PAY_HOST_ORDER = 'order-detail';

/**
 * 我的订单: the caller's orders (newest first, paged) and one order's detail with its actions —
 * 继续支付 / 取消订单 for pending WeChat orders, 申请退款 inside the refund window.
 */
export class OrdersStore {
  orders: OrderView[] = [];
  nextCursor: Cursor | undefined = undefined;
  loading = false;
  loaded = false;
  loadingMore = false;
  error: string | undefined = undefined;

  detail: OrderView | undefined = undefined;
  detailLoading = false;
  detailError: string | undefined = undefined;
  /** The action running on the detail, to disable its buttons. */
  busy: 'pay' | 'cancel' | 'refund' | undefined = undefined;
  notice: Notice | undefined = undefined;
  private generation = 0;
  private detailGeneration = 0;

  constructor(
    private readonly service: OrderService,
    private readonly pay: PayStore,
    private readonly intents: IntentIds,
  ) {
    makeAutoObservable<OrdersStore, 'service' | 'pay' | 'intents' | 'generation' | 'detailGeneration'>(this, {
      service: false,
      pay: false,
      intents: false,
      generation: false,
      detailGeneration: false,
    });
  }

  get hasMore(): boolean {
    return this.nextCursor !== undefined;
  }

  get isEmpty(): boolean {
    return this.loaded && this.orders.length === 0;
  }

  async load(): Promise<void> {
    const generation = ++this.generation;
    this.loading = true;
    this.error = undefined;
    const reply = await this.service.list();
    if (generation !== this.generation) return;
    runInAction(() => {
      this.loading = false;
      if (!reply.ok) {
        this.error = userMessage(reply.error.code, reply.error.message);
        return;
      }
      this.orders = reply.data.orders;
      this.nextCursor = reply.data.nextCursor;
      this.loaded = true;
    });
  }

  async loadMore(): Promise<void> {
    if (this.loadingMore || this.nextCursor === undefined) return;
    const generation = this.generation;
    this.loadingMore = true;
    const reply = await this.service.list(this.nextCursor);
    if (generation !== this.generation) return;
    runInAction(() => {
      this.loadingMore = false;
      if (!reply.ok) {
        this.error = userMessage(reply.error.code, reply.error.message);
        return;
      }
      const seen = new Set(this.orders.map((o) => o.orderId));
      this.orders = [...this.orders, ...reply.data.orders.filter((o) => !seen.has(o.orderId))];
      this.nextCursor = reply.data.nextCursor;
    });
  }

  dismissNotice(): void {
    this.notice = undefined;
  }

  /** Something created or changed an order elsewhere: reload the list when it is next shown. */
  markStale(): void {
    this.loaded = false;
  }

  ensureLoaded(): Promise<void> {
    return this.loaded || this.loading ? Promise.resolve() : this.load();
  }

  /** Show one order (detail page). */
  async open(orderId: string): Promise<void> {
    const generation = ++this.detailGeneration;
    if (this.detail?.orderId !== orderId) this.detail = undefined;
    this.detailLoading = true;
    this.detailError = undefined;
    this.notice = undefined;
    const reply = await this.service.get(orderId);
    if (generation !== this.detailGeneration) return;
    runInAction(() => {
      this.detailLoading = false;
      if (!reply.ok) {
        this.detailError = userMessage(reply.error.code, reply.error.message);
        return;
      }
      this.setDetail(reply.data);
    });
  }

  /** Keep the list in step with what the detail now shows. */
  private setDetail(order: OrderView): void {
    this.detail = order;
    const i = this.orders.findIndex((o) => o.orderId === order.orderId);
    if (i >= 0) this.orders[i] = order;
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
    this.generation++;
    this.detailGeneration++;
    this.orders = [];
    this.nextCursor = undefined;
    this.loading = false;
    this.loaded = false;
    this.loadingMore = false;
    this.error = undefined;
    this.detail = undefined;
    this.detailLoading = false;
    this.detailError = undefined;
    this.busy = undefined;
    this.notice = undefined;
  }
}
