import { DOCUMENT_SCHEMAS } from '../../shared/documents/registry';
import type { CollectionName } from './collections';

/** A stored document that does not have its collection's shape (shared/documents). */
export class StoredDocumentError extends Error {
  constructor(readonly collection: string, readonly id: unknown, readonly issues: string) {
    super(`${collection}/${String(id)} does not match its schema: ${issues}`);
    this.name = 'StoredDocumentError';
  }
}

/**
 * Reads are checked at the boundary under tests (jest sets NODE_ENV=test) and in local mode (the
 * gateway sets TCB_LOCAL_URL), where every flow, fuzz and crash suite runs: a write of the wrong
 * shape, or an old shape nothing migrated, fails there loudly. In production the check is
 * skipped: every document there was written by the same code the tests checked, and a money
 * transaction re-reads its documents on each retry, so the cost would be paid per attempt
 * (measured on this 2-core box: a wallet with 50 lots parses in ~17 µs, a membership in ~1.3 µs — cheap, but
 * a rejected read in production would turn a recoverable state into a failed payment).
 */
const checking = (): boolean => process.env.NODE_ENV === 'test' || process.env.TCB_LOCAL_URL !== undefined;

/** Returns `doc` as read (unparsed: fields the schema does not name are kept) once it matches its collection's schema. */
export function checkedDoc<T>(collection: CollectionName, doc: unknown): T {
  if (doc === null || doc === undefined || !checking()) return doc as T;
  const schema = DOCUMENT_SCHEMAS[collection];
  if (!schema) return doc as T;
  const r = schema.safeParse(doc);
  if (!r.success) throw new StoredDocumentError(collection, (doc as { _id?: unknown })._id, r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return doc as T;
}
