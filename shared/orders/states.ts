/**
 * Order, payment and refund state tables as data (Vendure-style), read by the transition functions
 * of ./transitions.ts — the only writers of a status: a transition not listed here is refused, so
 * state never moves backwards (a late "paid" callback cannot revive a cancelled or refunded order;
 * a second "paid" is a no-op success handled by the caller).
 * Delivery is not an order state: it is the order's `fulfilment` (shared/orders/fulfilment.ts), so
 * a shipped order can still be refunded within its window by the same moves as a paid one.
 */
export const ORDER_STATES = ['created', 'paid', 'partially_refunded', 'refunded', 'cancelled'] as const;
export type OrderState = (typeof ORDER_STATES)[number];

export const ORDER_TRANSITIONS: Readonly<Record<OrderState, readonly OrderState[]>> = {
  created: ['paid', 'cancelled'],
  paid: ['partially_refunded', 'refunded'],
  partially_refunded: ['partially_refunded', 'refunded'],
  refunded: [],
  cancelled: [],
};

/** States in which money has been received for the order. */
export const isPaidState = (s: OrderState): boolean => s === 'paid' || s === 'partially_refunded';

export const PAYMENT_STATES = ['pending', 'succeeded', 'closed'] as const;
export type PaymentState = (typeof PAYMENT_STATES)[number];
/**
 * A closed payment may still succeed: the customer paid before our close reached WeChat (the close
 * is queued and not sent before 5 minutes, payment-closes.ts). The money is recorded as arrived and
 * refunded in full; the order stays closed.
 */
export const PAYMENT_TRANSITIONS: Readonly<Record<PaymentState, readonly PaymentState[]>> = {
  pending: ['succeeded', 'closed'],
  succeeded: [],
  closed: ['succeeded'],
};

/**
 * A refund document's state, derived from its WeChat parts (`refundStateOf`): `pending` until every
 * part is final; `succeeded` when every part succeeded (only then does the customer see 已退款 and
 * `completedAt` is set); `failed` when all parts are final and at least one failed — it needs an
 * operator (运营后台 · 退款). An operator's retry takes a failed refund back to `pending`; a failed
 * part that WeChat later reports SUCCESS (退款异常 handled in the merchant platform) takes it to
 * `succeeded`. Money already moved inside our ledger when the refund was created stays as it is:
 * the refund is owed until WeChat has paid it out, so only the WeChat side is waited for.
 */
export const REFUND_STATES = ['pending', 'succeeded', 'failed'] as const;
export type RefundState = (typeof REFUND_STATES)[number];
export const REFUND_TRANSITIONS: Readonly<Record<RefundState, readonly RefundState[]>> = {
  pending: ['succeeded', 'failed'],
  succeeded: [],
  failed: ['pending', 'succeeded'],
};

/**
 * One WeChat refund request (one out_refund_no against one payment) as WeChat defines its life:
 * - `pending` — not yet accepted (never sent, or refused / unanswered): re-sent with the SAME
 *   out_refund_no ("一笔退款失败后重新提交，请不要更换退款单号，请使用原商户退款单号", CloudPay.refund
 *   doc note 2; "同一退款单号多次请求只退一笔", WeChat Pay v3 申请退款), so a re-send never pays twice;
 * - `requested` — WeChat accepted the request ("调用退款接口成功,并不代表退款成功,具体还是要以退款支付通知
 *   为准", WeChat staff, developers.weixin.qq.com community doc 000ce0004a0840d8b59b2c33656000,
 *   2021-01-26) and its result is awaited: the refund result event, or queryRefund;
 * - `succeeded` — refund_status SUCCESS;
 * - `failed` — CHANGE (退款异常: the money could not go back to the original account, e.g. a
 *   cancelled card; it waits in WeChat's refund account until the merchant handles it in 商户平台 ·
 *   交易中心, and is "not a final state" — WeChat Pay staff, community doc 0002e8cd3fcb085fbe40dddae68400 —
 *   so it is still queried now and then) or REFUNDCLOSE (退款关闭: "退款失败", same answer; v3's guide:
 *   the refund stayed in processing over 7 days for lack of merchant balance). Needs an operator.
 */
export const REFUND_PART_STATES = ['pending', 'requested', 'succeeded', 'failed'] as const;
export type RefundPartState = (typeof REFUND_PART_STATES)[number];
/** One WeChat refund request's state, as the back office reads it. */
export const REFUND_PART_STATE_LABELS: Readonly<Record<RefundPartState, string>> = { pending: '待提交', requested: '微信处理中', succeeded: '已退款', failed: '失败' };
export const isFinalPartState = (s: RefundPartState): boolean => s === 'succeeded' || s === 'failed';

/**
 * Why a part moves: `accepted` — the refund call was accepted (or a query shows WeChat has it,
 * PROCESSING); `result` — WeChat's answer on the outcome (the result event or a queryRefund);
 * `operator-retry` — an operator re-submits a failed part (same out_refund_no).
 */
export type RefundPartCause = 'accepted' | 'result' | 'operator-retry';

/**
 * The part transition table, by cause. A result may arrive before we recorded the acceptance (a
 * crash between WeChat's answer and our write, or the result event overtaking it), so `pending`
 * goes straight to `succeeded` — or `failed` — on a result. Nothing leaves `succeeded`; `failed`
 * leaves by an operator's retry, or by WeChat reporting SUCCESS after all (CHANGE is not final).
 * Anything else is refused (and logged) by the code that consults this table.
 */
export const REFUND_PART_TRANSITIONS: Readonly<Record<RefundPartState, Readonly<Partial<Record<RefundPartState, readonly RefundPartCause[]>>>>> = {
  pending: { requested: ['accepted'], succeeded: ['result'], failed: ['result'] },
  requested: { succeeded: ['result'], failed: ['result'] },
  succeeded: {},
  failed: { pending: ['operator-retry'], succeeded: ['result'] },
};
export const canMovePart = (from: RefundPartState, to: RefundPartState, cause: RefundPartCause): boolean => REFUND_PART_TRANSITIONS[from][to]?.includes(cause) ?? false;

/** The refund document's state from its parts (no parts: money went back to the balance at once). */
export function refundStateOf(parts: ReadonlyArray<{ state: RefundPartState }>): RefundState {
  if (parts.some((p) => !isFinalPartState(p.state))) return 'pending';
  return parts.every((p) => p.state === 'succeeded') ? 'succeeded' : 'failed';
}

/**
 * What a customer reads for a refund (订单详情 · 退款记录): until WeChat has finished it is 退款处理中;
 * a failed one is with customer service, and the customer need not do anything. Arrival times are
 * WeChat's ("零钱支付的订单退款一般5分钟内到账，银行卡支付的订单退款一般1-3个工作日到账", WeChat Pay
 * 退款开发指引, pay.weixin.qq.com/doc/v3/merchant/4013071031).
 */
export const REFUND_STATE_LABELS: Readonly<Record<RefundState, string>> = {
  pending: '退款处理中',
  succeeded: '已退款',
  failed: '退款遇到问题，客服正在处理，无需重复申请',
};
export const REFUND_PENDING_HINT = '微信处理完成后原路退回：零钱一般 5 分钟内到账，银行卡一般 1–3 个工作日。';

/** Chinese labels for display. */
export const ORDER_STATE_LABELS: Readonly<Record<OrderState, string>> = {
  created: '待支付',
  paid: '已支付',
  partially_refunded: '部分退款',
  refunded: '已退款',
  cancelled: '已取消',
};
