import { fail, ok, type Result } from '../../shared/errors/result';
import { executionOf } from '../../shared/followup/execution';
import type { ExecutionView } from '../../shared/followup/views';
import type { FollowupListDoc } from '../../shared/documents';
import type { ActionContext } from '../_kit/create-handler';
import { COLL } from '../_kit/collections';
import { getById } from '../_kit/db';
import { listEntries, staffNameOf, summaryOf } from '../_followup/views';

/** `followup.execution`: 做没做 / 做的怎么样 for one list, folded from its entries (one query: a list holds ≤ 500). */
export async function execution(input: { listId: string }, ctx: ActionContext): Promise<Result<ExecutionView>> {
  const s = await ctx.settings();
  const now = ctx.now();
  const l = await getById<FollowupListDoc>(ctx.db, COLL.followup_lists, input.listId);
  if (!l || l.status === 'building') return fail('NOT_FOUND', '没有找到这个跟进任务，请返回列表刷新。');
  const entries = await listEntries(ctx.db, l._id);
  const staff = [...new Set([...l.staff.map((m) => m.openid), ...entries.flatMap((e) => (e.staff ? [e.staff] : []))])].map((openid) => ({ openid, name: staffNameOf(s, l, openid) }));
  return ok({ list: summaryOf(l, entries, now), ...executionOf(entries, staff, now) });
}
