import { TrialConversionTally, purchaseFunnel } from '../../shared/reports/conversion';
import { addDay, daysBetween, type Day } from '../../shared/reports/days';
import { liabilityChangeOf, profitOf } from '../../shared/reports/profit';
import { emptyCounters, sumCounters, type ReportCounters } from '../../shared/reports/rollup';
import type { ConversionView, LiabilityView, OverviewView } from '../../shared/reports/views';
import type { TrialFact } from '../../shared/segments/profile';
import { getById, type Db } from '../_kit/db';
import { segmentTotal } from '../_segments/queries';
import { REPORT_SHARDS, totalRollupId, type RollupDoc } from './rollups';
import { COLL } from '../_kit/collections';

/** Days per query: × REPORT_SHARDS documents stays under CloudBase's 1000-per-get cap. */
const DAYS_PER_QUERY = Math.floor(1000 / REPORT_SHARDS) - 1;

/**
 * Counters per day from `from` to `to` (inclusive), summed over shards. Served by the `day`
 * index in day slices that fit one get each, so no paging over a non-unique sort key.
 */
export async function dayCounters(db: Db, from: Day, to: Day): Promise<Map<Day, ReportCounters>> {
  const _ = db.command;
  const slices: Array<[Day, Day]> = [];
  for (let a = from; a <= to; a = addDay(a, DAYS_PER_QUERY)) {
    const b = addDay(a, DAYS_PER_QUERY - 1);
    slices.push([a, b < to ? b : to]);
  }
  const pages = await Promise.all(slices.map(([a, b]) => rollupsWhere(db, _.and([{ day: _.gte(a) }, { day: _.lte(b) }]))));
  return sumByDay(pages.flat());
}

async function rollupsWhere(db: Db, where: unknown): Promise<RollupDoc[]> {
  return ((await db.collection(COLL.report_rollups).where(where as Record<string, unknown>).limit(1000).get()) as { data: RollupDoc[] }).data;
}

function sumByDay(docs: RollupDoc[]): Map<Day, ReportCounters> {
  const byDay = new Map<Day, RollupDoc[]>();
  for (const doc of docs) {
    const list = byDay.get(doc.day!);
    if (list) list.push(doc);
    else byDay.set(doc.day!, [doc]);
  }
  return new Map([...byDay].map(([day, list]) => [day, sumCounters(list)]));
}

/** All-time counters: Σ of the shards' totals (read by id). */
export async function allTimeCounters(db: Db): Promise<ReportCounters> {
  const docs = await Promise.all(Array.from({ length: REPORT_SHARDS }, (_x, i) => getById<RollupDoc>(db, COLL.report_rollups, totalRollupId(i))));
  return sumCounters(docs.filter((d): d is RollupDoc => d !== null));
}

type Fresh = { asOf: number; catchingUp: boolean };

export async function overview(db: Db, from: Day, to: Day, fresh: Fresh): Promise<OverviewView> {
  const byDay = await dayCounters(db, from, to);
  const days = daysBetween(from, to);
  const period = sumCounters(days.map((d) => byDay.get(d) ?? emptyCounters()));
  const { productOrders, membershipsSold, refunds, trialsSold, giftClaims, topUps } = period;
  return {
    ...fresh,
    from,
    to,
    totals: { ...profitOf(period), productOrders, membershipsSold, refunds, trialsSold, giftClaims, topUps },
    days: days.map((day) => ({ day, ...profitOf(byDay.get(day) ?? emptyCounters()) })),
  };
}

/**
 * Liability now (Σ totals) and at the end of each day of the period, walked back from now:
 * outstanding at the end of day d = now − Σ changes of the days after d. Days after the period
 * (up to the newest rollup) are read too, so a past period still ends at the right level.
 */
export async function liability(db: Db, from: Day, to: Day, today: Day, fresh: Fresh): Promise<LiabilityView> {
  const end = to > today ? to : today;
  // Days after `end` exist only if the clock was moved back (local time travel): read them too.
  const [all, byDay, future] = await Promise.all([allTimeCounters(db), dayCounters(db, from, end), rollupsWhere(db, { day: db.command.gt(end) })]);
  for (const [day, c] of sumByDay(future)) byDay.set(day, c);
  const nowChange = liabilityChangeOf(all);
  let principal = nowChange.principalDeltaFen;
  let bonus = nowChange.bonusDeltaFen;
  for (const [day, c] of byDay) {
    if (day <= to) continue;
    const change = liabilityChangeOf(c);
    principal -= change.principalDeltaFen;
    bonus -= change.bonusDeltaFen;
  }
  const days: LiabilityView['days'] = [];
  for (const day of daysBetween(from, to).reverse()) {
    const c = liabilityChangeOf(byDay.get(day) ?? emptyCounters());
    days.push({ day, principalFen: principal, bonusFen: bonus, ...c });
    principal -= c.principalDeltaFen;
    bonus -= c.bonusDeltaFen;
  }
  return {
    ...fresh,
    from,
    to,
    now: { principalFen: nowChange.principalDeltaFen, bonusFen: nowChange.bonusDeltaFen, totalFen: nowChange.principalDeltaFen + nowChange.bonusDeltaFen },
    days: days.reverse(),
  };
}

/** Trial buyers read per page, and at most this many pages per report read (then `complete: false`). */
const TRIAL_PAGE = 1000;
const MAX_TRIAL_PAGES = 50;

/**
 * Conversion: the purchase funnel from index-only segment counts, and trial → full from the trial
 * facts of the profiles tagged `trial` (the profile consumer records each conversion and its time),
 * paged through the (segments, openid) index reading only `trials`.
 */
export async function conversion(db: Db, fresh: Fresh): Promise<ConversionView> {
  const [one, two, three] = await Promise.all(['purchases:1', 'purchases:2', 'purchases:3plus'].map((k) => segmentTotal(db, k)));
  const _ = db.command;
  const tally = new TrialConversionTally();
  let cursor: string | undefined;
  let scanned = 0;
  let complete = false;
  for (let page = 0; page < MAX_TRIAL_PAGES; page++) {
    const where = cursor === undefined ? { segments: 'tag:trial' } : { segments: 'tag:trial', openid: _.gt(cursor) };
    const res = (await db.collection(COLL.profiles).where(where).orderBy('openid', 'asc').limit(TRIAL_PAGE).field({ openid: true, trials: true }).get()) as { data: Array<{ openid: string; trials?: TrialFact[] }> };
    for (const p of res.data) tally.add(p.trials);
    scanned += res.data.length;
    if (res.data.length < TRIAL_PAGE) {
      complete = true;
      break;
    }
    cursor = res.data[res.data.length - 1].openid;
  }
  return { ...fresh, trial: tally.result(), funnel: purchaseFunnel({ 'purchases:1': one, 'purchases:2': two, 'purchases:3plus': three }), scanned, complete };
}
