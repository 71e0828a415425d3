import { makeAutoObservable, runInAction } from 'mobx';
import { userMessage } from '@shared/errors/messages';
import { formatYuan } from '@shared/money/format';
import type { PublicSettings } from '@shared/settings';
import { parseYuanInput } from '../format/money-input';
import { yuan2 } from '../format/yuan';
import type { IntentIds } from '../services/request-id';
import { changedOffer, type CardTerms, type LedgerEntry, type TopUpChoice, type TopUpOffer, type WalletBalance, type WalletRefundQuote, type WalletService } from '../services/wallet';
import type { CatalogStore } from './catalog-store';
import { Loader, readBoth } from './loader';
import { failure, info, success, type Notice } from './notice';
import { PagedList } from './paged-list';
import { requestRefund } from './refund-request';
import { unfinishedPayment, type PayStore } from './pay-store';

export const PAY_HOST_WALLET = 'wallet';

/** Ledger entry types as customers read them. */
export const ENTRY_LABELS: Record<string, string> = {
  topup: '充值',
  spend: '消费',
  'spend-refund': '退款',
  withdraw: '储值退款',
  'bonus-forfeit': '赠送作废',
  adjust: '调整',
  'topup-reversal': '充值退回',
};
export const entryLabel = (type: string) => ENTRY_LABELS[type] ?? '其他';

/** Choosing a top-up: one of the plans, or a custom amount typed in yuan. */
export type TopUpSelection = { kind: 'plan'; planId: string } | { kind: 'custom' };

/** 储值充值 ¥500 送 ¥50 — the pay sheet's title for a top-up, from the server's amounts. */
const topUpTitle = (o: TopUpOffer) => (o.bonusFen ? `储值充值 ${formatYuan(o.principalFen)} 送 ${formatYuan(o.bonusFen)}` : `储值充值 ${formatYuan(o.principalFen)}`);

/**
 * Stored value: balance (principal/bonus), card terms, top-up (WeChat Pay through PayStore),
 * the ledger (newest first, paged) and the refund of unused principal (quote first).
 */
export class WalletStore {
  balance: WalletBalance | undefined = undefined;
  terms: CardTerms | undefined = undefined;
  loading = false;
  loaded = false;
  error: string | undefined = undefined;

  /** 账户明细: the ledger, newest first, paged by the server. */
  readonly ledger: PagedList<LedgerEntry>;

  selection: TopUpSelection | undefined = undefined;
  customInput = '';
  termsTicked = false;
  toppingUp = false;

  quote: WalletRefundQuote | undefined = undefined;
  quoting = false;
  refunding = false;

  notice: Notice | undefined = undefined;
  private readonly loader = new Loader(this);

  constructor(
    private readonly service: WalletService,
    private readonly pay: PayStore,
    private readonly intents: IntentIds,
    /** Where the plan list lives: a refused stale offer is replaced there by the server's current one. */
    private readonly catalog?: Pick<CatalogStore, 'applyTopUpOffer' | 'load'>,
  ) {
    this.ledger = new PagedList<LedgerEntry>(async (cursor) => {
      const reply = await service.entries(cursor);
      return reply.ok ? { ok: true, data: { items: reply.data.entries, nextCursor: reply.data.nextCursor } } : reply;
    }, (e) => e._id);
    makeAutoObservable<WalletStore, 'service' | 'pay' | 'intents' | 'catalog' | 'loader'>(this, { ledger: false, service: false, pay: false, intents: false, catalog: false, loader: false });
  }

  /** The current card terms still need the customer's acceptance (first top-up, or a new version). */
  get needsTermsAcceptance(): boolean {
    return !!this.terms && this.terms.acceptedVersion !== this.terms.version;
  }

  /** Balance and card terms together (the page needs both), and the first page of the ledger beside them. */
  async load(): Promise<void> {
    await Promise.all([
      this.loader.load(
        () => readBoth(this.service.balance(), this.service.terms()),
        ([balance, terms]) => {
          this.balance = balance;
          this.terms = terms;
        },
      ),
      this.ledger.load(),
    ]);
  }

