import { feeRefund, memberSavingsFen } from '@shared/membership/refund';
import type { GiftPackView } from '@shared/api/membership';
import type { RefundResult } from '@shared/api/order';
import type { LedgerEntry } from '@shared/api/wallet';
import type { ErrorCode } from '@shared/errors/codes';
import { fail, ok } from '@shared/errors/result';
import { formatYuan } from '@shared/money/format';
import { priceLines } from '@shared/promotions/pricing';
import { ORDER_STATE_LABELS } from '@shared/orders/states';
import type { PaymentHandle } from '@shared/schemas/payment';
import type { PublicProduct } from '@shared/schemas/product';
import type { Delivery, Fulfilment } from '@shared/gifts/delivery';
import { addressOf, recordUse, removeAddress, type SavedAddress } from '@shared/gifts/address-book';
import { businessDate } from '@shared/time';
import { fulfilmentView, initialFulfilment, type OrderFulfilment } from '@shared/orders/fulfilment';
import { COUNTED_ORDER_TABS, inTab, type CustomerOrderTab, type OrderTabCounts } from '@shared/orders/customer-tabs';
import type { GiftClaimView, TierGiftStatus, TierView, TiersView } from '@shared/tiers/view';
import type { TrialUseView } from '@shared/trials/view';
import type { CloudBackend } from './cloud-bridge';
import { contractOf, parseCall, type FakeActions } from './contract-check';
import { FAKE_FILE_PREFIX, opsCloud, type FakeOrder, type OpsCloud } from './ops-cloud';
import { checkNickname, EMPTY_DISPLAY_PROFILE, type CustomerDisplay, type DisplayProfileView } from '@shared/customers/display-profile';
import { seedCatalog, seedDocuments } from './seed-cloud';

/**
 * An in-memory model of the money functions (membership, wallet, order) and of the tier/trial/ops
 * functions (member, ops) for ONE customer, for
 * simulate page tests and store tests that must run without the local server. It follows the
 * API.md contract closely enough to catch a client that sends the wrong shape: inputs are checked
 * with strict schemas like the handlers' (unknown keys → INVALID_INPUT), mutations are idempotent
 * by requestId, WeChat orders stay 'created' until `completePayment` plays the payment callback.
 * It is a fake, not the backend: the real rules are tested against the emulator in cloudfunctions/.
 */
const DAY = 86_400_000;

/** The customer this model plays (what ops lists show as the claimer's openid). */
export const SIM_OPENID = 'cust_sim';
const CLAIM_DAYS = 90;

type Status = 'created' | 'paid' | 'partially_refunded' | 'refunded' | 'cancelled';
interface Line {
  productId: string;
  name: string;
  kind: 'regular' | 'trial';
  qty: number;
  unitFen: number;
  listUnitFen: number;
  memberPriceApplied: boolean;
  lineTotalFen: number;
  refundedQty: number;
  physical: boolean;
}
interface Order {
  orderId: string;
  /** Whose order (SIM_OPENID unless added for the operator lists). */
  openid: string;
  delivery?: Delivery;
  fulfilment?: OrderFulfilment;
  kind: 'product' | 'membership' | 'topup';
  status: Status;
  title: string;
  lines: Line[];
  totalFen: number;
  payWith: 'wechat' | 'balance' | 'combined';
  /** 组合支付: the balance part (reserved until WeChat's part is paid) and WeChat's part. */
  combined?: { balanceFen: number; principalFen: number; bonusFen: number; cashFen: number };
  createdAt: number;
  paidAt?: number;
  refundedFen: number;
  balancePaid?: { principalFen: number; bonusFen: number };
  topUp?: { principalFen: number; bonusFen: number };
  membership?: { planName: string; termDays: number };
  /** WeChat refunds stay 'pending' (退款处理中) until WeChat's result, as on the server; balance ones succeed at once. */
  refunds: Array<{ refundId: string; amountFen: number; status: 'pending' | 'succeeded' | 'failed'; createdAt: number }>;
}
/** The fake's ledger lines are the wire's (shared/api/wallet.ts). */
type Entry = LedgerEntry;

export interface MoneyCloud {
  backend: CloudBackend;
  catalog: ReturnType<typeof seedCatalog>;
  /** The payment callback for `outTradeNo` (what WeChat Pay delivers after the customer pays). */
  completePayment(outTradeNo: string): void;
  /** outTradeNo of the most recent payment handle handed out. */
  lastPayment(): PaymentHandle | undefined;
  state: {
    principalFen: number;
    bonusFen: number;
    /** Reserved by unpaid 组合支付 orders. */
    heldFen: number;
    termsVersion?: string;
    memberUntil?: number;
    /** 提前续费奖励 as the server would offer it now (set by a test; the server decides it from settings and the expiry). */
    renewalOffer?: { couponName: string; daysBefore: number };
    orders: Map<string, Order>;
    entries: Entry[];
    /** Qualifying spend (paid product and membership money, principal part of balance payments, less refunds). */
    spendFen: number;
    /** Tier gifts granted to this customer, by gift id. */
    granted: Map<string, { entitlementId: string; claimDeadline: number }>;
    /** Remaining stock per gift id (absent = plenty). */
    stock: Map<string, number>;
    /** Every claimed gift the operator list shows (this customer's and `addClaim`ed ones). */
    claims: Map<string, GiftClaimView>;
    trials: TrialUseView[];
    role: { operator: boolean; owner: boolean };
    /** Display profiles (头像昵称) by openid: this customer's own saves, and others' set by a test. */
    displays: Map<string, { nickname?: string; avatarFileID?: string; consentAt: number; updatedAt: number }>;
    /** The customer's address book (customer.addresses), last used first: filled by what orders and claims used. */
    addresses: SavedAddress[];
  };
  /** Set the qualifying spend (grants every gift whose threshold it reaches, as the tier consumer does). */
  setSpend(fen: number): void;
  /** A claim by another customer, for the operator list. */
  addClaim(claim: Partial<GiftClaimView> & { delivery: Delivery }): GiftClaimView;
  /** Move the fake's clock. */
  now: () => number;
  advance(ms: number): void;
  /** Make the next call to `fnAction` (e.g. 'order.create') answer this instead. */
  failNext(fnAction: string, code: string, message: string): void;
  /** The back office: admin catalog, images, shipping uploads, audit, settings document. */
  ops: OpsCloud;
  /** A paid product order by another customer, for the operator's fulfilment list. */
  addPaidOrder(o: { openid?: string; productId?: string; qty?: number; payWith?: 'wechat' | 'balance'; delivery?: Delivery }): string;
}

