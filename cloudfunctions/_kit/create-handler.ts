import { z } from 'zod';
import { fail, type Result } from '../../shared/errors/result';
import type { Envelope } from '../../shared/errors/envelope';
import { locationOf, type FieldLabels } from '../../shared/schemas/issues';
import type { Settings } from '../../shared/settings';
import { systemClock, type Clock } from './clock';
import { getDb, type Db } from './db';
import { readCaller, type Caller } from './identity';
import { envIdOf } from './env-id';
import { createLogger, type Logger } from './logger';
import { newId } from './ids';
import { loadSettings } from './settings-store';
import type { SourceKind } from './sources';
import { ConflictError } from './transaction';

export type { Auth } from '../../shared/api/contract';
import type { Auth } from '../../shared/api/contract';

/** What a use case receives besides its validated input. */
export interface ActionContext {
  db: Db;
  now: () => number;
  caller: Caller;
  /** openid of the caller; present for customer and operator actions. */
  openid: string;
  requestId: string;
  log: Logger;
  settings: () => Promise<Settings>;
  /** The function this action belongs to (`ops`, `scheduler`…): platform-call health is kept per function. */
  fn: string;
  /** The CloudBase environment the invocation runs in (from the platform context; `local` in local mode). */
  envId?: string;
}

export interface ActionDef<S extends z.ZodType = z.ZodType, R = unknown> {
  /** zod schema, `.strict()`: unknown fields are INVALID_INPUT, not silently dropped. */
  input: S;
  auth: Auth;
  /** For `auth: 'system'`: which platform sources may invoke it (default: the timer only). */
  sources?: SourceKind[];
  /** Readable names of input fields, so an INVALID_INPUT message says 「原价（分）」 rather than `product.priceFen`. */
  labels?: FieldLabels;
  run: (input: z.infer<S>, ctx: ActionContext) => Promise<Result<R>>;
}

/** Identity helper so each action's `run` gets its input type inferred from its schema. */
export const action = <S extends z.ZodType, R>(def: ActionDef<S, R>): ActionDef<S, R> => def;

export interface HandlerOptions {
  name: string;
  actions: Record<string, ActionDef<any, any>>;
  clock?: Clock;
  db?: () => Db;
  /**
   * Timer triggers deliver `{Type: 'Timer', TriggerName, Time}` with no `action`; they are routed
   * to this action (which must be `auth: 'system'` with source `timer`).
   */
  onTimer?: string;
}

/**
 * Fields the platform adds to a client's event that are not the caller's input: WeChat's
 * callFunction injects `userInfo {appId, openId}` (never trusted — identity comes from context).
 */
const PLATFORM_EVENT_FIELDS = ['userInfo'];

export type CloudFunctionMain = (event: unknown, context: unknown) => Promise<Envelope<unknown>>;

/**
 * What a function's action table declares about each action (tests enumerate it: no action escapes
 * the role checks, and the fuzz suite derives payloads from each `input` schema).
 */
export type ActionTable = Record<string, { auth: Auth; sources?: SourceKind[]; input: z.ZodType }>;

export type HandlerMain = CloudFunctionMain & { readonly actions: ActionTable };

const zhCN = z.locales.zhCN();

/**
 * Builds a cloud function entry point from an action table (DESIGN rule 4): parse with zod, check
 * auth from the platform context, run, and answer with the envelope. Business refusals are the
 * use case's returned `Result`; anything thrown is a fault: logged with the request id and
 * answered as INTERNAL without internals.
 */
