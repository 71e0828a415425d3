import tcb from '@cloudbase/node-sdk';

/**
 * The CloudBase environment this invocation runs in, as the platform says it: `TCB_ENV` among the
 * invocation's keys or SCF's `SCF_NAMESPACE` (both read through the SDK's own
 * `getCloudbaseContext`, which merges the context with the process environment), else the
 * context's `namespace`. Sources: @cloudbase/node-sdk 3.18 dist/utils/tcbcontext.js
 * (parseContext, getCloudbaseContext) and the context fixtures in _kit/platform/fixtures
 * (context.client.json: TCB_ENV, SCF_NAMESPACE, namespace). Not identity: an env id from the
 * process environment is the same for every caller, so merging is harmless here.
 */
export function envIdOf(context: unknown): string | undefined {
  const str = (v: unknown) => (typeof v === 'string' && v.length > 0 && v.length <= 100 ? v : undefined);
  let keys: Record<string, unknown> = {};
  try {
    keys = tcb.getCloudbaseContext(context && typeof context === 'object' ? (context as never) : undefined) as unknown as Record<string, unknown>;
  } catch {
    // A context the SDK cannot parse: fall back to its namespace field.
  }
  const ns = context && typeof context === 'object' ? (context as { namespace?: unknown }).namespace : undefined;
  return str(keys.TCB_ENV) ?? str(keys.SCF_NAMESPACE) ?? str(ns);
}
