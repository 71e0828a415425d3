import tcb from '@cloudbase/node-sdk';
import type { CollectionName } from './collections';
import { checkedDoc } from './stored-docs';

type App = ReturnType<typeof tcb.init>;
export type Db = ReturnType<App['database']>;

/**
 * The SDK exactly as a deployed function initialises it: the current environment, nothing else.
 * Where requests go and how they are signed comes from the process environment, the way SCF
 * provides it — and the local store (`local/server.ts`) provides the same variables pointing at
 * the emulator: `TCB_CONTEXT_CNFG` `{"URL": …}` (the SDK's own endpoint override, read per
 * request), `SCF_NAMESPACE` (the env id `SYMBOL_CURRENT_ENV` resolves to), the role keys
 * `TENCENTCLOUD_SECRETID/SECRETKEY` (read per request, so a restarted emulator's new keys are
 * picked up) and `TENCENTCLOUD=true` (no metadata probe, ~57 ms per request otherwise).
 * No code path here knows whether it runs on CloudBase or against the emulator.
 */
let app: App | undefined;

export function getApp(): App {
  app ??= tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
  return app;
}

export const getDb = (): Db => getApp().database();

/** The SDK throws `{code, message}` objects for CloudBase errors; this reads the code safely. */
export const errorCode = (e: unknown): string | undefined =>
  e && typeof e === 'object' && typeof (e as { code?: unknown }).code === 'string' ? (e as { code: string }).code : undefined;

/** `doc(id).get()` answers `{data: [doc]}` or `{data: []}`; return the doc or null. */
export async function getById<T>(db: Db, collection: CollectionName, id: string): Promise<T | null> {
  const res = (await db.collection(collection).doc(id).get()) as { data?: unknown };
  const data = res.data;
  return checkedDoc<T | null>(collection, (Array.isArray(data) ? data[0] : data) ?? null);
}

/** Reads every document matching `where`, page by page (CloudBase caps one get at 100/1000). */
export async function getAll<T>(
  db: Db,
  collection: CollectionName,
  where: Record<string, unknown>,
  opts: { orderBy?: [string, 'asc' | 'desc']; pageSize?: number; max?: number } = {},
): Promise<T[]> {
  const pageSize = opts.pageSize ?? 100;
  const max = opts.max ?? 1000;
  const out: T[] = [];
  for (let skip = 0; out.length < max; skip += pageSize) {
    let q = db.collection(collection).where(where);
    if (opts.orderBy) q = q.orderBy(opts.orderBy[0], opts.orderBy[1]);
    const res = (await q.skip(skip).limit(Math.min(pageSize, max - out.length)).get()) as { data: T[] };
    for (const d of res.data) out.push(checkedDoc<T>(collection, d));
    if (res.data.length < pageSize) break;
  }
  return out;
}

/** Documents by id in one query per 100 ids (none asked: no call), as a map from id to document. */
export async function getByIds<T extends { _id: string }>(db: Db, collection: CollectionName, ids: readonly string[]): Promise<Map<string, T>> {
  const out = new Map<string, T>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 100) {
    const batch = unique.slice(i, i + 100);
    const res = (await db.collection(collection).where({ _id: db.command.in(batch) }).limit(batch.length).get()) as { data: T[] };
    for (const d of res.data) out.set(d._id, checkedDoc<T>(collection, d));
  }
  return out;
}
