import tcb from '@cloudbase/node-sdk';
import { classifySource, type SourceKind } from './sources';

/** Who is calling, read ONLY from the handler's context (never process-wide state or the payload). */
export interface Caller {
  openid?: string;
  unionid?: string;
  appid?: string;
  source: SourceKind;
  rawSource?: string;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

/**
 * `tcb.getCloudbaseContext(context)` merges process.env with the context's `environment` JSON.
 * We read the per-invocation keys from the context result; concurrent invocations in one process
 * (local gateway) each get their own context object, so they cannot see each other's identity.
 */
export function readCaller(context: unknown): Caller {
  if (!context || typeof context !== 'object') return { source: 'unknown' };
  let env: Record<string, unknown>;
  try {
    env = tcb.getCloudbaseContext(context as never) as unknown as Record<string, unknown>;
  } catch {
    return { source: 'unknown' };
  }
  // getCloudbaseContext also merges process.env, where a stale or injected WX_OPENID could sit;
  // only keys this invocation's own `environment` carries count.
  const own = ownKeys(context as { environment?: unknown });
  for (const k of Object.keys(env)) if (!own.has(k)) delete env[k];
  const rawSource = str(env.TCB_SOURCE);
  const caller: Caller = { source: classifySource(rawSource) };
  if (rawSource) caller.rawSource = rawSource;
  const openid = str(env.WX_OPENID);
  const unionid = str(env.WX_UNIONID);
  const appid = str(env.WX_APPID);
  if (openid) caller.openid = openid;
  if (unionid) caller.unionid = unionid;
  if (appid) caller.appid = appid;
  return caller;
}

function ownKeys(context: { environment?: unknown }): Set<string> {
  if (typeof context.environment !== 'string') return new Set();
  try {
    const parsed: unknown = JSON.parse(context.environment);
    return parsed && typeof parsed === 'object' ? new Set(Object.keys(parsed)) : new Set();
  } catch {
    return new Set();
  }
}

/** Builds a platform-shaped context (used by the local gateway and tests, never in production). */
export function platformContext(opts: {
  requestId: string;
  functionName: string;
  source: string;
  openid?: string;
  unionid?: string;
  appid?: string;
}): { request_id: string; function_name: string; environment: string } {
  const env: Record<string, string> = {
    TCB_SOURCE: opts.source,
    TCB_CONTEXT_KEYS: 'TCB_SOURCE,TCB_SEQID',
    TCB_SEQID: opts.requestId,
    WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID',
  };
  if (opts.openid) env.WX_OPENID = opts.openid;
  if (opts.unionid) env.WX_UNIONID = opts.unionid;
  if (opts.appid) env.WX_APPID = opts.appid;
  return { request_id: opts.requestId, function_name: opts.functionName, environment: JSON.stringify(env) };
}
