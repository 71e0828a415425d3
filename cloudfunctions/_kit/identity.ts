import tcb from '@cloudbase/node-sdk';
import { classifySource, SCF_TIMER_TRIGGER_SRC, type SourceKind } from './sources';

/** Who is calling, read ONLY from the handler's context (never from the payload). */
export interface Caller {
  openid?: string;
  unionid?: string;
  appid?: string;
  source: SourceKind;
  /** TCB_SOURCE as the platform sent it (chain joined with ','), for logs. */
  rawSource?: string;
}

/** A single string value; the legacy parser turns values with ',' into arrays, never valid ids. */
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

/**
 * This invocation's own keys, through the SDK's own parser (`tcb.parseContext`): the new
 * architecture's `environment` JSON or the old `environ` key=value string. Deliberately NOT
 * `getCloudbaseContext`, which fills listed keys from process.env — a warm instance's env must
 * never lend an identity to a call that brought none.
 */
function ownKeys(context: object): Record<string, unknown> | null {
  const c = context as { environment?: unknown; environ?: unknown };
  if (!c.environment && !c.environ) return {};
  try {
    const parsed = tcb.parseContext(context as never) as unknown as { environment?: unknown; environ?: unknown };
    const own = parsed.environment ?? parsed.environ;
    return own && typeof own === 'object' && !Array.isArray(own) ? (own as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * `event` is only consulted for the SCF timer case: a timer created by the CLI/manager API (our
 * deploy) arrives with no TCB keys in its context and SCF's TRIGGER_SRC=timer in the process
 * environment (see sources.ts). Only then — no per-invocation source at all, the platform's
 * trigger marker, and the Timer event — is it a timer; a customer's call always carries its own
 * TCB_SOURCE and TRIGGER_SRC=tcb, which win.
 */
export function readCaller(context: unknown, event?: unknown): Caller {
  if (!context || typeof context !== 'object') return { source: 'unknown' };
  const own = ownKeys(context);
  if (!own) return { source: 'unknown' };
  const raw = own.TCB_SOURCE;
  const rawSource = Array.isArray(raw) ? raw.join(',') : str(raw);
  let source = classifySource(raw);
  if (source === 'unknown' && raw === undefined && own.TRIGGER_SRC === undefined && isScfTimer(event)) source = 'timer';
  const caller: Caller = { source };
  if (rawSource) caller.rawSource = rawSource;
  const openid = str(own.WX_OPENID);
  const unionid = str(own.WX_UNIONID);
  const appid = str(own.WX_APPID);
  if (openid) caller.openid = openid;
  if (unionid) caller.unionid = unionid;
  if (appid) caller.appid = appid;
  return caller;
}

function isScfTimer(event: unknown): boolean {
  if (!event || typeof event !== 'object' || (event as { Type?: unknown }).Type !== 'Timer') return false;
  // No context passed: the SDK reads SCF's process-level variables only.
  return tcb.getCloudbaseContext().TRIGGER_SRC === SCF_TIMER_TRIGGER_SRC;
}
