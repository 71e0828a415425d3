import { CLIENT_SOURCES, sourceChain } from '../sources';

/**
 * Builds the handler context the platform passes for one invocation, in the shapes of the
 * `context.*` fixtures (new architecture: `environment` JSON; old: `environ` key=value). Used by
 * the local gateway, pay simulator and timers — never by deployed code, which only reads contexts.
 */
export interface InvocationOptions {
  requestId: string;
  functionName: string;
  /** The raw TCB_SOURCE value, e.g. `wx_client`, `wx_paycallback`, `wx_trigger`, `wx_client,scf`. */
  source: string;
  openid?: string;
  unionid?: string;
  appid?: string;
  /** The env id (`namespace`, TCB_ENV, SCF_NAMESPACE). */
  envId?: string;
  /** `json` (new architecture, default) or `legacy` (`environ`). */
  format?: 'json' | 'legacy';
}

export interface PlatformContext {
  request_id: string;
  function_name: string;
  function_version: string;
  namespace: string;
  memory_limit_in_mb: number;
  time_limit_in_ms: number;
  environment?: string;
  environ?: string;
}

export const LOCAL_ENV_ID = 'local';

export function buildContext(o: InvocationOptions): PlatformContext {
  const envId = o.envId ?? LOCAL_ENV_ID;
  const chain = sourceChain(o.source);
  const fromPhone = chain.some((s) => (CLIENT_SOURCES as readonly string[]).includes(s));
  // TRIGGER_SRC=tcb is documented for a call that came straight from CloudBase (legacy fixture).
  const direct = fromPhone && chain.length === 1;
  const wx: Record<string, string> = {};
  if (o.appid) wx.WX_APPID = o.appid;
  // Only a user's call carries who they are; the platform's own callbacks and timers carry no openid.
  if (fromPhone && o.openid) wx.WX_OPENID = o.openid;
  if (fromPhone && o.unionid) wx.WX_UNIONID = o.unionid;
  const keys: Record<string, string> = {
    ...wx,
    ...(Object.keys(wx).length ? { WX_CONTEXT_KEYS: Object.keys(wx).join(',') } : {}),
    TCB_ENV: envId,
    TCB_SEQID: o.requestId,
    ...(direct ? { TRIGGER_SRC: 'tcb' } : {}),
    TCB_SOURCE: o.source,
    TCB_CONTEXT_KEYS: direct ? 'TCB_ENV,TCB_SEQID,TRIGGER_SRC,TCB_SOURCE' : 'TCB_ENV,TCB_SEQID,TCB_SOURCE',
  };
  const base = { memory_limit_in_mb: 256, time_limit_in_ms: 20_000, request_id: o.requestId, function_version: '$LATEST', function_name: o.functionName, namespace: envId };
  if (o.format === 'legacy') {
    return { ...base, environ: Object.entries({ ...keys, SCF_NAMESPACE: envId }).map(([k, v]) => `${k}=${v}`).join(';') };
  }
  return { ...base, environment: JSON.stringify(keys) };
}
