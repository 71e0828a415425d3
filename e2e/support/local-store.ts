import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalServer, type LocalServer } from '../../local/server';

export const H5_DIR = path.resolve(__dirname, '..', '..', 'dist', 'h5');

/**
 * The same server `npm start` runs, on a free port with a fresh demo data directory.
 * `demoOwner: false` seeds no op_admin, as a real deploy leaves the store (`npm start -- --no-demo-owner`).
 */
export async function startStore(opts: { demoOwner?: boolean } = {}): Promise<LocalServer> {
  if (!existsSync(path.join(H5_DIR, 'index.html'))) throw new Error('dist/h5 is not built: run `npm run build:h5` (npm test does it first)');
  process.env.LOG_LEVEL = 'silent';
  return startLocalServer({ port: 0, dataDir: mkdtempSync(path.join(os.tmpdir(), 'e2e-')), fresh: true, quiet: true, h5Dir: H5_DIR, demoOwner: opts.demoOwner });
}