export function createHandler(opts: HandlerOptions): HandlerMain {
  const clock = opts.clock ?? systemClock;
  const dbOf = opts.db ?? getDb;
  const baseLog = createLogger({ fn: opts.name });

  const main: CloudFunctionMain = async function main(event, context) {
    const started = Date.now();
    const requestId = readRequestId(context) ?? newId('req');
    const log = baseLog.child({ requestId });
    let actionName = '?';
    const answer = (env: Envelope<unknown>): Envelope<unknown> => {
      log.log(env.ok ? 'info' : 'warn', 'invoke', { action: actionName, ms: Date.now() - started, code: env.ok ? 'OK' : env.error.code });
      return env;
    };
    try {
      if (!event || typeof event !== 'object' || Array.isArray(event)) {
        return answer(fail('INVALID_INPUT', '请求格式不正确：需要一个包含 action 的对象。'));
      }
      const timer = opts.onTimer && isTimerEvent(event);
      const { action: rawAction, ...rest } = timer ? { action: opts.onTimer } : (event as Record<string, unknown>);
      if (typeof rawAction !== 'string' || rawAction.length === 0) {
        return answer(fail('INVALID_INPUT', '缺少 action 字段。'));
      }
      actionName = rawAction;
      const def = Object.prototype.hasOwnProperty.call(opts.actions, rawAction) ? opts.actions[rawAction] : undefined;
      if (!def) return answer(fail('UNKNOWN_ACTION', `不支持的操作：${rawAction.slice(0, 40)}`));

      const caller = readCaller(context, event);
      const db = dbOf();
      let settingsCache: Promise<Settings> | undefined;
      // Operator actions read them fresh: who is an operator (and what they edit) must never lag.
      const settings = () => (settingsCache ??= loadSettings(db, { fresh: def.auth === 'operator' || def.auth === 'staff' }));

      const denied = await checkAuth(def, caller, settings);
      if (denied) return answer(denied);

      for (const f of PLATFORM_EVENT_FIELDS) delete rest[f];
      // zod's built-in checks answer in Chinese (zh-CN locale); our own refinements already do.
      const parsed = def.input.safeParse(rest, { error: zhCN.localeError });
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i: z.core.$ZodIssue) => ({
          path: i.path.join('.'),
          message: i.message,
          code: i.code,
          ...(def.labels && i.path.length ? { label: locationOf(i.path, def.labels) } : {}),
        }));
        return answer(fail('INVALID_INPUT', describeIssues(issues), issues));
      }
      const envId = envIdOf(context);
      const ctx: ActionContext = { db, now: clock.now, caller, openid: caller.openid ?? '', requestId, log, settings, fn: opts.name, ...(envId ? { envId } : {}) };
      return answer(await def.run(parsed.data, ctx));
    } catch (e) {
      if (e instanceof ConflictError) {
        return answer(fail('CONFLICT', '当前操作繁忙，请稍后重试。'));
      }
      log.log('error', 'fault', { action: actionName, error: e instanceof Error ? e.stack ?? e.message : safeString(e) });
      return answer(fail('INTERNAL', '系统繁忙，请稍后重试。'));
    }
  };
  // `input` is non-enumerable: the table reads as {auth, sources} (what tests compare), the schema is there for the fuzz suite.
  const entry = (d: ActionDef) => Object.defineProperty({ auth: d.auth, ...(d.sources ? { sources: d.sources } : {}) }, 'input', { value: d.input, enumerable: false }) as ActionTable[string];
  const table: ActionTable = Object.fromEntries(Object.entries(opts.actions).map(([name, d]) => [name, entry(d)]));
  return Object.assign(main, { actions: table });
}

async function checkAuth(def: ActionDef, caller: Caller, settings: () => Promise<Settings>): Promise<Result<never> | null> {
  if (def.auth === 'system') {
    const allowed = def.sources ?? ['timer'];
    return allowed.includes(caller.source) ? null : fail('FORBIDDEN', '该操作只能由系统触发。');
  }
  // A customer or operator is a person at a phone: the platform's own callbacks and timers carry
  // no openid, and an openid in any other kind of call is not a user's.
  if (!caller.openid || caller.source !== 'client') return fail('UNAUTHENTICATED', '请先登录后再试。');
  if (def.auth === 'operator' || def.auth === 'staff') {
    const s = await settings();
    const isOperator = s.operators.includes(caller.openid) || s.owners.includes(caller.openid);
    if (def.auth === 'staff' && !isOperator && !s.staff.some((m) => m.openid === caller.openid)) return fail('FORBIDDEN', '仅限跟进专员或运营人员操作。');
    if (def.auth === 'operator' && !isOperator) return fail('FORBIDDEN', '仅限店铺运营人员操作。');
  }
  return null;
}

const isTimerEvent = (event: object): boolean => (event as { Type?: unknown }).Type === 'Timer' && !('action' in event);

function readRequestId(context: unknown): string | undefined {
  const id = context && typeof context === 'object' ? (context as { request_id?: unknown }).request_id : undefined;
  return typeof id === 'string' && id.length > 0 && id.length <= 100 ? id : undefined;
}

function describeIssues(issues: Array<{ path: string; message: string; label?: string }>): string {
  const first = issues[0];
  if (!first) return '提交的信息有误。';
  const where = first.label ? `${first.label}：` : first.path ? `字段 ${first.path}：` : '';
  return `提交的信息有误（${where}${first.message}）。`;
}

const safeString = (e: unknown): string => {
  try {
    return JSON.stringify(e);
  } catch {
    return String(e);
  }
};
