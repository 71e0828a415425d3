import type { Settings } from '../../shared/schemas/settings';
import { LAYERS } from '../../shared/segments/keys';
import { getById, type Db } from '../_kit/db';
import { recomputeProfile } from './transitions';
import { COLL } from '../_kit/collections';

export interface RecomputeResult {
  processed: number;
  changed: number;
  nextCursor: string | null;
}

/**
 * Every profile holds exactly one `layer:*` key (profiles written before issue 5 hold none: their
 * `segments` is missing, which indexes as null) — so walking these groups through the
 * (segments, openid) index visits every profile without a collection scan.
 */
export const RECOMPUTE_GROUPS = [null, ...LAYERS.map((l) => `layer:${l}`)] as const;
const PAGE = 200;

/** Parses a walk cursor (`<group>|<last openid>`); null when it is not one. */
function parseCursor(cursor: string | undefined): [number, string] | null {
  if (!cursor) return [0, ''];
  const bar = cursor.indexOf('|');
  const g = Number(cursor.slice(0, bar));
  return bar > 0 && Number.isInteger(g) && g >= 0 && g < RECOMPUTE_GROUPS.length ? [g, cursor.slice(bar + 1)] : null;
}

export const isRecomputeCursor = (c: string) => parseCursor(c) !== null;

/**
 * One bounded stretch of the pass over every profile that re-derives its segment keys under the
 * current settings. Call again with `nextCursor` until it is null. A profile whose layer changes
 * may be visited twice (harmless: the second pass changes nothing).
 */
export async function recomputeWalk(db: Db, settings: Settings, now: () => number, cursor: string | undefined, budgetMs: number): Promise<RecomputeResult> {
  const started = Date.now();
  const _ = db.command;
  const out: RecomputeResult = { processed: 0, changed: 0, nextCursor: null };
  const parsed = parseCursor(cursor);
  if (!parsed) throw new Error('recomputeWalk: invalid cursor');
  const [g0, after0] = parsed;
  let after = after0;
  for (let g = g0; g < RECOMPUTE_GROUPS.length; g++, after = '') {
    for (;;) {
      if (Date.now() - started > budgetMs) return { ...out, nextCursor: `${g}|${after}` };
      const where = { segments: RECOMPUTE_GROUPS[g], ...(after ? { openid: _.gt(after) } : {}) };
      const res = (await db.collection(COLL.profiles).where(where).orderBy('openid', 'asc').limit(PAGE).field({ _id: true, openid: true }).get()) as { data: Array<{ _id: string; openid: string }> };
      for (const d of res.data) {
        const r = await recomputeProfile(db, d._id, settings, now(), { onlyIfDue: false });
        out.processed++;
        if (r === 'updated' || r === 'lifecycle') out.changed++;
        after = d.openid;
      }
      if (res.data.length < PAGE) break;
    }
  }
  return out;
}

/** The settings segment keys are derived from: when these change, stored keys are stale. */
export const segmentRulesFingerprint = (s: Settings): string => JSON.stringify({ life: s.lifecycleDays, rules: s.segmentRules, tiers: s.tiers.map((t) => t.thresholdFen) });

interface RulesState {
  _id: string;
  fingerprint: string;
  /** Where the re-derivation pass is; null when profiles follow `fingerprint`. */
  cursor: string | null;
  startedAt?: number;
  finishedAt?: number;
}

const STATE_ID = 'segment-rules';

export interface AutoRecomputeReport {
  running: boolean;
  processed: number;
  changed: number;
}

/**
 * Run by the segment timer: when an operator has changed the rules segment keys derive from
 * (lifecycle days, segment thresholds, tier thresholds), every profile is re-derived in bounded
 * stretches over the following timer runs — so lists follow the new rules within minutes without
 * anyone remembering to press a button. The very first run makes one pass too (which rules the
 * stored keys follow is unknown then).
 */
export async function recomputeIfRulesChanged(db: Db, settings: Settings, now: () => number, budgetMs: number): Promise<AutoRecomputeReport> {
  const fp = segmentRulesFingerprint(settings);
  const state = await getById<RulesState>(db, COLL.scheduler_state, STATE_ID);
  const save = (s: Omit<RulesState, '_id'>) => db.collection(COLL.scheduler_state).doc(STATE_ID).set(s);
  let cursor = state?.cursor ?? null;
  let startedAt = state?.startedAt;
  // Never run before (new deployment): nobody knows which rules the stored keys follow — one pass.
  if (state?.fingerprint !== fp) {
    cursor = '0|'; // rules changed (again): start over under the new ones
    startedAt = now();
  }
  if (cursor === null) return { running: false, processed: 0, changed: 0 };
  const r = await recomputeWalk(db, settings, now, cursor, budgetMs);
  await save({ fingerprint: fp, cursor: r.nextCursor, ...(startedAt !== undefined ? { startedAt } : {}), ...(r.nextCursor === null ? { finishedAt: now() } : {}) });
  return { running: r.nextCursor !== null, processed: r.processed, changed: r.changed };
}
