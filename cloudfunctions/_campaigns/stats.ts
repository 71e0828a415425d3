import type { Db } from '../_kit/db';
import type { Tx } from '../_kit/transaction';
import { txCreate, txGet, txReplace } from '../_kit/tx';
import { STAT_KEYS, STAT_SHARDS, statsIdOf, statsShardOf, type StatKey, type StatsDoc } from './docs';
import { COLL } from '../_kit/collections';

export type StatDelta = Partial<Record<StatKey, number>>;

/** Adds `delta` to the campaign's counters in the customer's shard, inside the caller's transaction. */
export async function bumpStats(tx: Tx, campaignId: string, openid: string, delta: StatDelta): Promise<void> {
  const shard = statsShardOf(openid);
  const id = statsIdOf(campaignId, shard);
  const cur = await txGet<StatsDoc>(tx, COLL.campaign_stats, id);
  const counts: StatDelta = { ...(cur?.counts ?? {}) };
  for (const [k, v] of Object.entries(delta) as Array<[StatKey, number]>) if (v) counts[k] = (counts[k] ?? 0) + v;
  const next: StatsDoc = { _id: id, campaignId, shard, counts, version: (cur?.version ?? 0) + 1 };
  await (cur ? txReplace(tx, COLL.campaign_stats, next) : txCreate(tx, COLL.campaign_stats, next));
}

/** The campaign's counters: the sum of its shards (a handful of reads, whatever the audience size). */
export async function readStats(db: Db, campaignId: string): Promise<Record<StatKey, number>> {
  const out = Object.fromEntries(STAT_KEYS.map((k) => [k, 0])) as Record<StatKey, number>;
  const ids = Array.from({ length: STAT_SHARDS }, (_, i) => statsIdOf(campaignId, i));
  const res = (await db.collection(COLL.campaign_stats).where({ _id: db.command.in(ids) }).get()) as { data: StatsDoc[] };
  for (const d of res.data) for (const k of STAT_KEYS) out[k] += d.counts[k] ?? 0;
  return out;
}
