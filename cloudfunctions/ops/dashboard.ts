import { ok, type Result } from '../../shared/errors/result';
import { DASHBOARD_TODOS, type DashboardTodo, type DashboardView } from '../../shared/ops/dashboard';
import { businessDate } from '../../shared/time';
import type { ActionContext } from '../_kit/create-handler';
import { COLL, type CollectionName } from '../_kit/collections';
import { driveReportEvents } from '../_reports/drive-reports';
import { overview } from '../_reports/read-reports';

type Count = { collection: CollectionName; where: (ctx: ActionContext, stuckBefore: number) => Record<string, unknown> };

/**
 * What each to-do counts: the same conditions as the lists it opens (订单发货's 待发货 tab holds
 * courier and pickup orders alike; here they are told apart, as the person doing them is).
 */
const TODO_COUNTS: Record<DashboardTodo, Count[]> = {
  'to-ship': [{ collection: COLL.orders, where: (ctx) => ({ 'fulfilment.state': 'pending', 'delivery.method': ctx.db.command.neq('pickup') }) }],
  'gifts-to-ship': [{ collection: COLL.entitlements, where: () => ({ 'fulfilment.state': 'pending', 'delivery.method': 'address' }) }],
  'to-pickup': [
    { collection: COLL.orders, where: () => ({ 'fulfilment.state': 'pending', 'delivery.method': 'pickup' }) },
    { collection: COLL.entitlements, where: () => ({ 'fulfilment.state': 'pending', 'delivery.method': 'pickup' }) },
  ],
  'upload-failed': [{ collection: COLL.shipping_uploads, where: () => ({ state: 'failed' }) }],
  'refunds-stuck': [
    { collection: COLL.refunds, where: () => ({ status: 'failed' }) },
    { collection: COLL.refunds, where: (ctx, stuckBefore) => ({ status: 'pending', waitingSince: ctx.db.command.lte(stuckBefore) }) },
  ],
  // Entries of open lists whose next contact day has passed (closing a list or a conversion clears dueAt).
  'followups-overdue': [{ collection: COLL.followup_entries, where: (ctx) => ({ dueAt: ctx.db.command.lte(ctx.now()) }) }],
};

const count = async (ctx: ActionContext, c: Count, stuckBefore: number) => ((await ctx.db.collection(c.collection).where(c.where(ctx, stuckBefore)).count()) as { total: number }).total;

/** 运营后台 home: today's money (profit, not only GMV) and the to-dos, each counted in parallel. */
export async function dashboard(_input: Record<string, never>, ctx: ActionContext): Promise<Result<DashboardView>> {
  const now = ctx.now();
  const settings = await ctx.settings();
  const stuckBefore = now - settings.refundStuckHours * 3_600_000;
  // Today's sale should show at once: fold what the report consumer still owes (bounded), as 经营报表 does.
  const drive = driveReportEvents(ctx.db, ctx.now, ctx.log, { batch: 200, maxEvents: 500, budgetMs: 2_000 });
  const todoCounts = Promise.all(DASHBOARD_TODOS.map(async (t) => (await Promise.all(TODO_COUNTS[t].map((c) => count(ctx, c, stuckBefore)))).reduce((a, b) => a + b, 0)));
  const folded = await drive;
  const day = businessDate(now);
  const today = await overview(ctx.db, day, day, { asOf: now, catchingUp: folded.more || folded.failed > 0 });
  const totals = today.totals;
  const counts = await todoCounts;
  return ok({
    day,
    today: { gmvFen: totals.gmvFen, profitFen: totals.profitFen, productOrders: totals.productOrders, membershipsSold: totals.membershipsSold, topUps: totals.topUps },
    todos: Object.fromEntries(DASHBOARD_TODOS.map((t, i) => [t, counts[i]])) as DashboardView['todos'],
    catchingUp: today.catchingUp,
    asOf: now,
  });
}
