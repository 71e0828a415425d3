import { fail, ok, type Result } from '../../shared/errors/result';
import type { InboxItem } from '../../shared/promotions/campaign-views';
import { settleEventsOf } from '../_consumers/settle';
import type { ActionContext } from '../_kit/create-handler';
import { runInTransaction } from '../_kit/transaction';
import { interactionEvent, writeEvent } from '../_events/make-event';
import { txGet, txReplace } from '../_kit/tx';
import { type MessageDoc } from '../_campaigns/docs';
import { COLL } from '../_kit/collections';

export type { InboxItem };

const PAGE = 20;

/**
 * The messages that reached the customer (state `sent`), newest first. In production they arrive
 * as WeChat service notifications; this list is our own record of them, and locally it is the only
 * place to see what would have arrived.
 */
export async function inbox(input: { cursor?: number }, ctx: ActionContext): Promise<Result<{ items: InboxItem[]; nextCursor: number | null }>> {
  const _ = ctx.db.command;
  const where = { openid: ctx.openid, state: 'sent', ...(input.cursor !== undefined ? { sentAt: _.lt(input.cursor) } : {}) };
  const res = (await ctx.db.collection(COLL.messages).where(where).orderBy('sentAt', 'desc').limit(PAGE + 1).get()) as { data: MessageDoc[] };
  const rows = res.data.slice(0, PAGE);
  const items = rows.map((m) => ({ messageId: m._id, kind: m.kind, title: m.title, detail: m.detail, page: m.page, until: m.until, sentAt: m.sentAt ?? m.createdAt, ...(m.openedAt !== undefined ? { openedAt: m.openedAt } : {}) }));
  return ok({ items, nextCursor: res.data.length > PAGE ? rows[rows.length - 1].sentAt ?? null : null });
}

/**
 * The customer opened a message: recorded once, with a `message.opened` interaction event in the
 * same transaction (an "engaged" signal for the profile).
 */
export async function openMessage(input: { messageId: string }, ctx: ActionContext): Promise<Result<{ page: string; opened: boolean }>> {
  const r = await runInTransaction(ctx.db, async (tx) => {
    const m = await txGet<MessageDoc>(tx, COLL.messages, input.messageId);
    if (!m || m.openid !== ctx.openid || m.state !== 'sent') return null;
    if (m.openedAt !== undefined) return { page: m.page, opened: false };
    const now = ctx.now();
    await txReplace(tx, COLL.messages, { ...m, openedAt: now, version: m.version + 1 });
    const data = { messageId: m._id, kind: m.kind, ...('campaignId' in m.source ? { campaignId: m.source.campaignId } : {}) };
    await writeEvent(tx, interactionEvent({ openid: ctx.openid, unionid: ctx.caller.unionid }, { factId: m._id, type: 'message.opened', at: now, data }));
    return { page: m.page, opened: true };
  });
  if (!r) return fail('NOT_FOUND', '没有找到这条消息，请刷新后再看。');
  if (r.opened) await settleEventsOf(ctx, ctx.openid);
  return ok(r);
}
