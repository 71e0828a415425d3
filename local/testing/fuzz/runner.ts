import path from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { BUSINESS_ERROR_CODES, COMMON_ERROR_CODES } from '../../../shared/errors/codes';
import { FUNCTION_SOURCE, PAY_CALLBACK_SOURCE, TIMER_SOURCE, type SourceKind } from '../../../cloudfunctions/_kit/sources';
import { DEV_OPENID_HEADER } from '../../gateway/fn-route';
import { MAX_BODY_BYTES } from '../../http-body';
import { DB_FILE, PAY_SIM_FILE, type LocalServer } from '../../server';
import { request } from '../http-client';
import { objectOf, toJsonText } from './json-text';
import { payloadsAround, type FuzzPayload } from './mutate';
import type { FuzzTarget } from './targets';
import { WAIT_BUDGET_MS } from '../wait-until';

export type FuzzCaller = 'customer' | 'operator' | 'anonymous' | 'no-openid' | 'platform';

const KNOWN_CODES = new Set<string>([...COMMON_ERROR_CODES, ...BUSINESS_ERROR_CODES]);
const CHINESE = /[\u3400-\u9fff]/;
const CALL_TIMEOUT_MS = WAIT_BUDGET_MS;
const RAW_SOURCE: Record<SourceKind, string> = { timer: TIMER_SOURCE, 'pay-callback': PAY_CALLBACK_SOURCE, function: FUNCTION_SOURCE, client: 'wx_client', unknown: 'unknown' };

/**
 * Detects any write: SQLite's `data_version` (on a connection of our own) changes whenever another
 * connection commits — the emulator's store or the pay simulator's — plus the emulator's document
 * count. Far cheaper than hashing documents, and it also catches an update that keeps the count.
 */
export class WriteProbe {
  private readonly dbs: Database.Database[];
  constructor(dataDir: string, private readonly documents: () => number) {
    this.dbs = [DB_FILE, PAY_SIM_FILE].map((f) => new Database(path.join(dataDir, f), { readonly: true, fileMustExist: true }));
  }
  snapshot(): string {
    return [...this.dbs.map((d) => d.pragma('data_version', { simple: true })), this.documents()].join(':');
  }
  close(): void {
    for (const d of this.dbs) d.close();
  }
}

export interface ActionStats {
  fn: string;
  action: string;
  auth: string;
  base: 'schema' | 'override';
  runs: number;
  ok: number;
  refused: number;
  /** Refusal codes seen, with counts. */
  codes: Record<string, number>;
  callers: Partial<Record<FuzzCaller, number>>;
  ms: number;
}

export interface FuzzContext {
  server: Pick<LocalServer, 'url' | 'registry' | 'dataDir'>;
  probe: WriteProbe;
  customer: string;
  operator: string;
}

/** Which callers a run picks, weighted toward the one the action is for. */
function callersFor(t: FuzzTarget): fc.Arbitrary<FuzzCaller> {
  const w = (weight: number, c: FuzzCaller) => ({ weight, arbitrary: fc.constant(c) });
  if (t.auth === 'customer') return fc.oneof(w(16, 'customer'), w(2, 'anonymous'), w(2, 'no-openid'));
  if (t.auth === 'operator' || t.auth === 'staff') return fc.oneof(w(14, 'operator'), w(3, 'customer'), w(2, 'anonymous'), w(1, 'no-openid'));
  return fc.oneof(w(14, 'platform'), w(2, 'customer'), w(2, 'operator'), w(2, 'anonymous'));
}

export interface Answer {
  status: number;
  body: unknown;
}

