import { ok, type Result } from '../../shared/errors/result';
import type { GrantsView, SubscribeResult } from '../../shared/promotions/campaign-views';
import { MESSAGE_KINDS, type MessageKind, type Settings } from '../../shared/schemas/settings';
import type { Db } from '../_kit/db';
import { getById } from '../_kit/db';
import { idFromKey } from '../_kit/ids';
import { runInTransaction, type Tx } from '../_kit/transaction';
import { txCreate, txGet, txReplace } from '../_kit/tx';
import { grantIdOf, type DeliveryDoc, type GrantDoc } from './docs';
import { bumpStats } from './stats';
import { COLL } from '../_kit/collections';

/** What wx.requestSubscribeMessage answers per template. */
export const SUBSCRIBE_RESULTS = ['accept', 'reject', 'ban', 'filter'] as const satisfies readonly SubscribeResult[];
export type { GrantsView, SubscribeResult };

export async function grantsOf(db: Db, openid: string, settings: Settings): Promise<GrantsView> {
  const out = {} as GrantsView;
  for (const k of MESSAGE_KINDS) {
    const g = await getById<GrantDoc>(db, COLL.subscription_grants, grantIdOf(openid, k));
    out[k] = { templateId: settings.messageTemplates[k].templateId, remaining: g?.remaining ?? 0 };
  }
  return out;
}

interface RequestDoc {
  _id: string;
  openid: string;
  at: number;
}

/**
 * Records what the customer answered to a subscription prompt: each `accept` is one more one-time
 * grant (WeChat allows one message per acceptance); `reject`/`ban` is an opt-out of that kind,
 * which campaigns that already messaged them in the last 30 days count. Idempotent per request id
 * (a retried call does not add grants twice).
 */
export async function recordSubscribeResults(db: Db, openid: string, results: Partial<Record<MessageKind, SubscribeResult>>, requestId: string, now: number, settings: Settings): Promise<Result<GrantsView>> {
  // Nothing to record (every template filtered, or an empty answer): nothing is written.
  if (!MESSAGE_KINDS.some((k) => results[k] && results[k] !== 'filter')) return ok(await grantsOf(db, openid, settings));
  const reqId = idFromKey('sgq', openid, requestId);
  const optedOut = results.promotion === 'reject' || results.promotion === 'ban';
  const recent = optedOut ? await messagedDeliveries(db, openid, now) : [];
  await runInTransaction(db, async (tx) => {
    if (await txGet<RequestDoc>(tx, COLL.subscription_requests, reqId)) return;
    await txCreate<RequestDoc>(tx, COLL.subscription_requests, { _id: reqId, openid, at: now });
    for (const kind of MESSAGE_KINDS) {
      const r = results[kind];
      if (r && r !== 'filter') await applyResult(tx, openid, kind, r, now, settings);
    }
    for (const d of recent) await markOptOut(tx, d, now);
  });
  return ok(await grantsOf(db, openid, settings));
}

async function applyResult(tx: Tx, openid: string, kind: MessageKind, r: Exclude<SubscribeResult, 'filter'>, now: number, settings: Settings): Promise<void> {
  const id = grantIdOf(openid, kind);
  const cur = await txGet<GrantDoc>(tx, COLL.subscription_grants, id);
  const base: GrantDoc = cur ?? { _id: id, openid, kind, templateId: settings.messageTemplates[kind].templateId, remaining: 0, accepted: 0, consumed: 0, rejected: 0, updatedAt: now, version: 0 };
  const next: GrantDoc =
    r === 'accept'
      ? { ...base, remaining: base.remaining + 1, accepted: base.accepted + 1, updatedAt: now, version: base.version + 1 }
      : { ...base, rejected: base.rejected + 1, rejectedAt: now, updatedAt: now, version: base.version + 1 };
  await (cur ? txReplace(tx, COLL.subscription_grants, next) : txCreate(tx, COLL.subscription_grants, next));
}

const OPT_OUT_WINDOW_MS = 30 * 86_400_000;

async function messagedDeliveries(db: Db, openid: string, now: number): Promise<string[]> {
  const _ = db.command;
  const res = (await db.collection(COLL.campaign_deliveries).where({ openid, at: _.gte(now - OPT_OUT_WINDOW_MS) }).orderBy('at', 'desc').limit(20).field({ outcome: true }).get()) as { data: Array<Pick<DeliveryDoc, '_id' | 'outcome'>> };
  return res.data.filter((d) => d.outcome === 'sent').map((d) => d._id);
}

/** A customer who said no after a campaign's message counts once as that campaign's opt-out. */
async function markOptOut(tx: Tx, deliveryId: string, now: number): Promise<void> {
  const d = await txGet<DeliveryDoc>(tx, COLL.campaign_deliveries, deliveryId);
  if (!d || d.optedOutAt !== undefined) return;
  await txReplace(tx, COLL.campaign_deliveries, { ...d, optedOutAt: now, version: d.version + 1 });
  await bumpStats(tx, d.campaignId, d.openid, { optOuts: 1 });
}
