import type { Day } from '../../shared/reports/days';
import type { SegmentHistoryView } from '../../shared/reports/views';
import type { Settings } from '../../shared/settings';
import { businessDate } from '../../shared/time';
import { getById, type Db } from '../_kit/db';
import { runInTransaction } from '../_kit/transaction';
import { txCreate, txGet } from '../_kit/tx';
import { segmentCounts } from '../_segments/queries';
import { snapshotIdOf, type SnapshotDoc } from './rollups';
import { COLL } from '../_kit/collections';
import { databaseSource } from '../_kit/database-source';

/**
 * Segment sizes once per Shanghai day (the size-over-time chart): the first timer run of a day
 * writes `sss_<day>` with the index-only counts of every known segment key; later runs that day
 * find it by id and do nothing (one read). The id makes it idempotent: two runs racing at
 * midnight create it once (the loser's transaction sees it and stops).
 */
export async function snapshotSegmentsOnce(db: Db, settings: Settings, now: number): Promise<'created' | 'exists'> {
  const day = businessDate(now);
  const id = snapshotIdOf(day);
  // This instance already saw today's: no read per timer run for the rest of the day (snapshots are never deleted).
  const memo = `${databaseSource()}|${day}`;
  if (seenFor === memo) return 'exists';
  if (await getById<SnapshotDoc>(db, COLL.segment_snapshots, id)) {
    seenFor = memo;
    return 'exists';
  }
  const counts = await segmentCounts(db, settings);
  const done = await runInTransaction(db, async (tx) => {
    if (await txGet<SnapshotDoc>(tx, COLL.segment_snapshots, id)) return 'exists' as const;
    await txCreate<SnapshotDoc>(tx, COLL.segment_snapshots, { _id: id, day, at: now, counts });
    return 'created' as const;
  });
  seenFor = memo;
  return done;
}

let seenFor: string | undefined;

/** The period's snapshots by the `day` index (at most one per day, so one get), plus the sizes right now. */
export async function segmentHistory(db: Db, settings: Settings, from: Day, to: Day, now: number): Promise<SegmentHistoryView> {
  const _ = db.command;
  const [res, counts] = await Promise.all([
    db.collection(COLL.segment_snapshots).where(_.and([{ day: _.gte(from) }, { day: _.lte(to) }])).orderBy('day', 'asc').limit(1000).get() as Promise<{ data: SnapshotDoc[] }>,
    segmentCounts(db, settings),
  ]);
  return {
    from,
    to,
    days: res.data.map((d) => ({ day: d.day, at: d.at, counts: d.counts })),
    current: { day: businessDate(now), at: now, counts },
  };
}
