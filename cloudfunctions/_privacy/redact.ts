import { audienceOf } from '../../shared/promotions/campaign';
import type { CouponDoc } from '../../shared/promotions/coupon';
import type { SyncJobView } from '../../shared/segments/views';
import type { CampaignDoc } from '../_campaigns/docs';
import { getById, type Db } from '../_kit/db';
import { runInTransaction } from '../_kit/transaction';
import { auditIdFor } from '../_ops/audit';
import { pageNewestFirst } from '../_kit/paging';
import { txGet, txReplace } from '../_kit/tx';
import { RECOMPUTE_GROUPS } from '../_segments/recompute';
import type { AnyDoc } from './find';
import type { StepEnv, StepOutcome } from './steps';
import { COLL, type CollectionName } from '../_kit/collections';

/**
 * Operators' records that mention a customer (issue 7: after a deletion no document holds the
 * openid). They are the operators' history, so they stay — only the mention goes.
 */

/** Rewrites one document in a transaction if `change` says so; 1 when it did. */
async function rewrite<T extends AnyDoc>(db: Db, collection: CollectionName, id: string, change: (cur: T) => T | null): Promise<number> {
  return runInTransaction(db, async (tx) => {
    const cur = await txGet<T>(tx, collection, id);
    const next = cur ? change(cur) : null;
    if (!next) return 0;
    await txReplace(tx, collection, next);
    return 1;
  });
}

/**
 * Audit entries about the customer: a gift claim's shipping records (found through the
 * (entity, entityId) index) or an operator's grant of a coupon (its id follows from the coupon's
 * issue key `op:<operator>:<request id>`).
 */
export async function redactAudit(env: StepEnv, target: { entity: string; entityId: string } | { couponGrant: CouponDoc }, change: (a: AnyDoc) => AnyDoc): Promise<number> {
  let ids: string[];
  if ('couponGrant' in target) {
    const [tag, operator, requestId] = target.couponGrant.issueKey.split(':');
    if (tag !== 'op' || !operator || !requestId) return 0;
    ids = [auditIdFor(operator, requestId, 'coupon.issue', target.couponGrant.templateId)];
  } else {
    const res = (await env.db.collection(COLL.audit_log).where({ entity: target.entity, entityId: target.entityId }).limit(100).field({ _id: true }).get()) as { data: AnyDoc[] };
    ids = res.data.map((d) => d._id);
  }
  let n = 0;
  for (const id of ids) n += await rewrite<AnyDoc>(env.db, COLL.audit_log, id, change);
  return n;
}

/**
 * A paged walk (segment list, campaign launch, re-derivation pass) paused at this customer keeps
 * their openid as its cursor (`openid > cursor` = where to go on). The profile is already gone, so
 * the nearest remaining openid below it in the same list is the same position without the openid
 * (null: nothing below it — start of the list, which is again the same position).
 */
async function positionBefore(db: Db, segmentKey: string | null, openid: string): Promise<string | null> {
  const _ = db.command;
  const res = (await db.collection(COLL.profiles).where({ segments: segmentKey, openid: _.lt(openid) }).orderBy('openid', 'desc').limit(1).field({ openid: true }).get()) as { data: Array<{ openid: string }> };
  return res.data[0]?.openid ?? null;
}

type SyncJobDoc = Pick<SyncJobView, 'key' | 'cursor' | 'failures'> & AnyDoc & { createdAt: number };

/** WeCom tag sync jobs: failures naming the customer are dropped; a cursor at them moves just before. */
export async function redactWecomSyncs(env: StepEnv, cursor: string | undefined): Promise<StepOutcome> {
  const page = await pageNewestFirst<SyncJobDoc>(env.db, COLL.wecom_syncs, {}, 'createdAt', cursor ? Number(cursor) : undefined, 100);
  let redacted = 0;
  for (const job of page.items) {
    if (job.cursor !== env.openid && !(job.failures ?? []).some((f) => f.openid === env.openid)) continue;
    const before = job.cursor === env.openid ? await positionBefore(env.db, job.key, env.openid) : null;
    redacted += await rewrite<SyncJobDoc>(env.db, 'wecom_syncs', job._id, (cur) => ({
      ...cur,
      failures: (cur.failures ?? []).filter((f) => f.openid !== env.openid),
      cursor: cur.cursor === env.openid ? before : cur.cursor,
    }));
  }
  return page.nextCursor === undefined ? { more: false, redacted } : { more: true, cursor: String(page.nextCursor), redacted };
}

/** Campaign launches paused at the customer (`launch.after`). */
export async function redactCampaignCursors(env: StepEnv, cursor: string | undefined): Promise<StepOutcome> {
  const page = await pageNewestFirst<CampaignDoc & AnyDoc>(env.db, COLL.campaigns, {}, 'createdAt', cursor ? Number(cursor) : undefined, 100);
  let redacted = 0;
  for (const c of page.items) {
    if (c.launch?.after !== env.openid) continue;
    const key = audienceOf(c).anyOf[c.launch.clause]?.[0] ?? null;
    const before = key ? await positionBefore(env.db, key, env.openid) : null;
    redacted += await rewrite<CampaignDoc & AnyDoc>(env.db, 'campaigns', c._id, (cur) => {
      if (cur.launch?.after !== env.openid) return null;
      const { after: _a, ...launch } = cur.launch;
      void _a;
      return { ...cur, launch: before ? { ...launch, after: before } : launch };
    });
  }
  return page.nextCursor === undefined ? { more: false, redacted } : { more: true, cursor: String(page.nextCursor), redacted };
}

/** The segment re-derivation pass (`scheduler_state/segment-rules`, cursor `<group>|<openid>`). */
export async function redactRecomputeCursor(env: StepEnv): Promise<StepOutcome> {
  const state = await getById<AnyDoc & { cursor?: string | null }>(env.db, COLL.scheduler_state, 'segment-rules');
  const m = typeof state?.cursor === 'string' ? /^(\d+)\|(.*)$/.exec(state.cursor) : null;
  if (!m || m[2] !== env.openid) return { more: false };
  const group = RECOMPUTE_GROUPS[Number(m[1])];
  if (group === undefined) return { more: false };
  const before = await positionBefore(env.db, group, env.openid);
  const redacted = await rewrite<AnyDoc & { cursor?: string | null }>(env.db, 'scheduler_state', 'segment-rules', (cur) => (cur.cursor === state!.cursor ? { ...cur, cursor: `${m[1]}|${before ?? ''}` } : null));
  return { more: false, redacted };
}
