import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { WEAPP_DIST } from './weapp-shim';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const SOURCES = ['miniprogram', 'shared', 'config', 'babel.config.js'].map((p) => path.join(ROOT, p));

function newestMtime(p: string): number {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const e of readdirSync(p)) {
    // Tests do not go into the bundle; editing one must not force a rebuild.
    if (e === '__tests__' || e === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(path.join(p, e)));
  }
  return newest;
}

/**
 * The simulate tests exercise the build output, so make sure it reflects the sources: rebuild
 * (production, persistent cache makes it seconds) when dist/weapp is missing or older.
 */
export function ensureWeappBuild(): void {
  const marker = path.join(WEAPP_DIST, 'app.js');
  if (existsSync(marker) && statSync(marker).mtimeMs >= Math.max(...SOURCES.map(newestMtime))) return;
  const r = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'taro'), ['build', '--type', 'weapp'], {
    cwd: ROOT,
    // A test build names no real environment; a weapp build without TCB_ENV_ID fails (config/cloud-env.ts).
    env: { ...process.env, NODE_ENV: 'production', TCB_ENV_ID: process.env.TCB_ENV_ID || 'local-test' },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`taro build --type weapp failed:\n${r.stdout}\n${r.stderr}`);
}
