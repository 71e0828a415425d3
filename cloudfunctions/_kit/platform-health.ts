import { healthIdOf, nextHealth, type PlatformApi, type PlatformHealthDoc } from '../../shared/ops/platform-health';
import { getById, type Db } from './db';
import type { Logger } from './logger';
import { COLL } from './collections';

/** Same answer from the same function recorded less than this long ago by this instance: not written again. */
export const HEALTH_THROTTLE_MS = 10 * 60_000;

const recent = new Map<string, { code: string; at: number }>();

/** Tests that rewrite platform_health by hand forget what this instance wrote. */
export const forgetRecentHealth = (): void => recent.clear();

/**
 * Records the answer of one cloud call (called right after the call, at its call site). Billing
 * counts reads and writes, and a campaign launch makes thousands of identical sends: an instance
 * writes the same answer for the same function at most once per 10 minutes — a different answer
 * (an -604101 after a success, a success after a failure) is always written. Never throws: a
 * health record must not fail the call it describes.
 */
export async function recordPlatformCall(
  db: Db,
  call: { fn: string; api: PlatformApi; adapter: 'wechat' | 'local'; result: { ok: true } | { ok: false; code: string; message: string }; at: number },
  log?: Logger,
): Promise<void> {
  const code = call.result.ok ? '0' : call.result.code;
  const id = healthIdOf(call.fn, call.api);
  const seen = recent.get(id);
  if (seen && seen.code === code && call.at - seen.at >= 0 && call.at - seen.at < HEALTH_THROTTLE_MS) return;
  try {
    const prev = await getById<PlatformHealthDoc>(db, COLL.platform_health, id);
    const next = nextHealth(prev, { fn: call.fn, api: call.api, adapter: call.adapter, code, message: call.result.ok ? 'ok' : call.result.message, at: call.at });
    const { _id, ...body } = next;
    await db.collection(COLL.platform_health).doc(_id).set(body);
    recent.set(id, { code, at: call.at });
  } catch (e) {
    log?.log('warn', 'platform health not recorded', { id, code, error: e instanceof Error ? e.message : String(e) });
  }
}

export async function listPlatformHealth(db: Db): Promise<PlatformHealthDoc[]> {
  // A handful of documents (one per function and API): one page is all of them.
  const res = (await db.collection(COLL.platform_health).limit(100).get()) as { data: PlatformHealthDoc[] };
  return res.data;
}

/** The platform's own code on a thrown call (wx-server-sdk errors carry errCode), else CALL_FAILED. */
function thrownCode(e: unknown): string {
  const c = e && typeof e === 'object' ? ((e as { errCode?: unknown }).errCode ?? (e as { errcode?: unknown }).errcode) : undefined;
  return typeof c === 'number' || (typeof c === 'string' && c.length > 0 && c.length <= 40) ? String(c) : 'CALL_FAILED';
}

/**
 * Runs one platform call that throws when refused (cloudPay.unifiedOrder), records its answer,
 * and returns or rethrows it unchanged: recording never changes what the caller sees.
 */
export async function recordThrowingCall<T>(
  db: Db,
  meta: { fn: string; api: PlatformApi; adapter: 'wechat' | 'local' },
  now: () => number,
  log: Logger | undefined,
  call: () => Promise<T>,
): Promise<T> {
  let value: T;
  try {
    value = await call();
  } catch (e) {
    await recordPlatformCall(db, { ...meta, result: { ok: false, code: thrownCode(e), message: e instanceof Error ? e.message : String(e) }, at: now() }, log);
    throw e;
  }
  await recordPlatformCall(db, { ...meta, result: { ok: true }, at: now() }, log);
  return value;
}
