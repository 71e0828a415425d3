import { existsSync, mkdirSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { systemClock } from '../cloudfunctions/_kit/clock';
import { getDb } from '../cloudfunctions/_kit/db';
import { FUNCTION_SOURCE } from '../cloudfunctions/_kit/sources';
import { openEmulator, type Emulator } from './emulator';
import { forgetSettings } from '../cloudfunctions/_kit/settings-store';
import { applyFunctionEnv, applyLocalMarkerKey, generateCredentials, removeCredentialsFile, writeCredentialsFile, LOCAL_ENV_ID, type TcbCredentials } from './emulator/credentials';
import { handleFunctionCall } from './gateway/fn-route';
import { FunctionRegistry } from './gateway/functions';
import { envelopeError, sendJson } from './gateway/http-util';
import { crossSiteReason, isOwnHost } from './request-guard';
import { handleClock, handleMessagesRefuse, handleTrigger } from './gateway/local-routes';
import { serveStatic } from './gateway/static';
import { createPaySimRoutes } from './pay-sim/routes';
import { createShippingRoutes } from './pay-sim/shipping';
import { PaySimStore } from './pay-sim/store';
import { seedDemo } from './seed/seed-demo';
import { runMigrations } from '../cloudfunctions/_migrations/run';
import { loadSettings } from '../cloudfunctions/_kit/settings-store';
import { createLogger } from '../cloudfunctions/_kit/logger';

export interface LocalServerOptions {
  /** 0 = any free port. */
  port?: number;
  /** Always loopback by default: this server has a dev login and must never face a network. */
  host?: string;
  dataDir: string;
  /** Start empty and re-seed the demo catalog. */
  fresh?: boolean;
  /**
   * Seed `op_admin` as operator and owner (default). `false`: a new store has nobody in charge, as
   * after a real deploy (try the first-owner claim). Only applies when the store is seeded.
   */
  demoOwner?: boolean;
  h5Dir?: string;
  quiet?: boolean;
}

export interface LocalServer {
  url: string;
  /** Who the seed made owner, when this start seeded the store (undefined: an existing data directory). */
  seededOwners?: string[];
  port: number;
  dataDir: string;
  registry: FunctionRegistry;
  emulator: Emulator;
  /**
   * This start's key pair for `/tcb` (also in `<dataDir>/tcb-credentials.json`, mode 0600, for
   * other processes). A restart makes a new one.
   */
  credentials: TcbCredentials;
  close(): Promise<void>;
}

export const DB_FILE = 'store.sqlite';
export const PAY_SIM_FILE = 'pay-sim.sqlite';
/** Cloud storage files (product images) served by the emulator. */
export const STORAGE_DIR = 'storage';
export { CREDENTIALS_FILE } from './emulator/credentials';
const ROOT = path.resolve(__dirname, '..');

/**
 * The local store in one process (API.md "Local mode"): H5 build at `/`, cloud functions at
 * `/fn/<name>`, the CloudBase emulator at `/tcb`, and dev-only `/local/*` tools.
 * One per process: handlers reach the emulator through the environment variables SCF gives a
 * deployed function (endpoint override, env id, role keys — emulator/credentials.ts functionEnv),
 * so they run the production SDK path. TCB_LOCAL_URL stays as the "local mode" switch for the
 * ports that have a local stand-in (subscription messages, WeCom, storage's env id).
 */
/**
 * The data migrations at start. Idempotent (each step finds only what it has not done), so it is
 * simply run again after a connection reset: restarted in one process on the same port (tests),
 * the SDK's keep-alive agent may hand out a socket the old server just closed.
 */
async function migrateAtStart() {
  for (let attempt = 1; ; attempt++) {
    try {
      return await runMigrations(getDb(), systemClock.now(), await loadSettings(getDb()), createLogger({ fn: 'local-start' }), { budgetMs: 60_000 });
    } catch (e) {
      if (attempt >= 3 || (e as { code?: string }).code !== 'ECONNRESET') throw e;
    }
  }
}

export async function startLocalServer(opts: LocalServerOptions): Promise<LocalServer> {
  const dataDir = path.resolve(opts.dataDir);
  const dbPath = path.join(dataDir, DB_FILE);
  const paySimPath = path.join(dataDir, PAY_SIM_FILE);
  const storageDir = path.join(dataDir, STORAGE_DIR);
  // A new store is a new database: settings a previous one in this process cached are not its own.
  forgetSettings();
  if (opts.fresh) {
    for (const base of [dbPath, paySimPath]) for (const f of [base, `${base}-wal`, `${base}-shm`]) rmSync(f, { force: true });
    rmSync(storageDir, { recursive: true, force: true });
  }
  mkdirSync(dataDir, { recursive: true });
  removeCredentialsFile(dataDir);
  const needsSeed = !existsSync(dbPath);
  const host = opts.host ?? '127.0.0.1';
  const credentials = generateCredentials();

  const registry = new FunctionRegistry();
  const emulator = openEmulator({
    dbPath,
    storageDir,
    credentials,
    boundHost: host,
    now: systemClock.now,
    // A function calling another (app.callFunction) arrives here; the platform marks it as such.
    invokeFunction: (name, data) => {
      if (!registry.has(name)) throw Object.assign(new Error(`function ${name} not found`), { code: 'FUNCTIONS_NOT_FOUND' });
      return registry.invoke(name, data, { source: FUNCTION_SOURCE });
    },
  });
  const h5Dir = opts.h5Dir ?? path.join(ROOT, 'dist', 'h5');
  const log = (msg: string) => {
    if (!opts.quiet) process.stdout.write(msg + '\n');
  };

  const paySimStore = new PaySimStore(paySimPath);
  const paySim = createPaySimRoutes(paySimStore, registry, log);
  const shipping = createShippingRoutes(paySimStore);

  const server = http.createServer((req, res) => {
    route(req, res).catch((e) => {
      log(`[gateway] fault on ${req.method} ${req.url}: ${e instanceof Error ? e.message : String(e)}`);
      sendJson(res, 500, envelopeError('INTERNAL', '系统繁忙，请稍后重试。'));
    });
  });

  async function route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const pathname = new URL(req.url ?? '/', 'http://local').pathname;
    if (pathname === '/tcb' || pathname.startsWith('/tcb/')) return emulator.handleHttp(req, res);
    // Everything else is for the developer's own browser tab and tools: a DNS-rebinding page
    // (foreign Host) gets nothing; another site's page may not drive the functions or dev tools.
    if (!isOwnHost(req, host)) {
      req.resume();
      return sendJson(res, 403, envelopeError('FORBIDDEN', '请通过本机地址（127.0.0.1 或 localhost）访问本地商城。'));
    }
    if (pathname.startsWith('/fn/') || pathname.startsWith('/local/')) {
      const why = crossSiteReason(req);
      if (why || req.method === 'OPTIONS') {
        req.resume();
        return sendJson(res, 403, envelopeError('FORBIDDEN', '本地接口只接受本站页面或命令行工具的请求，已拒绝其他网站发起的调用。'));
      }
    }
    const fn = /^\/fn\/([^/]+)\/?$/.exec(pathname);
    if (fn) return handleFunctionCall(decodeURIComponent(fn[1]), registry, req, res);
    if (pathname === '/local/clock') return handleClock(req, res);
    if (pathname === '/local/messages/refuse') return handleMessagesRefuse(getDb(), req, res);
    if (pathname.startsWith('/local/pay/')) return paySim.handle(pathname.slice('/local/pay/'.length), req, res);
    if (pathname === '/local/shipping' || pathname.startsWith('/local/shipping/')) return shipping.handle(pathname.slice('/local/shipping'.length), req, res);
    const trig = /^\/local\/trigger\/([^/]+)\/?$/.exec(pathname);
    if (trig) return handleTrigger(decodeURIComponent(trig[1]), registry, req, res);
    if (pathname.startsWith('/local/') || pathname.startsWith('/fn/')) {
      req.resume();
      return sendJson(res, 404, envelopeError('NOT_FOUND', '没有这个本地接口。'));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, envelopeError('INVALID_INPUT', '不支持的请求方法。'));
    serveStatic(h5Dir, req, res);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 8787, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host}:${port}`;
  // Synchronously right after listen: no request is served before the keys are known everywhere.
  writeCredentialsFile(dataDir, { env: LOCAL_ENV_ID, serviceUrl: `${url}/tcb`, ...credentials });
  applyFunctionEnv(`${url}/tcb`, credentials);
  applyLocalMarkerKey(dataDir);
  process.env.TCB_LOCAL_URL = `${url}/tcb`;
  // Functions in this process pay through the simulator, over HTTP like a real provider, and
  // report shipping to its shipping-info recorder the way they would to WeChat.
  process.env.LOCAL_PAY_URL = `${url}/local/pay`;
  process.env.LOCAL_SHIPPING_URL = `${url}/local/shipping`;

  let seededOwners: string[] | undefined;
  if (needsSeed) {
    const { products, images, owners } = await seedDemo(getDb(), systemClock.now(), { demoOwner: opts.demoOwner });
    seededOwners = owners;
    log(`[seed] demo catalog written: ${products} products with ${images} pictures, ${owners.length ? `owner ${owners.join(', ')}` : 'no owner (first-owner claim open)'}`);
  }
  // A data directory an older version wrote: its documents get today's shape before anything reads them.
  const migrated = await migrateAtStart();
  const rewritten = Object.entries(migrated.migrated).filter(([, n]) => n > 0);
  if (rewritten.length) log(`[migrate] ${rewritten.map(([id, n]) => `${id}: ${n}`).join(', ')}`);
  // Payments a previous run (or a crash) left without an acknowledged callback: deliver them now.
  paySim.resumeCallbacks();

  return {
    url,
    ...(seededOwners ? { seededOwners } : {}),
    port,
    dataDir,
    registry,
    emulator,
    credentials,
    close: () =>
      new Promise<void>((resolve) => {
        paySim.close();
        server.close(() => {
          paySimStore.close();
          emulator.close();
          // Dead keys: no tool should find them and wonder why it is refused.
          removeCredentialsFile(dataDir);
          resolve();
        });
        server.closeAllConnections?.();
      }),
  };
}
