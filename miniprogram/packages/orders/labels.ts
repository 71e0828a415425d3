import type { OrderKind, OrderStatus, PayWith, RefundStatus } from '../../services/order';

export const KIND_LABELS: Record<OrderKind, string> = { product: '商品', membership: '会员', topup: '充值' };
export const PAY_WITH_LABELS: Record<PayWith, string> = { wechat: '微信支付', balance: '余额支付' };
export const REFUND_LABELS: Record<RefundStatus, string> = { pending: '退款中', succeeded: '已退款', failed: '退款失败，客服处理中' };

/** Colour of the status badge. */
export const statusTone = (s: OrderStatus): 'pending' | 'ok' | 'refund' | 'off' =>
  s === 'created' ? 'pending' : s === 'paid' || s === 'fulfilled' ? 'ok' : s === 'cancelled' ? 'off' : 'refund';
