import { isPaidState, type OrderState } from '../../../shared/orders/states';

/** Money was received for the order (and may have been given back since). */
export const moneyReceived = (status: string): boolean => status === 'refunded' || isPaidState(status as OrderState);

/**
 * What the store ACKNOWLEDGED to its clients (an ok envelope reached them): after any crash, every
 * one of these must still be there. Only acknowledged facts are recorded; a request cut off by the
 * kill is not a promise (it is retried with the same requestId after the restart, like the app does).
 */
export interface AckedOrder {
  orderId: string;
  openid: string;
  kind: 'product' | 'topup' | 'membership';
  payWith: 'wechat' | 'balance' | 'combined';
  totalFen: number;
  /** Acknowledged as paid: balance order created, or the pay simulator's callback answered errcode 0. */
  paid: boolean;
  /** A refund of it was acknowledged (no more refunds are attempted). */
  refunded: boolean;
}

export interface AckedRefund {
  refundId: string;
  openid: string;
  what: 'order' | 'membership' | 'wallet';
  orderId?: string;
  amountFen: number;
}

export class Acks {
  readonly orders = new Map<string, AckedOrder>();
  readonly refunds = new Map<string, AckedRefund>();
  readonly coupons = new Map<string, string>();
  /** Payments the customer confirmed in the pay sheet (answered or not): WeChat redelivers their callbacks. */
  readonly payAttempts = new Set<string>();

  order(o: Omit<AckedOrder, 'refunded'>): void {
    const prior = this.orders.get(o.orderId);
    this.orders.set(o.orderId, { ...o, paid: o.paid || !!prior?.paid, refunded: prior?.refunded ?? false });
  }
  paid(orderId: string): void {
    const o = this.orders.get(orderId);
    if (o) o.paid = true;
  }
  refund(r: AckedRefund): void {
    this.refunds.set(r.refundId, r);
    if (r.orderId) {
      const o = this.orders.get(r.orderId);
      if (o) o.refunded = true;
    }
  }
  ordersOf(openid: string, pred: (o: AckedOrder) => boolean): AckedOrder[] {
    return [...this.orders.values()].filter((o) => o.openid === openid && pred(o));
  }
  /** Paid orders with a WeChat payment (wholly, or its WeChat part for 组合支付). */
  paidWechat(): AckedOrder[] {
    return [...this.orders.values()].filter((o) => o.paid && o.payWith !== 'balance');
  }
}
