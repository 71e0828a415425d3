/**
 * `npx tsx scripts/runtime/prepare.ts`: the declared runtime's node plus every built bundle
 * installed as CloudBase installs it (run after `npm run build:functions`). Idempotent; prints
 * how long each part took so cold/warm cache costs are visible in `npm test` output.
 */
import { ensureRuntimeNode, type RuntimeNode } from './node-binary';
import { installBundles, type InstalledBundle } from './install-bundles';

export interface PreparedRuntime {
  node: RuntimeNode;
  bundles: InstalledBundle[];
  nodeMs: number;
  bundlesMs: number;
}

export async function prepareRuntime(): Promise<PreparedRuntime> {
  const t0 = Date.now();
  const node = ensureRuntimeNode();
  const nodeMs = Date.now() - t0;
  const t1 = Date.now();
  const bundles = await installBundles();
  return { node, bundles, nodeMs, bundlesMs: Date.now() - t1 };
}

if (require.main === module) {
  prepareRuntime()
    .then((p) => {
      const sets = new Map(p.bundles.map((b) => [b.deps.hash, b.deps]));
      const fresh = [...sets.values()].filter((d) => d.installed).length;
      process.stdout.write(
        `runtime ${p.node.runtime}: node ${p.node.version} ${p.node.installed ? 'installed' : 'cached'} (${p.nodeMs} ms); ` +
          `${p.bundles.length} bundles, ${sets.size} dependency sets: ${fresh} installed, ${sets.size - fresh} cached (${p.bundlesMs} ms)\n`,
      );
    })
    .catch((e) => {
      process.stderr.write(`runtime harness: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    });
}
