import { makeAutoObservable, runInAction } from 'mobx';
import { userMessage } from '@shared/errors/messages';
import { formatYuan } from '@shared/money/format';
import { fullDate } from '../format/date';
import { toDelivery, type DeliveryForm } from '../format/delivery';
import type { IntentIds } from '../services/request-id';
import type { MembershipRefundQuote, MembershipService, MembershipStatus } from '../services/membership';
import { Loader } from './loader';
import { failure, info, success, type Notice } from './notice';
import { requestRefund } from './refund-request';
import { unfinishedPayment, type PayOutcome, type PayStore } from './pay-store';

export const PAY_HOST_MEMBER = 'member';

/** How a buy ended; 'paid' needs no order details here (the status is reloaded). */
type Ended = { kind: 'paid' } | Exclude<PayOutcome, { kind: 'paid' }>;

// The claim form moved to format/delivery (tier gifts use it too); re-exported for existing callers.
export { emptyDeliveryForm, toDelivery, type DeliveryForm } from '../format/delivery';

/**
 * Membership status, buying/renewing (WeChat Pay through PayStore), the welcome gift pack claim and
 * the membership refund. Every mutation carries one request id per intent (IntentIds).
 */
export class MembershipStore {
  status: MembershipStatus | undefined = undefined;
  loading = false;
  loaded = false;
  error: string | undefined = undefined;
  quote: MembershipRefundQuote | undefined = undefined;
  /** Plan id being bought, while the buy/pay flow runs. */
  buying: string | undefined = undefined;
  claiming = false;
  refunding = false;
  notice: Notice | undefined = undefined;
  private readonly loader = new Loader(this);

  constructor(
    private readonly service: MembershipService,
    private readonly pay: PayStore,
    private readonly intents: IntentIds,
  ) {
    makeAutoObservable<MembershipStore, 'service' | 'pay' | 'intents' | 'loader'>(this, { service: false, pay: false, intents: false, loader: false });
  }

  get isActive(): boolean {
    return this.status?.active === true;
  }

  async load(): Promise<void> {
    const read = async () => {
      const [status, quote] = await Promise.all([this.service.status(), this.service.refundQuote()]);
      // The quote is secondary: without it the refund section just says it cannot load.
      return status.ok ? { ok: true as const, data: { status: status.data, quote: quote.ok ? quote.data : undefined } } : status;
    };
    await this.loader.load(read, (d) => {
      this.status = d.status;
      this.quote = d.quote;
    });
  }

  ensureLoaded(): Promise<void> {
    return this.loader.ensureLoaded(() => this.load());
  }

  dismissNotice(): void {
    this.notice = undefined;
  }

  /** 立即开通 / 续费: create the membership order and pay it. Resolves to how the attempt ended. */
  async buy(plan: { id: string; name: string }): Promise<Ended['kind'] | undefined> {
    if (this.buying || this.pay.busy) return undefined;
    const intent = `membership-buy:${plan.id}`;
    this.buying = plan.id;
    this.notice = undefined;
    const wasActive = this.isActive;
    try {
      const reply = await this.service.buy(plan.id, this.intents.idFor(intent, 'mbr'));
      if (!reply.ok) {
        this.intents.settleUnlessUnknown(intent, reply);
        runInAction(() => (this.notice = failure(userMessage(reply.error.code, reply.error.message))));
        return undefined;
      }
      const placed = reply.data;
      let outcome: Ended;
      if (placed.payment && placed.status === 'created') {
        outcome = await this.pay.run({ host: PAY_HOST_MEMBER, orderId: placed.orderId, payment: placed.payment, title: plan.name });
      } else if (placed.status === 'created' || placed.status === 'cancelled') {
        outcome = { kind: 'failed', message: '该会员订单已关闭，请再次点击按钮重新下单。' };
        this.intents.settle(intent);
      } else {
        // A retried request whose order was already paid (the first reply had been lost).
        outcome = { kind: 'paid' };
      }
      await this.afterPay(intent, outcome, plan.name, wasActive);
      return outcome.kind;
    } finally {
      runInAction(() => (this.buying = undefined));
    }
  }

  private async afterPay(intent: string, outcome: Ended, planName: string, wasActive: boolean): Promise<void> {
    switch (outcome.kind) {
      case 'paid': {
        this.intents.settle(intent);
        await this.load();
        const until = this.status?.expiresAt ? `，有效期至 ${fullDate(this.status.expiresAt)}` : '';
        runInAction(() => (this.notice = success(`${wasActive ? '续费成功' : `开通成功，欢迎成为${planName}`}${until}。`)));
        return;
      }
      case 'cancelled':
        // Same intent next time: the server hands back the same pending order.
        runInAction(() => (this.notice = info('已取消支付，订单为您保留，可再次点击按钮继续支付。')));
        return;
      case 'closed':
      case 'pending':
      case 'failed':
        runInAction(() => (this.notice = unfinishedPayment(outcome, this.intents, intent)));
        return;
    }
  }

  /** Claim the welcome gift pack with a checked delivery choice. */
  async claim(form: DeliveryForm): Promise<boolean> {
    const pack = this.status?.giftPack;
    if (!pack || this.claiming) return false;
    const checked = toDelivery(form);
    if (!checked.ok) {
      this.notice = failure(checked.message);
      return false;
    }
    const intent = `claim:${pack.entitlementId}`;
    this.claiming = true;
    this.notice = undefined;
    const reply = await this.service.claimPack(pack.entitlementId, checked.delivery, this.intents.idFor(intent, 'claim'));
    this.intents.settleUnlessUnknown(intent, reply);
    runInAction(() => {
      this.claiming = false;
      if (!reply.ok) {
        this.notice = failure(userMessage(reply.error.code, reply.error.message));
        return;
      }
      if (this.status) this.status = { ...this.status, giftPack: reply.data };
      this.notice = success(
        checked.delivery.method === 'pickup' ? `「${reply.data.name}」领取成功，请到店出示会员码自提。` : `「${reply.data.name}」领取成功，我们会尽快寄出，请留意物流信息。`,
      );
    });
    void this.refreshQuote();
    return reply.ok;
  }

  /** After the confirm dialog: refund the latest membership term. */
  async refund(): Promise<boolean> {
    const r = await requestRefund(this, this.intents, 'membership-refund', 'mref', (id) => this.service.refund(id));
    if (!r) return false;
    await this.load();
    runInAction(() => {
      this.notice = success(
        r.status === 'succeeded'
          ? `会员费 ${formatYuan(r.amountFen)} 已退回，会员资格已取消。`
          : `会员资格已取消，会员费 ${formatYuan(r.amountFen)} 退款已提交，微信处理中：将原路退回（零钱一般 5 分钟内、银行卡 1–3 个工作日到账）。`,
      );
    });
    return true;
  }

  async refreshQuote(): Promise<void> {
    const q = await this.service.refundQuote();
    if (q.ok) runInAction(() => (this.quote = q.data));
  }

  reset(): void {
    this.loader.reset();
    this.status = undefined;
    this.quote = undefined;
    this.buying = undefined;
    this.claiming = false;
    this.refunding = false;
    this.notice = undefined;
  }
}