export function moneyCloud(opts: { provider?: 'cloudpay' | 'local'; pageSize?: number } = {}): MoneyCloud {
  const catalog = seedCatalog();
  const settings = catalog.settings;
  const provider = opts.provider ?? 'cloudpay';
  const pageSize = opts.pageSize ?? 30;
  let clock = Date.now();
  let seq = 0;
  const state: MoneyCloud['state'] = {
    principalFen: 0,
    bonusFen: 0,
    heldFen: 0,
    orders: new Map(),
    entries: [],
    spendFen: 0,
    granted: new Map(),
    stock: new Map(),
    claims: new Map(),
    trials: [],
    role: { operator: false, owner: false },
    displays: new Map(),
    addresses: [],
  };
  // As the server does after an order or a claim committed: a 快递到家 address goes to the front of the book.
  const useAddress = (d: unknown) => {
    const a = addressOf(d as Delivery | undefined);
    if (a) state.addresses = recordUse(state.addresses, a, clock);
  };
  const recorded = <R extends { ok: boolean }>(d: unknown, r: R): R => {
    if (r.ok) useAddress(d);
    return r;
  };
  const byRequest = new Map<string, unknown>();
  const cart: Array<{ productId: string; qty: number; addedAt: number }> = [];
  const payments = new Map<string, string>(); // outTradeNo → orderId
  let last: PaymentHandle | undefined;
  let entitlement: { entitlementId: string; status: 'available' | 'claimed' | 'void'; delivery?: Delivery; orderId: string } | undefined;
  const forced = new Map<string, { code: string; message: string }>();

  // The stored documents behind the catalog (costs, `physical`, revisions): what the back office edits.
  const docs = seedDocuments(clock);
  const physicalOf = (productId: string) => ops.state.products.get(productId)?.physical ?? true;
  const ops: OpsCloud = opsCloud(
    {
      now: () => clock,
      tick: () => clock++,
      nextId: (prefix) => `${prefix}_${(++seq).toString().padStart(10, '0')}`,
      role: () => state.role,
      orders: () => state.orders.values() as Iterable<FakeOrder>,
      order: (id) => state.orders.get(id) as FakeOrder | undefined,
      customer: (openid) => displayOf(openid),
      pageSize,
    },
    docs.products,
    docs.settings,
  );

  /** A paid product order of another customer (the operator's to-ship list). */
  const addPaidOrder: MoneyCloud['addPaidOrder'] = (x) => {
    const p = ops.state.products.get(x.productId ?? 'prd_cream')!;
    const qty = x.qty ?? 1;
    const physical = p.physical;
    const o: Order = {
      orderId: nextId('ord'),
      openid: x.openid ?? 'cust_other',
      kind: 'product',
      status: 'paid',
      title: `${p.name} ×${qty}`,
      lines: [{ productId: p._id, name: p.name, kind: p.kind, qty, unitFen: p.priceFen, listUnitFen: p.priceFen, memberPriceApplied: false, lineTotalFen: p.priceFen * qty, refundedQty: 0, physical }],
      totalFen: p.priceFen * qty,
      payWith: x.payWith ?? 'wechat',
      createdAt: clock++,
      paidAt: clock++,
      refundedFen: 0,
      refunds: [],
      ...(x.delivery && physical ? { delivery: x.delivery } : {}),
    };
    o.fulfilment = initialFulfilment(o, clock);
    state.orders.set(o.orderId, o);
    return o.orderId;
  };

  /** A saved avatar's temp URL in this fake (a cloud:// id → an https address, like getTempFileURL). */
  const avatarUrlOf = (fileID: string) => `https://sim.tcb/${fileID.replace(/^cloud:\/\/[^/]+\//, '')}`;
  function displayOf(openid: string): CustomerDisplay {
    const d = state.displays.get(openid);
    return { nickname: d?.nickname ?? null, avatarUrl: d?.avatarFileID ? avatarUrlOf(d.avatarFileID) : null };
  }
  const profileView = (): DisplayProfileView => {
    const d = state.displays.get(SIM_OPENID);
    if (!d) return EMPTY_DISPLAY_PROFILE;
    return { nickname: d.nickname ?? null, avatarFileID: d.avatarFileID ?? null, avatarUrl: d.avatarFileID ? avatarUrlOf(d.avatarFileID) : null, consentAt: d.consentAt, updatedAt: d.updatedAt };
  };
  let avatarSeq = 0;

  const nextId = (prefix: string) => `${prefix}_${(++seq).toString().padStart(10, '0')}`;
  const memberActive = () => state.memberUntil !== undefined && state.memberUntil > clock;
  const total = () => state.principalFen + state.bonusFen;
  /** Spendable: what unpaid 组合支付 orders reserved is not. */
  const free = () => total() - state.heldFen;
  /** A balance amount split principal : bonus as the wallet holds them (the server's proportional rule, one lot). */
  const splitOf = (balanceFen: number) => {
    const principalFen = total() === 0 ? 0 : Math.round((balanceFen * state.principalFen) / total());
    return { balanceFen, principalFen, bonusFen: balanceFen - principalFen };
  };

  const addEntry = (type: string, p: number, b: number, memo: string, orderId?: string) => {
    state.principalFen += p;
    state.bonusFen += b;
    state.entries.unshift({ _id: nextId('ent'), type, principalDeltaFen: p, bonusDeltaFen: b, balanceAfterFen: total(), memo, at: clock++, ...(orderId ? { orderId } : {}) });
  };

  // ---- spend tiers (member.tiers / claimGift), trials, operator claims ----
  const tierList = () => [...settings.tiers].sort((a, b) => a.thresholdFen - b.thresholdFen);

  /** Grants are one-way: reaching a threshold grants its gift once; refunds only suspend it. */
  const setSpend = (fen: number) => {
    state.spendFen = Math.max(0, fen);
    for (const t of tierList()) {
      if (state.spendFen >= t.thresholdFen && !state.granted.has(t.gift.id)) {
        state.granted.set(t.gift.id, { entitlementId: `ent_tier_${t.gift.id}`, claimDeadline: clock + CLAIM_DAYS * DAY });
      }
    }
  };

  const tierStatus = (t: { thresholdFen: number; gift: { id: string } }): TierGiftStatus => {
    const g = state.granted.get(t.gift.id);
    if (!g) return 'locked';
    if (state.claims.has(g.entitlementId)) return 'claimed';
    if (g.claimDeadline < clock) return 'expired';
    return state.spendFen < t.thresholdFen ? 'suspended' : 'available';
  };

  const tierView = (t: ReturnType<typeof tierList>[number]): TierView => {
    const g = state.granted.get(t.gift.id);
    const claim = g ? state.claims.get(g.entitlementId) : undefined;
    return {
      thresholdFen: t.thresholdFen,
      giftId: t.gift.id,
      giftName: t.gift.name,
      items: t.gift.items,
      valueFen: t.gift.valueFen,
      status: tierStatus(t),
      gapFen: Math.max(0, t.thresholdFen - state.spendFen),
      ...(g ? { entitlementId: g.entitlementId, claimDeadline: g.claimDeadline } : {}),
      ...(claim ? { claimedAt: claim.claimedAt, delivery: claim.delivery, fulfilment: claim.fulfilment } : {}),
    };
  };

  const tiersView = (): TiersView => {
    const next = tierList().find((t) => !state.granted.has(t.gift.id));
    return {
      qualifyingSpendFen: state.spendFen,
      tiers: tierList().map(tierView),
      nextGapFen: next ? next.thresholdFen - state.spendFen : null,
      ...(next ? { nextGift: { giftId: next.gift.id, name: next.gift.name, thresholdFen: next.thresholdFen } } : {}),
    };
  };

  const addClaim = (c: Partial<GiftClaimView> & { delivery: Delivery }): GiftClaimView => {
    const claim: GiftClaimView = {
      entitlementId: c.entitlementId ?? nextId('ent'),
      openid: c.openid ?? 'cust_other',
      source: c.source ?? 'tier',
      giftId: c.giftId ?? 'tier-5k',
      name: c.name ?? '¥5,000 消费礼',
      items: c.items ?? ['精选礼盒'],
      valueFen: c.valueFen ?? 30_000,
      claimedAt: c.claimedAt ?? clock++,
      delivery: c.delivery,
      fulfilment: c.fulfilment ?? { state: 'pending' },
    };
    state.claims.set(claim.entitlementId, claim);
    return claim;
  };

  const OPS_FORBIDDEN = () => fail('FORBIDDEN', '仅运营人员可以查看和处理礼品发货，如需开通请联系店铺管理员。');

  /** Ship or mark picked up: idempotent by requestId, only from 'pending', only for the matching method. */
  const fulfil = (i: Record<string, unknown>, method: Delivery['method'], next: Fulfilment) => {
    if (!state.role.operator) return OPS_FORBIDDEN();
    const prior = byRequest.get(i.requestId as string) as GiftClaimView | undefined;
    if (prior) return ok(prior);
    const claim = state.claims.get(i.entitlementId as string);
    if (!claim) return fail('NOT_FOUND', '没有找到该领取记录，请刷新列表。');
    if (claim.delivery.method !== method) {
      return fail('INVALID_STATE', method === 'address' ? '该礼品为到店自提，无需发货，请使用「确认已自提」。' : '该礼品为快递到家，请填写运单号发货。');
    }
    if (claim.fulfilment.state !== 'pending') return fail('INVALID_STATE', '该礼品已处理（已发货或已自提），请刷新列表查看。');
    claim.fulfilment = { ...next, at: clock++, by: 'op_sim' };
    byRequest.set(i.requestId as string, claim);
    return ok(claim);
  };

  const view = (o: Order) => {
    const paid = o.status === 'paid' || o.status === 'partially_refunded';
    const refundableFen = o.kind === 'product' && paid ? o.totalFen - o.refundedFen : 0;
    return {
      orderId: o.orderId,
      kind: o.kind,
      status: o.status,
      statusLabel: ORDER_STATE_LABELS[o.status],
      title: o.title,
      lines: o.lines.map(({ physical: _physical, ...l }) => l),
      totalFen: o.totalFen,
      payWith: o.payWith,
      createdAt: o.createdAt,
      ...(o.paidAt ? { paidAt: o.paidAt } : {}),
      payDeadline: o.createdAt + 30 * 60_000,
      refundedFen: o.refundedFen,
      canRefund: refundableFen > 0,
      refundableFen,
      ...(o.balancePaid ? { balancePaid: o.balancePaid } : {}),
      ...(o.combined ? { combined: o.combined } : {}),
      ...(o.topUp ? { topUp: o.topUp } : {}),
      ...(o.membership ? { membership: { planName: o.membership.planName } } : {}),
      refunds: o.refunds,
      ...(o.fulfilment ? { fulfilment: fulfilmentView(o.fulfilment, o.delivery?.method) } : {}),
      ...(o.delivery ? { delivery: o.delivery } : {}),
    };
  };

  const handle = (o: Order): PaymentHandle => {
    payments.set(o.orderId, o.orderId);
    last = {
      outTradeNo: o.orderId,
      totalFen: o.combined?.cashFen ?? o.totalFen,
      provider,
      params: { timeStamp: String(Math.floor(clock / 1000)), nonceStr: `n${seq}`, package: `prepay_id=wx${o.orderId}`, signType: 'HMAC-SHA256', paySign: `sig-${o.orderId}` },
    };
    return last;
  };

  /** Creates the order once per requestId; a retry answers the first result. */
  const place = (rid: string, make: () => Order | ReturnType<typeof fail>) => {
    const prior = byRequest.get(rid) as Order | undefined;
    const o = prior ?? make();
    if ('ok' in o) return o;
    if (!prior) {
      byRequest.set(rid, o);
      state.orders.set(o.orderId, o);
    }
    const placed = { orderId: o.orderId, status: o.status, totalFen: o.totalFen, ...(o.combined ? { combined: o.combined } : {}), ...(o.topUp ? { topUp: o.topUp } : {}) };
    return ok(o.status === 'created' && o.payWith !== 'balance' ? { ...placed, payment: handle(o) } : placed);
  };

  function completePayment(outTradeNo: string) {
    const o = state.orders.get(payments.get(outTradeNo) ?? '');
    if (!o || o.status !== 'created') return;
    o.status = 'paid';
    o.paidAt = clock++;
    o.fulfilment = initialFulfilment(o, clock);
    if (o.combined) {
      // The reservation is drawn now, with WeChat's part.
      state.heldFen -= o.combined.balanceFen;
      o.balancePaid = { principalFen: o.combined.principalFen, bonusFen: o.combined.bonusFen };
      addEntry('spend', -o.combined.principalFen, -o.combined.bonusFen, `消费（组合支付）：${o.title}`, o.orderId);
    }
    if (o.kind !== 'topup') setSpend(state.spendFen + o.totalFen - (o.combined?.bonusFen ?? 0));
    for (const u of state.trials) if (u.orderId === o.orderId) u.status = 'used';
    if (o.kind === 'topup') addEntry('topup', o.topUp!.principalFen, o.topUp!.bonusFen, `充值：${o.title}`, o.orderId);
    if (o.kind === 'membership') {
      state.memberUntil = Math.max(clock, state.memberUntil ?? 0) + o.membership!.termDays * DAY;
      entitlement = { entitlementId: `ent_welcome_${o.orderId}`, status: 'available', orderId: o.orderId };
    }
  }

  const actions: FakeActions = {
    'membership.status': () => {
      const plan = settings.membershipPlans[0];
      const st = state.memberUntil === undefined ? 'none' : memberActive() ? 'active' : 'lapsed';
      return ok({
        active: memberActive(),
        status: st,
        ...(state.memberUntil ? { expiresAt: state.memberUntil } : {}),
        ...(state.renewalOffer && memberActive() ? { earlyRenewalReward: state.renewalOffer } : {}),
        ...(entitlement && plan?.giftPack
          ? { giftPack: { entitlementId: entitlement.entitlementId, name: plan.giftPack.name, items: plan.giftPack.items, valueFen: plan.giftPack.valueFen, status: entitlement.status, claimDeadline: clock + 90 * DAY, ...(entitlement.delivery ? { delivery: entitlement.delivery } : {}) } }
          : {}),
      });
    },
    'membership.buy': (i) =>
      place(i.requestId as string, () => {
        const plan = settings.membershipPlans.find((p) => p.id === i.planId);
        if (!plan) return fail('NOT_FOUND', '该会员方案已下线，请刷新后重新选择。');
        return { orderId: nextId('ord'), openid: SIM_OPENID, kind: 'membership', status: 'created', title: plan.name, lines: [], totalFen: plan.priceFen, payWith: 'wechat', createdAt: clock++, refundedFen: 0, refunds: [], membership: { planName: plan.name, termDays: plan.termDays } };
      }),
    'membership.claimPack': (i) => {
      if (!entitlement || entitlement.entitlementId !== i.entitlementId) return fail('NOT_FOUND', '没有找到该礼包，请刷新后查看。');
      if (entitlement.status === 'void') return fail('GIFT_NOT_CLAIMABLE', '会员费已退款，礼包已作废。');
      entitlement.status = 'claimed';
      entitlement.delivery = i.delivery;
      useAddress(i.delivery);
      const status = actions['membership.status']!({}) as { data: { giftPack: GiftPackView } };
      return ok(status.data.giftPack);
    },
    'membership.refundQuote': () => {
      const o = entitlement ? state.orders.get(entitlement.orderId) : undefined;
      if (!o || o.status !== 'paid') return ok({ refundable: false, refundableFen: 0, deductFen: 0, savingsFen: 0, reason: '您还没有可退款的会员费。' });
      // The server's rule (shared/membership/refund.ts); this model sells nothing at member price, so no savings.
      const policy = { claimedPack: 'deduct-value', savings: 'deduct' } as const; // the defaults
      const base = { paidFen: o.totalFen, packClaimed: entitlement!.status === 'claimed', packValueFen: settings.membershipPlans[0]?.giftPack?.valueFen ?? 0, savingsFen: 0, policy };
      const f = feeRefund(base);
      if (!f.refundable) return ok({ refundable: false, refundableFen: 0, deductFen: f.packFen, savingsFen: 0, reason: '入会礼包已领取，其价值不低于会员费，会员费不再退还。' });
      const after = entitlement!.status === 'available' ? feeRefund({ ...base, packClaimed: true }) : undefined;
      const ifPackClaimed = after ? (after.refundable ? { refundableFen: after.refundableFen, forfeitFen: f.refundableFen - after.refundableFen, denied: false } : { refundableFen: 0, forfeitFen: f.refundableFen, denied: after.reason === 'pack-claimed-deny' }) : undefined;
      return ok({ refundable: true, refundableFen: f.refundableFen, paidFen: o.totalFen, deductFen: f.packFen, savingsFen: 0, policy, orderId: o.orderId, ...(ifPackClaimed ? { ifPackClaimed } : {}) });
    },
    'membership.refund': (i) => {
      const prior = byRequest.get(i.requestId as string) as RefundResult | undefined;
      if (prior) return ok(prior);
      const q = (actions['membership.refundQuote']!({}) as { data: { refundable: boolean; refundableFen: number; reason?: string } }).data;
      if (!q.refundable) return fail('REFUND_NOT_ALLOWED', q.reason ?? '会员费当前不能退款。');
      const o = state.orders.get(entitlement!.orderId)!;
      o.status = 'refunded';
      o.refundedFen = q.refundableFen;
      state.memberUntil = clock;
      if (entitlement!.status === 'available') entitlement!.status = 'void';
      // Paid by WeChat: 退款处理中 until WeChat's result arrives.
      const r: RefundResult = { refundId: nextId('rfd'), status: 'pending', amountFen: q.refundableFen };
      byRequest.set(i.requestId as string, r);
      return ok(r);
    },
    'wallet.terms': () => ok({ version: settings.cardTerms.version, text: settings.cardTerms.text, ...(state.termsVersion ? { acceptedVersion: state.termsVersion } : {}) }),
    'wallet.balance': () => ok({ principalFen: state.principalFen, bonusFen: state.bonusFen, totalFen: total(), capFen: settings.namedBalanceCapFen, ...(state.heldFen ? { heldFen: state.heldFen } : {}) }),
    'wallet.entries': (i) => {
      const start = typeof i.cursor === 'number' ? i.cursor : 0;
      const page = state.entries.slice(start, start + pageSize);
      return ok({ entries: page, ...(start + pageSize < state.entries.length ? { nextCursor: start + pageSize } : {}) });
    },
    'wallet.topUp': (i) => {
      if ((i.planId === undefined) === (i.amountFen === undefined)) return fail('INVALID_INPUT', '请选择一个充值方案，或输入自定义金额（二选一）。');
      // Like the handler: a retry is judged by its own order's amounts, a new request by the current plan,
      // and a confirmation of other amounts is refused with the current offer before anything happens.
      const prior = byRequest.get(i.requestId as string) as Order | undefined;
      const plan = i.planId !== undefined ? settings.topUpPlans.find((p) => p.id === i.planId) : undefined;
      if (!prior && i.planId !== undefined && !plan) return fail('NOT_FOUND', '该充值方案已下线，请刷新后重新选择。');
      const current = plan ? { principalFen: plan.principalFen, bonusFen: plan.bonusFen } : { principalFen: i.amountFen as number, bonusFen: 0 };
      const offer = prior?.topUp ?? current;
      const expected = i.expected as { principalFen: number; bonusFen: number } | undefined;
      if (expected && (expected.principalFen !== offer.principalFen || expected.bonusFen !== offer.bonusFen)) {
        const text = current.bonusFen ? `充 ${formatYuan(current.principalFen)} 送 ${formatYuan(current.bonusFen)}（到账 ${formatYuan(current.principalFen + current.bonusFen)}）` : `充 ${formatYuan(current.principalFen)}（无赠送）`;
        return fail('TOPUP_OFFER_CHANGED', `充值优惠已更新：现为${text}，请确认后再充值。`, { offer: { ...(plan ? { planId: plan.id } : {}), ...current } });
      }
      if (state.termsVersion !== settings.cardTerms.version) {
        if (i.acceptTerms !== true) return fail('TERMS_NOT_ACCEPTED', `充值前请阅读并同意《储值卡章程》（${settings.cardTerms.version} 版）。`);
        state.termsVersion = settings.cardTerms.version;
      }
      return place(i.requestId as string, () => {
        const { principalFen, bonusFen } = offer;
        if (total() + principalFen + bonusFen > settings.namedBalanceCapFen) return fail('TOPUP_CAP_EXCEEDED', `储值余额上限为 ${formatYuan(settings.namedBalanceCapFen)}，请选择更小的金额。`);
        const title = bonusFen ? `储值充值 ${formatYuan(principalFen)} 送 ${formatYuan(bonusFen)}` : `储值充值 ${formatYuan(principalFen)}`;
        return { orderId: nextId('ord'), openid: SIM_OPENID, kind: 'topup', status: 'created', title, lines: [], totalFen: principalFen, payWith: 'wechat', createdAt: clock++, refundedFen: 0, refunds: [], topUp: { principalFen, bonusFen } };
      });
    },
    'wallet.refundQuote': () => ok({ refundableFen: state.principalFen, forfeitBonusFen: state.bonusFen }),
    'wallet.refund': (i) => {
      const prior = byRequest.get(i.requestId as string) as RefundResult | undefined;
      if (prior) return ok(prior);
      if (state.principalFen <= 0) return fail('REFUND_NOT_ALLOWED', '没有可退的储值本金。');
      const amountFen = state.principalFen;
      const forfeitBonusFen = state.bonusFen;
      addEntry('withdraw', -amountFen, 0, '储值退款：退还本金');
      if (forfeitBonusFen) addEntry('bonus-forfeit', 0, -forfeitBonusFen, '储值退款：赠送金额作废');
      const r: RefundResult = { refundId: nextId('rfd'), status: 'pending', amountFen, forfeitBonusFen };
      byRequest.set(i.requestId as string, r);
      return ok(r);
    },
    'order.create': (i) =>
      recorded(i.delivery, place(i.requestId as string, () => {
        const items = i.items as Array<{ productId: string; qty: number }>;
        const products: Array<{ product: PublicProduct & { floorFen: number }; qty: number; p: PublicProduct }> = [];
        for (const it of items) {
          const p = catalog.products.find((x) => x._id === it.productId);
          if (!p) return fail('PRODUCT_UNAVAILABLE', `商品（${it.productId}）已下架或不存在，请返回首页重新选择。`);
          if (p.memberEarlyAccessUntil && p.memberEarlyAccessUntil > clock && !memberActive()) {
            return fail('MEMBERS_ONLY_UNTIL', '该商品目前仅限会员抢先购买，开通会员即可购买。');
          }
          if (p.kind === 'trial') {
            if (it.qty > 1) return fail('INVALID_INPUT', '体验装每人限购 1 件，请将数量改为 1。');
            if (state.trials.some((u) => u.productId === p._id)) return fail('TRIAL_ALREADY_USED', '体验装每人限购一次，您已购买过，可直接购买正装。');
          }
          products.push({ product: { ...p, floorFen: 0 }, qty: it.qty, p });
        }
        const priced = priceLines(products, memberActive());
        const lines: Line[] = priced.lines.map((l, k) => ({ ...l, name: products[k].p.name, kind: products[k].p.kind, refundedQty: 0, physical: physicalOf(products[k].p._id) }));
        const title = lines.length === 1 ? `${lines[0].name} ×${lines[0].qty}` : `${lines[0].name} 等 ${lines.length} 件商品`;
        const o: Order = { orderId: nextId('ord'), openid: SIM_OPENID, kind: 'product', status: 'created', title, lines, totalFen: priced.totalFen, payWith: i.payWith as 'wechat' | 'balance', createdAt: clock++, refundedFen: 0, refunds: [] };
        // Kept only when there is something to deliver (as the server does).
        if (i.delivery && lines.some((l) => l.physical)) o.delivery = i.delivery as Delivery;
        if (o.payWith === 'combined') {
          const balanceFen = i.balanceFen as number;
          if (balanceFen >= o.totalFen) return fail('INVALID_INPUT', '组合支付的余额部分须小于订单金额；余额足够时请直接选择余额支付。');
          if (balanceFen > free()) return fail('BALANCE_CHANGED', `您的可用余额已变为 ${formatYuan(free(), { trimZeros: false })}，不足本次确认的 ${formatYuan(balanceFen, { trimZeros: false })}。请返回重新确认组合支付金额。`);
          o.combined = { ...splitOf(balanceFen), cashFen: o.totalFen - balanceFen };
          state.heldFen += balanceFen;
        }
        if (o.payWith === 'balance') {
          if (free() < o.totalFen) return fail('INSUFFICIENT_BALANCE', `余额不足：需支付 ${formatYuan(o.totalFen, { trimZeros: false })}，当前余额 ${formatYuan(total(), { trimZeros: false })}。请充值或改用微信支付。`);
          const p = total() === 0 ? 0 : Math.round((o.totalFen * state.principalFen) / total());
          o.balancePaid = { principalFen: p, bonusFen: o.totalFen - p };
          o.status = 'paid';
          o.paidAt = clock;
          o.fulfilment = initialFulfilment(o, clock);
          addEntry('spend', -p, -(o.totalFen - p), `消费：${o.title}`, o.orderId);
          // Only the principal part qualifies (bonus-funded spend does not, PRODUCT.md).
          setSpend(state.spendFen + p);
        }
        // One trial per customer: reserved by the order, used once it is paid, released on cancel.
        for (const l of products) {
          if (l.p.kind === 'trial') state.trials.push({ productId: l.p._id, fullProductId: l.p.fullProductId!, status: o.status === 'paid' ? 'used' : 'reserved', orderId: o.orderId });
        }
        return o;
      })),
    // The address book as the customer function keeps it (shared/gifts/address-book rules).
    'customer.addresses': () => ok({ addresses: state.addresses }),
    'customer.removeAddress': (i) => {
      state.addresses = removeAddress(state.addresses, i as { name: string; phone: string; address: string });
      return ok({ addresses: state.addresses });
    },
    'order.combinedQuote': (i) => {
      const items = i.items as Array<{ productId: string; qty: number }>;
      const products = items.map((it) => ({ p: catalog.products.find((x) => x._id === it.productId)!, qty: it.qty }));
      const totalFen = priceLines(products.map(({ p, qty }) => ({ product: { ...p, floorFen: 0 }, qty })), memberActive()).totalFen;
      if (free() <= 0) return fail('INSUFFICIENT_BALANCE', '余额为 0，无法组合支付。请使用微信支付，或先充值。');
      if (free() >= totalFen) return fail('INVALID_INPUT', `可用余额 ${formatYuan(free(), { trimZeros: false })} 足够支付本单 ${formatYuan(totalFen, { trimZeros: false })}，请直接选择余额支付。`);
      return ok({ totalFen, ...splitOf(free()), cashFen: totalFen - free() });
    },
    'order.get': (i) => {
      const o = state.orders.get(i.orderId as string);
      return o ? ok(view(o)) : fail('NOT_FOUND', '没有找到该订单，请刷新订单列表。');
    },
    'order.list': (i) => {
      const tab = (i.tab as CustomerOrderTab | undefined) ?? 'all';
      const all = [...state.orders.values()].reverse().filter((o) => inTab(tab, o));
      const start = typeof i.cursor === 'number' ? i.cursor : 0;
      return ok({ orders: all.slice(start, start + pageSize).map(view), ...(start + pageSize < all.length ? { nextCursor: start + pageSize } : {}) });
    },
    // The cart as the cart function keeps it: absolute quantities, trials hold one, newest first.
    'cart.get': () => ok({ lines: [...cart].reverse() }),
    'cart.set': (i) => {
      const p = catalog.products.find((x) => x._id === i.productId);
      const at = cart.findIndex((l) => l.productId === i.productId);
      const prior = at >= 0 ? cart.splice(at, 1)[0] : undefined;
      if (i.qty > 0) {
        if (!p) return fail('PRODUCT_UNAVAILABLE', '商品已下架或暂不可购买，请选择其他商品。');
        if (!prior && cart.length >= 20) return fail('CART_FULL', '购物车最多放 20 种商品，请先结算或移除一些再添加。');
        const line = { productId: i.productId, qty: p.kind === 'trial' ? 1 : i.qty, addedAt: prior?.addedAt ?? clock };
        if (prior) cart.splice(at, 0, line);
        else cart.push(line);
      }
      return ok({ lines: [...cart].reverse() });
    },
    'cart.remove': (i) => {
      for (const id of i.productIds) {
        const at = cart.findIndex((l) => l.productId === id);
        if (at >= 0) cart.splice(at, 1);
      }
      return ok({ lines: [...cart].reverse() });
    },
    'order.counts': () => {
      const orders = [...state.orders.values()];
      return ok(Object.fromEntries(COUNTED_ORDER_TABS.map((t) => [t, orders.filter((o) => inTab(t, o)).length])) as unknown as OrderTabCounts);
    },
    'order.pay': (i) => {
      const o = state.orders.get(i.orderId as string);
      if (!o) return fail('NOT_FOUND', '没有找到该订单，请刷新订单列表。');
      if (o.status !== 'created' || o.payWith === 'balance') return fail('INVALID_STATE', o.status === 'cancelled' ? '订单已关闭，请重新下单。' : '该订单无需支付。');
      return ok({ payment: handle(o) });
    },
    'order.cancel': (i) => {
      const o = state.orders.get(i.orderId as string);
      if (!o) return fail('NOT_FOUND', '没有找到该订单，请刷新订单列表。');
      if (o.status !== 'created' && o.status !== 'cancelled') return fail('INVALID_STATE', '订单已支付，不能取消；如需退款请申请退款。');
      if (o.status === 'created' && o.combined) state.heldFen -= o.combined.balanceFen;
      o.status = 'cancelled';
      state.trials = state.trials.filter((u) => !(u.orderId === o.orderId && u.status === 'reserved'));
      return ok(view(o));
    },
    'order.refund': (i) => {
      const prior = byRequest.get(i.requestId as string) as RefundResult | undefined;
      if (prior) return ok(prior);
      const o = state.orders.get(i.orderId as string);
      if (!o) return fail('NOT_FOUND', '没有找到该订单，请刷新订单列表。');
      const amountFen = o.totalFen - o.refundedFen;
      if (o.kind !== 'product' || (o.status !== 'paid' && o.status !== 'partially_refunded') || amountFen <= 0) return fail('REFUND_NOT_ALLOWED', '该订单当前不能退款，如有疑问请联系客服。');
      o.refundedFen += amountFen;
      o.status = 'refunded';
      for (const l of o.lines) l.refundedQty = l.qty;
      if (o.payWith === 'balance') addEntry('spend-refund', o.balancePaid!.principalFen, o.balancePaid!.bonusFen, `退款：${o.title}`, o.orderId);
      setSpend(state.spendFen - (o.payWith === 'balance' ? o.balancePaid!.principalFen : amountFen));
      const r = { refundId: nextId('rfd'), status: o.payWith === 'wechat' ? ('pending' as const) : ('succeeded' as const), amountFen };
      o.refunds.push({ ...r, createdAt: clock });
      byRequest.set(i.requestId as string, r);
      return ok(r);
    },
    'member.tiers': () => ok(tiersView()),
    'member.claimGift': (i) => {
      const prior = byRequest.get(i.requestId as string) as TierView | undefined;
      if (prior) return ok(prior);
      const t = tierList().find((x) => x.gift.id === i.giftId);
      if (!t) return fail('NOT_FOUND', '没有找到该礼品，请刷新后查看。');
      const status = tierStatus(t);
      if (status !== 'available') {
        const why: Record<Exclude<TierGiftStatus, 'available'>, string> = {
          locked: `累计消费满 ${formatYuan(t.thresholdFen)} 才能领取该礼品。`,
          claimed: '该礼品已领取，每档礼品限领一次。',
          suspended: '退款后累计消费低于门槛，礼品暂停领取，补足消费后即可领取。',
          expired: '该礼品已超过领取期限，无法领取。',
        };
        return fail('GIFT_NOT_CLAIMABLE', why[status]);
      }
      const left = state.stock.get(t.gift.id);
      if (left !== undefined && left <= 0) return fail('GIFT_OUT_OF_STOCK', `「${t.gift.name}」已领完，请联系客服为您更换等值礼品。`);
      if (left !== undefined) state.stock.set(t.gift.id, left - 1);
      const g = state.granted.get(t.gift.id)!;
      addClaim({
        entitlementId: g.entitlementId,
        openid: SIM_OPENID,
        source: 'tier',
        giftId: t.gift.id,
        name: t.gift.name,
        items: t.gift.items,
        valueFen: t.gift.valueFen,
        delivery: (i.delivery as Delivery | undefined) ?? { method: 'pickup' },
      });
      useAddress(i.delivery);
      const v = tierView(t);
      byRequest.set(i.requestId as string, v);
      return ok(v);
    },
    'member.trials': () => ok({ trials: state.trials }),
    // 会员卡: one card number, the fake's balance, no coupons (the coupon function is not modelled); a
    // member's 已省 over the paid product orders, as the server sums their recorded lines.
    'member.card': () => {
      const plan = settings.membershipPlans[0];
      const saved = [...state.orders.values()].filter((o) => o.kind === 'product' && o.paidAt !== undefined).reduce((n, o) => n + memberSavingsFen(o.lines), 0);
      return ok({
        cardNo: '8800123456',
        balanceFen: state.principalFen + state.bonusFen,
        couponsAvailable: 0,
        ...(memberActive() && plan ? { term: { planName: plan.name, feeFen: plan.priceFen, savedFen: saved, startsAt: state.memberUntil! - plan.termDays * 86_400_000, expiresAt: state.memberUntil! } } : {}),
      });
    },
    'ops.role': () => ok(state.role),
    // Today's figures as the report's rollups would give them (GMV of paid orders; profit less product cost).
    'ops.dashboard': () => {
      if (!state.role.operator) return OPS_FORBIDDEN();
      const day = businessDate(clock);
      const paidToday = [...state.orders.values()].filter((o) => o.paidAt !== undefined && businessDate(o.paidAt) === day);
      const costOf = (o: Order) => o.lines.reduce((sum, l) => sum + (ops.state.products.get(l.productId)?.costFen ?? 0) * l.qty, 0);
      const orders = [...state.orders.values()];
      const claims = [...state.claims.values()];
      const waiting = (method: 'address' | 'pickup') => (x: { fulfilment?: { state: string }; delivery?: { method: string } }) => x.fulfilment?.state === 'pending' && (method === 'pickup' ? x.delivery?.method === 'pickup' : x.delivery?.method !== 'pickup');
      return ok({
        day,
        today: {
          gmvFen: paidToday.reduce((sum, o) => sum + o.totalFen, 0),
          profitFen: paidToday.reduce((sum, o) => sum + o.totalFen - costOf(o), 0),
          productOrders: paidToday.filter((o) => o.kind === 'product').length,
          membershipsSold: paidToday.filter((o) => o.kind === 'membership').length,
          topUps: paidToday.filter((o) => o.kind === 'topup').length,
        },
        todos: {
          'to-ship': orders.filter(waiting('address')).length,
          'gifts-to-ship': claims.filter((c) => c.fulfilment.state === 'pending' && c.delivery?.method === 'address').length,
          'to-pickup': orders.filter(waiting('pickup')).length + claims.filter((c) => c.fulfilment.state === 'pending' && c.delivery?.method === 'pickup').length,
          'upload-failed': [...ops.state.uploads.values()].filter((u) => u.state === 'failed').length,
          'refunds-stuck': [...ops.state.refunds.values()].filter((r) => r.stuck || r.status === 'failed').length,
          'followups-overdue': 0,
        },
        catchingUp: false,
        asOf: clock,
      });
    },
    // ---- 头像昵称 (customer.profile …): the server's rules (checkNickname, the caller's avatar folder) ----
    'customer.profile': () => ok(profileView()),
    'customer.avatarUploadTicket': (i) => {
      const cloudPath = `avatars/avf_sim/ava_${++avatarSeq}.${i.contentType === 'image/png' ? 'png' : i.contentType === 'image/webp' ? 'webp' : 'jpg'}`;
      return ok({ cloudPath, fileID: `${FAKE_FILE_PREFIX}${cloudPath}`, upload: { url: `https://sim.cos/${cloudPath}`, method: 'PUT', headers: {} }, maxBytes: 2 * 1024 * 1024 });
    },
    'customer.saveProfile': (i) => {
      if (i.nickname === undefined && i.avatarFileID === undefined) return fail('INVALID_INPUT', '请填写昵称或选择头像后再保存。');
      const checked = i.nickname === undefined ? undefined : checkNickname(String(i.nickname));
      if (checked && !checked.ok) return fail('INVALID_INPUT', checked.message);
      if (i.avatarFileID !== undefined && !String(i.avatarFileID).startsWith(`${FAKE_FILE_PREFIX}avatars/avf_sim/`)) return fail('INVALID_INPUT', '头像须是您在本页刚上传的图片，请重新选择头像。');
      const cur = state.displays.get(SIM_OPENID);
      const nickname = checked?.ok ? checked.nickname : cur?.nickname;
      const avatarFileID = (i.avatarFileID as string | undefined) ?? cur?.avatarFileID;
      state.displays.set(SIM_OPENID, { ...(nickname ? { nickname } : {}), ...(avatarFileID ? { avatarFileID } : {}), consentAt: clock, updatedAt: clock++ });
      return ok(profileView());
    },
    'customer.clearProfile': () => {
      state.displays.delete(SIM_OPENID);
      return ok(EMPTY_DISPLAY_PROFILE);
    },
    'ops.giftClaims': (i) => {
      if (!state.role.operator) return OPS_FORBIDDEN();
      const st = i.state as Fulfilment['state'];
      const all = [...state.claims.values()].filter((c) => c.fulfilment.state === st);
      // The queue oldest first (first come, first shipped); handled ones newest first.
      all.sort((a, b) => (st === 'pending' ? a.claimedAt - b.claimedAt : (b.fulfilment.at ?? 0) - (a.fulfilment.at ?? 0)));
      const start = typeof i.cursor === 'number' ? i.cursor : 0;
      return ok({ claims: all.slice(start, start + pageSize).map((c) => ({ ...c, customer: displayOf(c.openid) })), ...(start + pageSize < all.length ? { nextCursor: start + pageSize } : {}) });
    },
    'ops.shipGift': (i) => fulfil(i, 'address', { state: 'shipped', carrier: String(i.carrier).trim(), trackingNo: String(i.trackingNo).trim() }),
    'ops.markPickedUp': (i) => fulfil(i, 'pickup', { state: 'picked-up' }),
  };

  const backend: CloudBackend = async (name, data) => {
    if (name === 'catalog') return catalog.backend(name, data);
    const { action, ...input } = data;
    const key = `${name}.${String(action)}`;
    const forcedReply = forced.get(key);
    if (forcedReply) {
      forced.delete(key);
      return fail(forcedReply.code as ErrorCode, forcedReply.message);
    }
    const run = ((actions as Record<string, (i: unknown) => unknown>)[key] ?? (ops.actions as Record<string, (i: unknown) => unknown>)[key]);
    if (!run) {
      if (!['membership', 'wallet', 'order', 'member', 'ops', 'settings', 'cart', 'customer'].includes(name)) throw new Error(`FUNCTION_NOT_FOUND: ${name}`);
      // The contract names the action but this fake does not model it: say so rather than answer for the server.
      if (contractOf(name, String(action))) throw new Error(`the money fake does not model ${key}`);
      return fail('UNKNOWN_ACTION', `${name} 不支持操作 ${String(action)}`);
    }
    // Everything in `ops` but `role`, and all of `settings`, is for operators (checked before the input, like the handler).
    if ((name === 'settings' || (name === 'ops' && action !== 'role')) && !state.role.operator) return OPS_FORBIDDEN();
    // The input is checked with the handler's own schema (shared/api): a call of the wrong shape throws.
    const parsed = parseCall(name, String(action), input);
    if (!parsed.ok) return parsed;
    // Copy through JSON like the wire, so the app never shares objects with the fake.
    return JSON.parse(JSON.stringify(run(parsed.data)));
  };

  return {
    backend,
    catalog,
    completePayment,
    lastPayment: () => last,
    state,
    now: () => clock,
    advance: (ms) => void (clock += ms),
    failNext: (key, code, message) => void forced.set(key, { code, message }),
    setSpend,
    addClaim,
    ops,
    addPaidOrder,
  };
}
