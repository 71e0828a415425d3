/**
 * Which database this instance talks to: the endpoint and env id its function environment names
 * (what the SDK reads per request). Constant on a deployed instance; per-instance memos (settings,
 * "today's snapshot exists") key on it, so stores started one after another in one test process
 * never share them.
 */
export const databaseSource = (): string => `${process.env.TCB_CONTEXT_CNFG ?? ''}|${process.env.SCF_NAMESPACE ?? ''}|${process.env.TCB_ENV ?? ''}`;
