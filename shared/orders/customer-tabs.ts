import type { OrderFulfilmentState } from './fulfilment';
import type { OrderState } from './states';

/**
 * 我的订单's tabs, as WeChat shoppers know them: 全部 / 待付款 / 待发货 / 待自提 / 待收货 / 退款售后.
 * Each tab is a condition on the stored order (status, fulfilment, delivery method, refunded
 * amount); the server turns it into a query (cloudfunctions/order/tabs.ts) and `inTab` states the
 * same condition in code, for tests and fakes. A paid order is in exactly one of the fulfilment
 * tabs while it waits, and in 退款售后 as soon as any money went back.
 */
export const CUSTOMER_ORDER_TABS = ['all', 'unpaid', 'to-ship', 'to-pickup', 'to-receive', 'after-sales'] as const;
export type CustomerOrderTab = (typeof CUSTOMER_ORDER_TABS)[number];
/** The tabs that show a count (全部 does not). */
export type CountedOrderTab = Exclude<CustomerOrderTab, 'all'>;
export const COUNTED_ORDER_TABS = CUSTOMER_ORDER_TABS.filter((t): t is CountedOrderTab => t !== 'all');

export const CUSTOMER_ORDER_TAB_LABELS: Readonly<Record<CustomerOrderTab, string>> = {
  all: '全部',
  unpaid: '待付款',
  'to-ship': '待发货',
  'to-pickup': '待自提',
  'to-receive': '待收货',
  'after-sales': '退款售后',
};

/** What each tab's empty list says. */
export const CUSTOMER_ORDER_TAB_EMPTY: Readonly<Record<CustomerOrderTab, string>> = {
  all: '还没有订单，去首页逛逛吧。',
  unpaid: '没有待付款的订单。',
  'to-ship': '没有等待发货的订单。',
  'to-pickup': '没有待自提的订单。到店自提的订单支付后会出现在这里，到店出示会员码即可取货。',
  'to-receive': '没有正在运送的订单。',
  'after-sales': '没有退款记录。',
};

/** The fields a tab looks at. */
export interface TabbedOrder {
  status: OrderState;
  refundedFen: number;
  fulfilment?: { state: OrderFulfilmentState };
  delivery?: { method: 'address' | 'pickup' };
}

export function inTab(tab: CustomerOrderTab, o: TabbedOrder): boolean {
  const waiting = o.fulfilment?.state === 'pending';
  switch (tab) {
    case 'all':
      return true;
    case 'unpaid':
      return o.status === 'created';
    case 'to-ship':
      // An order without delivery details goes by courier too (the operator's 发货 desk says the same).
      return waiting && o.delivery?.method !== 'pickup';
    case 'to-pickup':
      return waiting && o.delivery?.method === 'pickup';
    case 'to-receive':
      return o.fulfilment?.state === 'shipped';
    case 'after-sales':
      return o.refundedFen > 0;
  }
}

export type OrderTabCounts = Readonly<Record<CountedOrderTab, number>>;
