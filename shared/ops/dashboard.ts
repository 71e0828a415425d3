/**
 * 运营后台 home: today's figures and what is waiting for someone, each to-do with the list it
 * opens. The to-dos are data: their order, labels and where they lead live here once, and the page
 * and the tests read them from here.
 */
export const DASHBOARD_TODOS = ['to-ship', 'gifts-to-ship', 'to-pickup', 'upload-failed', 'refunds-stuck', 'followups-overdue'] as const;
export type DashboardTodo = (typeof DASHBOARD_TODOS)[number];

export const DASHBOARD_TODO_LABELS: Readonly<Record<DashboardTodo, { label: string; hint: string }>> = {
  'to-ship': { label: '待发货', hint: '快递到家的订单，发货后顾客可查物流' },
  'gifts-to-ship': { label: '礼品待发', hint: '入会礼包、消费礼等待寄出' },
  'to-pickup': { label: '待自提', hint: '到店自提的订单和礼品，核对会员码后确认' },
  'upload-failed': { label: '上传失败', hint: '微信发货信息上传失败，需重试' },
  'refunds-stuck': { label: '退款待处理', hint: '微信退款失败或处理中过久' },
  'followups-overdue': { label: '跟进逾期', hint: '一对一跟进已过约定日期还没联系的顾客' },
};

export interface DashboardView {
  /** Today's business date (YYYY-MM-DD, Shanghai), as the reports name days. */
  day: string;
  today: {
    gmvFen: number;
    profitFen: number;
    productOrders: number;
    /** Memberships sold today (new and renewed). */
    membershipsSold: number;
    topUps: number;
  };
  todos: Record<DashboardTodo, number>;
  /** Report events were still being folded: today's figures may lag by minutes. */
  catchingUp: boolean;
  asOf: number;
}
