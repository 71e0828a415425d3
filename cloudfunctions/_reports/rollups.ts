import type { Day } from '../../shared/reports/days';
import type { ReportCounters } from '../../shared/reports/rollup';

/**
 * Report rollups (collection `report_rollups`): counters folded from money events, split by
 * business day and by shard of the customer (see shardOf) so two folds running at once mostly
 * write different documents. `rpt_<day>_<shard>` holds a day's share; `rpt_total_<shard>` the
 * all-time share (stored-value liability now = Σ of the totals, without reading every day).
 */

/** Shards per day: enough that concurrent folds rarely meet, few enough that a 90-day read is 720 small documents. */
export const REPORT_SHARDS = 8;

export const dayRollupId = (day: Day, shard: number) => `rpt_${day}_${shard}`;
export const totalRollupId = (shard: number) => `rpt_total_${shard}`;
export const snapshotIdOf = (day: Day) => `sss_${day}`;

export const REPORT_CONSUMER = 'report' as const;

export interface RollupDoc extends ReportCounters {
  _id: string;
  /** Day documents only (the totals have none, so a day-range query never returns them). */
  day?: Day;
  shard: number;
  updatedAt: number;
  version: number;
}

export interface SnapshotDoc {
  _id: string;
  day: Day;
  at: number;
  counts: Record<string, number>;
}
