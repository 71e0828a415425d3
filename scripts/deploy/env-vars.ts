/**
 * Environment variables deployed functions read, declared once: which module reads each, whether a
 * deploy needs it, whether it is a secret. The deploy sets a variable on exactly the functions whose
 * bundle contains a module that reads it (so a new reader is covered without editing a list), with
 * the value taken from the deployer's environment under the same name. A test scans
 * cloudfunctions/ for `process.env.X` and fails when a read is neither declared here nor listed as
 * platform- or local-only.
 */
export interface EnvVarDecl {
  name: string;
  purpose: string;
  /** A deploy without a value (from the deployer or already set in the cloud) stops before writing. */
  required: boolean;
  /** Never printed; only "set" / "not set". */
  secret: boolean;
  /** Repo-relative modules that read it. */
  readBy: string[];
}

export const FUNCTION_ENV_VARS: EnvVarDecl[] = [
  {
    name: 'WECHAT_PAY_SUB_MCH_ID',
    purpose: 'WeChat Pay merchant id bound to the environment: cloudPay subMchId, shipping-info order key fallback',
    required: true,
    secret: false,
    readBy: ['cloudfunctions/_kit/payments/cloudpay-adapter.ts', 'cloudfunctions/_kit/shipping/wechat-adapter.ts'],
  },
  { name: 'WECOM_CORP_ID', purpose: 'WeCom corp id for segment tag sync (optional: without it sync answers WECOM_NOT_CONFIGURED)', required: false, secret: false, readBy: ['cloudfunctions/_kit/wecom/index.ts'] },
  { name: 'WECOM_SECRET', purpose: 'WeCom app secret for segment tag sync', required: false, secret: true, readBy: ['cloudfunctions/_kit/wecom/index.ts'] },
  { name: 'WECOM_FOLLOW_USERID', purpose: 'WeCom member whose external contacts are tagged', required: false, secret: false, readBy: ['cloudfunctions/_kit/wecom/index.ts', 'cloudfunctions/_kit/wecom/local-recorder.ts'] },
  { name: 'MINIPROGRAM_STATE', purpose: "which Mini Program version subscription messages open: formal (default), trial, developer", required: false, secret: false, readBy: ['cloudfunctions/_campaigns/send.ts'] },
  { name: 'LOG_LEVEL', purpose: 'log threshold: debug | info (default) | warn | error', required: false, secret: false, readBy: ['cloudfunctions/_kit/logger.ts'] },
];

/** Read by deployed code but never deployed: the platform sets them, or they exist only in local mode. */
export const NOT_DEPLOYED: Record<string, string> = {
  TCB_ENV: 'set by the platform (env id)',
  SCF_NAMESPACE: 'set by the platform (env id)',
  TCB_LOCAL_URL: 'local mode only (the gateway points functions at the emulator)',
  LOCAL_PAY_URL: 'local mode only (pay simulator)',
  LOCAL_SHIPPING_URL: 'local mode only (shipping-info recorder)',
  TENCENTCLOUD: 'local mode only (stops the SDK probing the cloud metadata host)',
};

export type ValueSource = 'deployer' | 'cloud' | 'missing';

export interface ResolvedVar {
  name: string;
  decl: EnvVarDecl;
  source: ValueSource;
  /** Only when source ≠ missing. */
  value?: string;
}

/** The declared variables a function's bundle reads (by its modules). */
export function varsFor(modules: string[]): EnvVarDecl[] {
  const set = new Set(modules);
  return FUNCTION_ENV_VARS.filter((v) => v.readBy.some((m) => set.has(m)));
}

/**
 * Where each of a function's variables comes from: the deployer's environment wins (a deploy is
 * how a value changes); otherwise a value already set on the function in the cloud is kept — the
 * platform's update replaces the whole variable list, so not sending it would erase it.
 */
export function resolveVars(modules: string[], deployerEnv: Record<string, string | undefined>, cloudVars: Record<string, string> = {}): ResolvedVar[] {
  return varsFor(modules).map((decl) => {
    const mine = deployerEnv[decl.name];
    if (mine !== undefined && mine !== '') return { name: decl.name, decl, source: 'deployer', value: mine };
    if (cloudVars[decl.name] !== undefined) return { name: decl.name, decl, source: 'cloud', value: cloudVars[decl.name] };
    return { name: decl.name, decl, source: 'missing' };
  });
}

/**
 * The full variable list to send: declared values resolved above, plus anything else already set
 * on the function in the cloud (someone set it in the console; kept and reported, never dropped).
 */
export function envToSend(resolved: ResolvedVar[], cloudVars: Record<string, string> = {}): { vars: Record<string, string>; undeclaredKept: string[] } {
  const declared = new Set(resolved.map((r) => r.name));
  const undeclaredKept = Object.keys(cloudVars).filter((k) => !declared.has(k)).sort();
  const vars: Record<string, string> = {};
  for (const k of undeclaredKept) vars[k] = cloudVars[k];
  for (const r of resolved) if (r.value !== undefined) vars[r.name] = r.value;
  return { vars, undeclaredKept };
}

/** How a value is shown: secrets never, other values as they are. */
export function describeValue(r: ResolvedVar): string {
  const from = r.source === 'deployer' ? `from the deployer's $${r.name}` : r.source === 'cloud' ? 'kept: already set on the function in the cloud' : `NOT SET (set $${r.name} when deploying)`;
  if (r.value === undefined) return from;
  return `${r.decl.secret ? '****** (secret)' : JSON.stringify(r.value)} — ${from}`;
}
