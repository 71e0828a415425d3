import type { Tx } from './transaction';
import type { CollectionName } from './collections';

/**
 * Single-document operations by id inside a transaction — the only kind CloudBase makes
 * transactional (DESIGN rule 5). Never `where().update()` here: the SDK would run it outside.
 */
export async function txGet<T>(tx: Tx, collection: CollectionName, id: string): Promise<T | null> {
  const res = (await tx.collection(collection).doc(id).get()) as { data?: unknown };
  const data = res.data;
  if (Array.isArray(data)) return (data[0] as T) ?? null;
  return (data as T) ?? null;
}

/** Creates a document with a known id (the caller has read it inside the same tx and found none). */
export async function txCreate<T extends { _id: string }>(tx: Tx, collection: CollectionName, doc: T): Promise<void> {
  const { _id, ...body } = doc;
  await tx.collection(collection).doc(_id).set(body);
}

/** Replaces a document's fields with `next` (whole-document write: nested objects and arrays included). */
export async function txReplace<T extends { _id: string }>(tx: Tx, collection: CollectionName, doc: T): Promise<void> {
  const { _id, ...body } = doc;
  await tx.collection(collection).doc(_id).set(body);
}
