import { REFUND_STATE_LABELS } from '@shared/orders/states';
import type { OrderKind, OrderStatus, PayWith, RefundStatus } from '../../services/order';

export const KIND_LABELS: Record<OrderKind, string> = { product: '商品', membership: '会员', topup: '充值' };
export const PAY_WITH_LABELS: Record<PayWith, string> = { wechat: '微信支付', balance: '余额支付', combined: '余额+微信组合支付' };
/** One wording for a refund everywhere (shared/orders/states.ts): 退款处理中 until WeChat has finished it. */
export const REFUND_LABELS: Readonly<Record<RefundStatus, string>> = REFUND_STATE_LABELS;
export { REFUND_PENDING_HINT } from '@shared/orders/states';

/** Colour of the status badge. */
export const statusTone = (s: OrderStatus): 'pending' | 'ok' | 'refund' | 'off' =>
  s === 'created' ? 'pending' : s === 'paid' ? 'ok' : s === 'cancelled' ? 'off' : 'refund';
