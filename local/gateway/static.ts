import { createReadStream, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>会员储值商城</title>
<p style="font:16px sans-serif;padding:24px">H5 页面尚未构建。请先运行 <code>npm run build:h5</code>，或直接使用 <code>npm start</code>（会自动构建）。</p>`;

/** Serves the H5 build. Paths are resolved inside `root` only (no `..` escapes). */
export function serveStatic(root: string, req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://local');
  let rel = decodeURIComponent(url.pathname);
  if (rel.endsWith('/')) rel += 'index.html';
  const file = path.resolve(root, '.' + rel);
  if (!file.startsWith(path.resolve(root) + path.sep)) {
    res.writeHead(403).end();
    return;
  }
  const target = existsSync(file) && statSync(file).isFile() ? file : path.join(root, 'index.html');
  if (!existsSync(target)) {
    res.writeHead(rel === '/index.html' ? 503 : 404, { 'content-type': 'text/html; charset=utf-8' }).end(NOT_BUILT);
    return;
  }
  const type = TYPES[path.extname(target)] ?? 'application/octet-stream';
  res.writeHead(200, { 'content-type': type, 'cache-control': target.endsWith('index.html') ? 'no-cache' : 'max-age=300' });
  createReadStream(target).pipe(res);
}
