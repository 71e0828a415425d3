#!/usr/bin/env node
// `npm start [-- --fresh] [-- --port=N]`: builds the H5 app when it is missing or older than its
// sources, then runs the local store (gateway + emulator + functions) in this process's terminal.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const marker = path.join(root, 'dist', 'h5', 'index.html');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === '__tests__') continue;
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

const sources = ['miniprogram', 'shared', 'config'].map((d) => path.join(root, d)).filter(existsSync);
const stale = !existsSync(marker) || Math.max(...sources.map(newestMtime)) > statSync(marker).mtimeMs;
if (stale && !process.argv.includes('--no-build')) {
  console.log('构建 H5 页面（约 20–40 秒）…');
  const r = spawnSync(bin('taro'), ['build', '--type', 'h5'], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (r.status !== 0) {
    console.error('H5 构建失败，见上方输出。');
    process.exit(r.status ?? 1);
  }
}
const args = process.argv.slice(2).filter((a) => a !== '--no-build');
const child = spawn(bin('tsx'), [path.join(root, 'local', 'main.ts'), ...args], { cwd: root, stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
