import { mkdtempSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { COLLECTIONS, type CollectionDecl } from '../../shared/schemas/indexes';
import { BodyTooLargeError, MAX_BODY_BYTES, readBody } from '../http-body';
import { crossSiteReason, isBrowserRequest, isOwnHost } from '../request-guard';
import { generateCredentials, type TcbCredentials } from './credentials';
import { Engine, type EngineStats } from './engine';
import { EmulatorError, ErrorCodes } from './errors';
import { newId } from './ejson';
import { FileStore } from './files';
import { ACTIONS, type InvokeFunction } from './protocol';
import { verifySignature } from './signature';

export interface EmulatorOptions {
  /** SQLite file; `:memory:` for throwaway test databases. */
  dbPath: string;
  collections?: CollectionDecl[];
  /** Serves `functions.invokeFunction` (a function calling another through the SDK). */
  invokeFunction?: InvokeFunction;
  /** The emulator's clock (for `db.serverDate()` and transaction expiry); defaults to Date.now. */
  now?: () => number;
  /**
   * Where cloud storage keeps files. Default: `storage/` beside the database file (so it lives in
   * the data directory), or a fresh temp directory for `:memory:` databases.
   */
  storageDir?: string;
  /**
   * The only key pair whose signatures are accepted over HTTP (like an account's keys on real
   * CloudBase). Default: a fresh random pair, readable as `emulator.credentials`.
   */
  credentials?: TcbCredentials;
  /** The address the server listens on, accepted in Host besides the loopback names. */
  boundHost?: string;
}

export interface Emulator {
  /** Sign requests with these (the real SDK does: `secretId`/`secretKey` or TENCENTCLOUD_SECRETID/KEY). */
  readonly credentials: TcbCredentials;
  /**
   * One wire request (already parsed JSON) → the reply object the SDK expects. `baseUrl` is where
   * the request reached the emulator; storage URLs (upload, temp download) are built on it.
   * In-process and therefore unsigned: only `handleHttp` faces the network, and it checks.
   */
  handle(body: unknown, meta?: { baseUrl?: string }): Promise<Record<string, unknown>>;
  handleHttp(req: http.IncomingMessage, res: http.ServerResponse): void;
  stats(): EngineStats;
  /**
   * Requests served so far, per wire action (`database.getDocument`, `database.startTransaction`…):
   * every one is a round trip the SDK made — on CloudBase, a billed call. Benches diff two readings.
   */
  wireCalls(): Record<string, number>;
  /** While on, each request's action and collection is kept (benches print what an action read and wrote). */
  traceWire(on: boolean): Array<{ action: string; collection?: string; inTransaction: boolean }>;
  close(): void;
}

export function openEmulator(opts: EmulatorOptions): Emulator {
  const now = opts.now ?? Date.now;
  const engine = new Engine(opts.dbPath, opts.collections ?? COLLECTIONS, now);
  const storageDir = opts.storageDir ?? (opts.dbPath === ':memory:' ? mkdtempSync(path.join(os.tmpdir(), 'emu-files-')) : path.join(path.dirname(path.resolve(opts.dbPath)), 'storage'));
  const files = new FileStore({ dir: storageDir, now });
  const ctx = { engine, now, invokeFunction: opts.invokeFunction, files };
  const credentials = opts.credentials ?? generateCredentials();
  const wire: Record<string, number> = {};
  let trace: Array<{ action: string; collection?: string; inTransaction: boolean }> | undefined;

  async function handle(body: unknown, meta: { baseUrl?: string } = {}): Promise<Record<string, unknown>> {
    const requestId = newId();
    try {
      if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new EmulatorError(ErrorCodes.INVALID_PARAM, 'request body must be a JSON object');
      const params = body as Record<string, unknown>;
      const action = params.action;
      if (typeof action !== 'string' || !Object.prototype.hasOwnProperty.call(ACTIONS, action)) {
        throw new EmulatorError(ErrorCodes.INVALID_ACTION, `unsupported action: ${String(action)}`);
      }
      wire[action] = (wire[action] ?? 0) + 1;
      if (trace) trace.push({ action, ...(typeof params.collectionName === 'string' ? { collection: params.collectionName } : {}), inTransaction: typeof params.transactionId === 'string' });
      const reply = await ACTIONS[action]({ ...ctx, baseUrl: meta.baseUrl }, params);
      return { ...reply, requestId };
    } catch (e) {
      if (e instanceof EmulatorError) return { code: e.code, message: e.message, requestId };
      const code = e && typeof e === 'object' && typeof (e as { code?: unknown }).code === 'string' ? (e as { code: string }).code : ErrorCodes.SYS_ERR;
      const message = e instanceof Error ? e.message : String(e);
      return { code, message, requestId };
    }
  }

  /**
   * Over HTTP the emulator refuses what CloudBase refuses (an unsigned or badly signed request) and
   * what only a web page would send (see ../request-guard.ts). It never answers CORS headers, so
   * even a same-site page cannot read a reply. Refusals change nothing: they happen before the
   * body is looked at as a request.
   */
  function handleHttp(req: http.IncomingMessage, res: http.ServerResponse): void {
    const reply = (obj: unknown, status = 200) => {
      const text = JSON.stringify(obj);
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
      res.end(text);
    };
    const refuse = (status: number, code: string, message: string) => {
      req.resume();
      reply({ code, message, requestId: newId() }, status);
    };
    if (!isOwnHost(req, opts.boundHost)) return refuse(403, ErrorCodes.EMULATOR_FOREIGN_HOST, `Host ${String(req.headers.host).slice(0, 80)} is not this emulator`);
    if (req.method === 'OPTIONS') return refuse(403, ErrorCodes.EMULATOR_BROWSER_REFUSED, 'CORS preflight refused: the emulator serves server SDKs, not web pages');
    const url = new URL(req.url ?? '/', 'http://emulator');
    // Storage objects (COS's side): PUT uploads, GET/HEAD through signed temp URLs. Those URLs are
    // their own credential and are meant for browsers (the H5 app shows images, uploads from its
    // own origin), so only another site's *writes* are refused here.
    const file = /\/files\/([^/]+)\/(.+)$/.exec(url.pathname);
    if (file) {
      if (req.method !== 'GET' && req.method !== 'HEAD' && crossSiteReason(req)) return refuse(403, ErrorCodes.EMULATOR_BROWSER_REFUSED, `cross-site upload refused (${crossSiteReason(req)})`);
      let key: string;
      try {
        key = decodeURIComponent(file[2]);
      } catch {
        key = '';
      }
      return files.serve(req, res, file[1], key, url.searchParams);
    }
    if (isBrowserRequest(req)) return refuse(403, ErrorCodes.EMULATOR_BROWSER_REFUSED, 'requests from a browser are refused: sign with the server SDK');
    if (req.method !== 'POST') return refuse(200, ErrorCodes.INVALID_PARAM, 'use POST');
    // Cheap refusal before reading a body that could never be accepted.
    if (!req.headers.authorization) return refuse(200, ErrorCodes.SIGN_PARAM_INVALID, 'missing authorization: every request must be signed (TC3-HMAC-SHA256) with the emulator credentials');
    const host = req.headers.host!;
    const baseUrl = `http://${host}${url.pathname.replace(/\/+$/, '')}`;
    readBody(req).then(
      (raw) => {
        let body: unknown;
        try {
          body = JSON.parse(raw.toString('utf8'));
        } catch {
          return reply({ code: ErrorCodes.INVALID_PARAM, message: 'request body is not valid JSON', requestId: newId() });
        }
        if (body === null || typeof body !== 'object' || Array.isArray(body)) return reply({ code: ErrorCodes.INVALID_PARAM, message: 'request body must be a JSON object', requestId: newId() });
        // Signatures are made with the real wall clock, never the emulator's time-travelled one.
        const verdict = verifySignature({ method: req.method!, host, rawUrl: req.url ?? '/', headers: req.headers, params: body as Record<string, unknown> }, credentials, Date.now());
        if (!verdict.ok) return reply({ code: ErrorCodes.SIGN_PARAM_INVALID, message: verdict.message, requestId: newId() });
        handle(body, { baseUrl }).then(reply, (e) => reply({ code: ErrorCodes.SYS_ERR, message: String(e), requestId: newId() }));
      },
      (e) => (e instanceof BodyTooLargeError ? reply({ code: ErrorCodes.EXCEED_REQUEST_SIZE_LIMIT, message: `request body exceeds ${MAX_BODY_BYTES} bytes`, requestId: newId() }) : res.destroy()),
    );
  }

  return { credentials, handle, handleHttp, stats: () => engine.stats(), wireCalls: () => ({ ...wire }),
    traceWire: (on) => {
      const kept = trace ?? [];
      trace = on ? [] : undefined;
      return kept;
    },
    close: () => engine.close() };
}

export interface EmulatorServer {
  /** The `serviceUrl` to give the SDK. */
  url: string;
  emulator: Emulator;
  /** The key pair requests must be signed with (`createLocalSdkApp(url, credentials)`). */
  credentials: TcbCredentials;
  close(): Promise<void>;
}

/** The emulator alone on its own port (tests of the kit and use cases; `npm start` mounts it at /tcb). */
export async function startEmulatorServer(opts: EmulatorOptions & { port?: number; host?: string }): Promise<EmulatorServer> {
  const host = opts.host ?? '127.0.0.1';
  const emulator = openEmulator({ ...opts, boundHost: host });
  const server = http.createServer((req, res) => emulator.handleHttp(req, res));
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}/tcb`,
    emulator,
    credentials: emulator.credentials,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          emulator.close();
          resolve();
        });
      }),
  };
}

export type { EngineStats };
export type { TcbCredentials };
