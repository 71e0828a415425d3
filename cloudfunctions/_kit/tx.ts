import type { Tx } from './transaction';
import type { CollectionName } from './collections';
import { checkedDoc } from './stored-docs';

/**
 * Single-document operations by id inside a transaction — the only kind CloudBase makes
 * transactional (DESIGN rule 5). Never `where().update()` here: the SDK would run it outside.
 */
export async function txGet<T>(tx: Tx, collection: CollectionName, id: string): Promise<T | null> {
  const res = (await tx.collection(collection).doc(id).get()) as { data?: unknown };
  const data = res.data;
  return checkedDoc<T | null>(collection, (Array.isArray(data) ? data[0] : data) ?? null);
}

/**
 * The document as stored, unchecked: for data migrations only, which read exactly the older shapes
 * the schemas (shared/documents) no longer accept.
 */
export async function txGetAsStored<T>(tx: Tx, collection: CollectionName, id: string): Promise<T | null> {
  const res = (await tx.collection(collection).doc(id).get()) as { data?: unknown };
  const data = res.data;
  return ((Array.isArray(data) ? data[0] : data) ?? null) as T | null;
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
