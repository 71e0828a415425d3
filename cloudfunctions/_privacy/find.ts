import type { Db } from '../_kit/db';
import type { CollectionName } from '../_kit/collections';
import { PRIVACY_COVERAGE, type Finder } from './coverage';

export type AnyDoc = { _id: string } & Record<string, unknown>;

const finderOf = (collection: CollectionName): Finder => {
  const f = PRIVACY_COVERAGE[collection]?.find;
  if (!f) throw new Error(`privacy: ${collection} has no finder`);
  return f;
};

/**
 * One page of the caller's documents in `collection`, in _id order after `after` (a stable keyset:
 * documents changed meanwhile are neither skipped nor repeated). Field finders seek the customer's
 * own range of an index (never the whole collection); id finders read by id.
 */
export async function pageMine(db: Db, collection: CollectionName, openid: string, after: string | undefined, limit: number): Promise<AnyDoc[]> {
  const f = finderOf(collection);
  const _ = db.command;
  if (f.kind === 'ids') {
    const ids = f.ids(openid).filter((id) => after === undefined || id > after).sort();
    if (ids.length === 0) return [];
    const res = (await db.collection(collection).where({ _id: _.in(ids) }).limit(ids.length).get()) as { data: AnyDoc[] };
    return res.data.sort((a, b) => (a._id < b._id ? -1 : 1)).slice(0, limit);
  }
  const where: Record<string, unknown> = { [f.field]: f.value ? f.value(openid) : openid };
  if (after !== undefined) where._id = _.gt(after);
  const res = (await db.collection(collection).where(where).orderBy('_id', 'asc').limit(limit).get()) as { data: AnyDoc[] };
  return res.data;
}

/** The first `limit` of the caller's documents (the documents a deletion step works on next). */
export const firstMine = (db: Db, collection: CollectionName, openid: string, limit: number) => pageMine(db, collection, openid, undefined, limit);

/** How many documents the caller has in `collection` (a count over the same index range). */
export async function countMine(db: Db, collection: CollectionName, openid: string, extra: Record<string, unknown> = {}): Promise<number> {
  const f = finderOf(collection);
  if (f.kind === 'ids') {
    const _ = db.command;
    const ids = f.ids(openid);
    return ((await db.collection(collection).where({ _id: _.in(ids), ...extra }).count()) as { total: number }).total;
  }
  const where = { [f.field]: f.value ? f.value(openid) : openid, ...extra };
  return ((await db.collection(collection).where(where).count()) as { total: number }).total;
}

/** Every one of the caller's documents in `collection`, up to `max` (summaries of small sets). */
export async function allMine(db: Db, collection: CollectionName, openid: string, max = 1000): Promise<AnyDoc[]> {
  const out: AnyDoc[] = [];
  let after: string | undefined;
  while (out.length < max) {
    const page = await pageMine(db, collection, openid, after, Math.min(100, max - out.length));
    out.push(...page);
    if (page.length < 100) break;
    after = page[page.length - 1]._id;
  }
  return out;
}