  ensureLoaded(): Promise<void> {
    return this.loader.ensureLoaded(() => this.load());
  }

  /** Only the balance (checkout shows it next to 余额支付). */
  async loadBalance(): Promise<void> {
    const reply = await this.service.balance();
    if (reply.ok) runInAction(() => (this.balance = reply.data));
  }

  select(selection: TopUpSelection): void {
    this.selection = selection;
    this.notice = undefined;
  }

  setCustomInput(text: string): void {
    this.customInput = text;
    this.selection = { kind: 'custom' };
  }

  setTermsTicked(v: boolean): void {
    this.termsTicked = v;
    if (v && this.notice?.tone === 'error') this.notice = undefined;
  }

  dismissNotice(): void {
    this.notice = undefined;
  }

  /** The top-up the current selection stands for, or the reason it cannot be made yet. */
  choice(settings: PublicSettings | undefined): { ok: true; choice: TopUpChoice; principalFen: number; bonusFen: number } | { ok: false; message: string } {
    const sel = this.selection;
    if (!sel || !settings) return { ok: false, message: '请先选择充值方案，或输入自定义金额。' };
    if (sel.kind === 'plan') {
      const plan = settings.topUpPlans.find((p) => p.id === sel.planId);
      if (!plan) return { ok: false, message: '该充值方案已下线，请重新选择。' };
      return { ok: true, choice: { planId: plan.id }, principalFen: plan.principalFen, bonusFen: plan.bonusFen };
    }
    const c = settings.customTopUp;
    if (!c.enabled) return { ok: false, message: '暂不支持自定义金额，请选择充值方案。' };
    const amountFen = parseYuanInput(this.customInput);
    if (amountFen === undefined || amountFen < c.minFen || amountFen > c.maxFen) {
      return { ok: false, message: `自定义金额需在 ${yuan2(c.minFen)} 至 ${yuan2(c.maxFen)} 之间（最多两位小数），请重新输入。` };
    }
    return { ok: true, choice: { amountFen }, principalFen: amountFen, bonusFen: 0 };
  }

  /** 立即充值: checks the selection and the terms tick, then creates the top-up order and pays it. */
  async topUp(settings: PublicSettings | undefined): Promise<boolean> {
    if (this.toppingUp || this.pay.busy) return false;
    const c = this.choice(settings);
    if (!c.ok) {
      this.notice = failure(c.message);
      return false;
    }
    if (this.needsTermsAcceptance && !this.termsTicked) {
      this.notice = failure('请先阅读并勾选同意《储值卡章程》，再进行充值。');
      return false;
    }
    // What the screen shows is what the customer confirms: it goes with the request, and it is part of
    // the intent, so confirming a changed offer is a new request (new id), while a retry of the same
    // confirmation (closed cashier, lost reply) keeps its id and gets its first order back.
    const shown: TopUpOffer = { principalFen: c.principalFen, bonusFen: c.bonusFen };
    const intent = `${'planId' in c.choice ? `topup:plan:${c.choice.planId}` : `topup:amount:${c.choice.amountFen}`}:${shown.principalFen}+${shown.bonusFen}`;
    this.toppingUp = true;
    this.notice = undefined;
    try {
      const reply = await this.service.topUp(c.choice, shown, this.termsTicked, this.intents.idFor(intent, 'topup'));
      if (!reply.ok) {
        this.intents.settleUnlessUnknown(intent, reply);
        // The terms changed since the page loaded: show the new text before asking again.
        if (reply.error.code === 'TERMS_NOT_ACCEPTED') void this.reloadTerms();
        // The offer changed since the plans were loaded: show the current one (the selection stays, so
        // 立即充值 now confirms it), then reload the plan list for any other change.
        if (reply.error.code === 'TOPUP_OFFER_CHANGED') {
          const offer = changedOffer(reply.error.details);
          if (offer && 'planId' in c.choice) this.catalog?.applyTopUpOffer({ planId: c.choice.planId, principalFen: offer.principalFen, bonusFen: offer.bonusFen });
          void this.catalog?.load();
        }
        runInAction(() => (this.notice = failure(userMessage(reply.error.code, reply.error.message))));
        return false;
      }
      const placed = reply.data;
      const outcome =
        placed.payment && placed.status === 'created'
          ? await this.pay.run({ host: PAY_HOST_WALLET, orderId: placed.orderId, payment: placed.payment, title: placed.topUp ? topUpTitle(placed.topUp) : '储值充值' })
          : placed.status === 'created' || placed.status === 'cancelled'
            ? ({ kind: 'closed', message: '该充值订单已关闭，请重新充值。' } as const)
            : ({ kind: 'paid' } as const);
      switch (outcome.kind) {
        case 'paid': {
          this.intents.settle(intent);
          // What was credited is the server's: the paid order's amounts (else the placed order's).
          const credited = ('order' in outcome ? outcome.order.topUp : undefined) ?? placed.topUp;
          await this.load();
          runInAction(() => {
            this.selection = undefined;
            this.customInput = '';
            this.termsTicked = false;
            const amounts = credited ? `${formatYuan(credited.principalFen + credited.bonusFen)} 已到账${credited.bonusFen ? `（含赠送 ${formatYuan(credited.bonusFen)}）` : ''}，` : '';
            this.notice = success(`充值成功，${amounts}当前余额 ${yuan2(this.balance?.totalFen ?? 0)}。`);
          });
          return true;
        }
        case 'cancelled':
          runInAction(() => (this.notice = info('已取消支付，充值订单为您保留，可再次点击「立即充值」继续支付。')));
          return false;
        case 'closed':
        case 'pending':
        case 'failed':
          runInAction(() => (this.notice = unfinishedPayment(outcome, this.intents, intent)));
          if (outcome.kind === 'closed') void this.load();
          return false;
      }
    } finally {
      runInAction(() => (this.toppingUp = false));
    }
  }

