import type { Db } from './db';
import type { CollectionName } from './collections';

/**
 * Keyset paging newest-first on (`key` field = value, `timeField` desc) — served by a compound
 * index, never a scan or a growing skip. The cursor is the last page's time; documents sharing
 * that exact time are all included in the page, so none is skipped or repeated at a boundary.
 */
export async function pageNewestFirst<T extends { _id: string }>(
  db: Db,
  collection: CollectionName,
  key: Record<string, unknown>,
  timeField: string,
  cursor: number | undefined,
  pageSize: number,
): Promise<{ items: T[]; nextCursor?: number }> {
  const _ = db.command;
  const where = cursor === undefined ? key : { ...key, [timeField]: _.lt(cursor) };
  const res = (await db.collection(collection).where(where).orderBy(timeField, 'desc').limit(pageSize).get()) as { data: T[] };
  const items = res.data;
  if (items.length < pageSize) return { items };
  const lastAt = (items[items.length - 1] as unknown as Record<string, number>)[timeField];
  const ties = (await db.collection(collection).where({ ...key, [timeField]: lastAt }).limit(1000).get()) as { data: T[] };
  const seen = new Set(items.map((i) => i._id));
  for (const t of ties.data) if (!seen.has(t._id)) items.push(t);
  return { items, nextCursor: lastAt };
}
