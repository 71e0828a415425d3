import tcb from '@cloudbase/node-sdk';

type App = ReturnType<typeof tcb.init>;
export type Db = ReturnType<App['database']>;

/**
 * One SDK app per target. Production: the current environment (`SYMBOL_CURRENT_ENV`). Local mode
 * (gateway, tests): `TCB_LOCAL_URL` points the same real SDK at the emulator via `serviceUrl`.
 * Dummy keys matter: with none, the SDK leaves a rejected promise unawaited and crashes the process;
 * TENCENTCLOUD=true stops it probing the cloud metadata host on every request (~57 ms each).
 */
const apps = new Map<string, App>();

export function getApp(): App {
  const localUrl = process.env.TCB_LOCAL_URL;
  const key = localUrl ?? '<current-env>';
  let app = apps.get(key);
  if (!app) {
    if (localUrl) {
      process.env.TENCENTCLOUD = 'true';
      app = tcb.init({ env: 'local', serviceUrl: localUrl, secretId: 'local', secretKey: 'local' } as never);
    } else {
      app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
    }
    apps.set(key, app);
  }
  return app;
}

export const getDb = (): Db => getApp().database();

/** The SDK throws `{code, message}` objects for CloudBase errors; this reads the code safely. */
export const errorCode = (e: unknown): string | undefined =>
  e && typeof e === 'object' && typeof (e as { code?: unknown }).code === 'string' ? (e as { code: string }).code : undefined;

/** `doc(id).get()` answers `{data: [doc]}` or `{data: []}`; return the doc or null. */
export async function getById<T>(db: Db, collection: string, id: string): Promise<T | null> {
  const res = (await db.collection(collection).doc(id).get()) as { data?: unknown };
  const data = res.data;
  if (Array.isArray(data)) return (data[0] as T) ?? null;
  return (data as T) ?? null;
}

/** Reads every document matching `where`, page by page (CloudBase caps one get at 100/1000). */
export async function getAll<T>(
  db: Db,
  collection: string,
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
    out.push(...res.data);
    if (res.data.length < pageSize) break;
  }
  return out;
}