  private async reloadTerms(): Promise<void> {
    const t = await this.service.terms();
    if (t.ok) runInAction(() => (this.terms = t.data));
  }

  /** 申请退款, step 1: the quote, shown in the confirm dialog before anything moves. */
  async loadQuote(): Promise<WalletRefundQuote | undefined> {
    if (this.quoting) return undefined;
    this.quoting = true;
    this.notice = undefined;
    const reply = await this.service.refundQuote();
    runInAction(() => {
      this.quoting = false;
      if (!reply.ok) {
        this.notice = failure(userMessage(reply.error.code, reply.error.message));
        this.quote = undefined;
        return;
      }
      this.quote = reply.data;
      if (reply.data.refundableFen <= 0) this.notice = info('当前没有可退还的充值本金。赠送金额不可退还。');
    });
    return reply.ok && reply.data.refundableFen > 0 ? reply.data : undefined;
  }

  /** Step 2, after the customer confirmed the quoted amounts. */
  async refund(): Promise<boolean> {
    const r = await requestRefund(this, this.intents, 'wallet-refund', 'wref', (id) => this.service.refund(id));
    if (!r) return false;
    await this.load();
    runInAction(() => {
      this.quote = undefined;
      const forfeit = r.forfeitBonusFen ? `，赠送金额 ${formatYuan(r.forfeitBonusFen)} 已作废` : '';
      this.notice = success(
        r.status === 'succeeded'
          ? `本金 ${formatYuan(r.amountFen)} 已原路退回${forfeit}。`
          : `退还本金 ${formatYuan(r.amountFen)} 已提交，微信处理中：将原路退回微信支付（零钱一般 5 分钟内、银行卡 1–3 个工作日到账）${forfeit}。`,
      );
    });
    return true;
  }

  reset(): void {
    this.loader.reset();
    this.ledger.reset();
    this.balance = undefined;
    this.terms = undefined;
    this.selection = undefined;
    this.customInput = '';
    this.termsTicked = false;
    this.toppingUp = false;
    this.quote = undefined;
    this.quoting = false;
    this.refunding = false;
    this.notice = undefined;
  }
}