async function send(ctx: FuzzContext, t: FuzzTarget, caller: FuzzCaller, text: string): Promise<Answer> {
  if (caller === 'no-openid' || caller === 'platform') {
    // The platform hands the function a parsed JSON event; identity and source come from the context.
    const source = caller === 'platform' ? RAW_SOURCE[t.sources[0]] : 'wx_client';
    const call = ctx.server.registry.invoke(t.fn, JSON.parse(text), { source });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${CALL_TIMEOUT_MS} ms`)), CALL_TIMEOUT_MS)));
    try {
      return { status: 200, body: await Promise.race([call, timeout]) };
    } finally {
      clearTimeout(timer);
    }
  }
  const headers: Record<string, string> = {};
  if (caller !== 'anonymous') headers[DEV_OPENID_HEADER] = caller === 'operator' ? ctx.operator : ctx.customer;
  const res = await request(`${ctx.server.url}/fn/${t.fn}`, { body: text, headers, timeoutMs: CALL_TIMEOUT_MS });
  try {
    return { status: res.status, body: JSON.parse(res.text) };
  } catch {
    return { status: res.status, body: res.text };
  }
}

/** The refusal this caller must get whatever the payload says (identity and role are never in the payload). */
function requiredRefusal(t: FuzzTarget, caller: FuzzCaller, p: FuzzPayload, bytes: number): string | null {
  // The gateway refuses an oversized body before anything else (the platform has the same limit).
  if (bytes > MAX_BODY_BYTES && caller !== 'platform' && caller !== 'no-openid') return 'PAYLOAD_TOO_LARGE';
  // A non-object event or a broken action name is answered before identity is looked at.
  if (p.mutation === 'whole-event' || p.mutation === 'action') return null;
  if (caller === 'anonymous') return 'UNAUTHENTICATED';
  if (t.auth === 'system') return caller === 'platform' ? null : 'FORBIDDEN';
  if (caller === 'no-openid') return 'UNAUTHENTICATED';
  if ((t.auth === 'operator' || t.auth === 'staff') && caller === 'customer') return 'FORBIDDEN';
  return null;
}

export type Outcome = { ok: boolean; code?: string; problem?: string };

/** The functions WeChat Pay invokes, which answer in its {errcode, errmsg} shape (payment results; refund results). */
const WECHAT_PAY_CALLBACKS = new Set(['payCallback', 'refundCallback']);

/** A typed answer: the envelope (or WeChat Pay's {errcode, errmsg} for its callbacks), never INTERNAL, messages in Chinese. */
export function judge(t: Pick<FuzzTarget, 'fn'>, caller: FuzzCaller, a: Answer): Outcome {
  const b = a.body as Record<string, unknown> | null;
  if (!b || typeof b !== 'object') return { ok: false, problem: `not a JSON object (HTTP ${a.status}): ${String(a.body).slice(0, 200)}` };
  if (a.status >= 500) return { ok: false, problem: `HTTP ${a.status}` };
  if ('errcode' in b && WECHAT_PAY_CALLBACKS.has(t.fn)) {
    if (typeof b.errcode !== 'number' || typeof b.errmsg !== 'string') return { ok: false, problem: `${t.fn} answer without errcode/errmsg` };
    if (b.errcode === 0) return { ok: true };
    if (b.errcode === -1) return { ok: false, code: 'INTERNAL', problem: `${t.fn} fault: ${b.errmsg}` };
    const code = b.errcode === 403 ? 'FORBIDDEN' : 'REJECTED';
    // errmsg goes back to WeChat Pay (a machine), except the 403 a client sees.
    if (caller !== 'platform' && !CHINESE.test(b.errmsg)) return { ok: false, code, problem: `message not in Chinese: ${b.errmsg}` };
    return { ok: false, code };
  }
  if (b.ok === true) return 'data' in b ? { ok: true } : { ok: false, problem: 'ok without data' };
  const e = b.error as { code?: unknown; message?: unknown } | undefined;
  if (b.ok !== false || !e || typeof e.code !== 'string' || typeof e.message !== 'string') return { ok: false, problem: `not an envelope: ${JSON.stringify(b).slice(0, 200)}` };
  if (e.code === 'INTERNAL') return { ok: false, code: e.code, problem: `INTERNAL: ${e.message}` };
  if (!KNOWN_CODES.has(e.code)) return { ok: false, code: e.code, problem: `unknown error code ${e.code}` };
  if (!CHINESE.test(e.message)) return { ok: false, code: e.code, problem: `message not in Chinese: ${e.message}` };
  return { ok: false, code: e.code };
}

const prototypeShape = () => [Object.prototype, Array.prototype, Function.prototype].map((p) => Object.getOwnPropertyNames(p).length).join(',');

/**
 * Fuzzes one action: `runs` payloads around its well-formed inputs, each from a caller picked for
 * its auth level. Every answer must be typed (never INTERNAL, never a hang or crash, Chinese
 * message), the caller's identity must decide auth whatever the payload says, Object.prototype must
 * stay clean, and a refusal must write nothing. Throws (fast-check's report: seed, path, payload) on
 * the first violation.
 */
export async function fuzzAction(ctx: FuzzContext, t: FuzzTarget, opts: { runs: number; seed?: number }): Promise<ActionStats> {
  const started = Date.now();
  const stats: ActionStats = { fn: t.fn, action: t.action, auth: t.auth, base: t.base, runs: 0, ok: 0, refused: 0, codes: {}, callers: {}, ms: 0 };
  const protoBefore = prototypeShape();
  const property = fc.asyncProperty(payloadsAround(t.valid), callersFor(t), async (p, caller) => {
    const event = p.mutation === 'whole-event' || p.mutation === 'action' ? p.body : objectOf([['action', t.action], ...Object.entries(p.body as object)]);
    const text = toJsonText(event);
    const before = ctx.probe.snapshot();
    const answer = await send(ctx, t, caller, text);
    const out = judge(t, caller, answer);
    const where = `${t.fn}.${t.action} as ${caller}, ${p.mutation}${p.path ? ` at ${p.path}` : ''}`;
    if (out.problem) throw new Error(`${where}: ${out.problem}`);
    const must = requiredRefusal(t, caller, p, Buffer.byteLength(text));
    if (must && (out.ok || out.code !== must)) throw new Error(`${where}: expected ${must}, got ${out.ok ? 'ok' : out.code}`);
    if (!out.ok && ctx.probe.snapshot() !== before) throw new Error(`${where}: refused with ${out.code} but wrote to the database`);
    if (prototypeShape() !== protoBefore || ({} as Record<string, unknown>).polluted !== undefined) throw new Error(`${where}: Object.prototype was polluted`);
    stats.runs++;
    stats.callers[caller] = (stats.callers[caller] ?? 0) + 1;
    if (out.ok) stats.ok++;
    else {
      stats.refused++;
      stats.codes[out.code!] = (stats.codes[out.code!] ?? 0) + 1;
    }
  });
  // No shrinking: each step is a real call against a store whose state moved on; the first counterexample says enough.
  await fc.assert(property, { numRuns: opts.runs, endOnFailure: true, ...(opts.seed !== undefined ? { seed: opts.seed } : {}) });
  stats.ms = Date.now() - started;
  return stats;
}
