import { mkdtempSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { COLLECTIONS, type CollectionDecl } from '../../shared/schemas/indexes';
import { Engine, type EngineStats } from './engine';
import { EmulatorError, ErrorCodes } from './errors';
import { newId } from './ejson';
import { FileStore } from './files';
import { ACTIONS, type InvokeFunction } from './protocol';

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
}

export interface Emulator {
  /**
   * One wire request (already parsed JSON) → the reply object the SDK expects. `baseUrl` is where
   * the request reached the emulator; storage URLs (upload, temp download) are built on it.
   */
  handle(body: unknown, meta?: { baseUrl?: string }): Promise<Record<string, unknown>>;
  handleHttp(req: http.IncomingMessage, res: http.ServerResponse): void;
  stats(): EngineStats;
  close(): void;
}

/** The platform refuses request bodies above 1 MB. */
export const MAX_BODY_BYTES = 1024 * 1024;

export function openEmulator(opts: EmulatorOptions): Emulator {
  const now = opts.now ?? Date.now;
  const engine = new Engine(opts.dbPath, opts.collections ?? COLLECTIONS, now);
  const storageDir = opts.storageDir ?? (opts.dbPath === ':memory:' ? mkdtempSync(path.join(os.tmpdir(), 'emu-files-')) : path.join(path.dirname(path.resolve(opts.dbPath)), 'storage'));
  const files = new FileStore({ dir: storageDir, now });
  const ctx = { engine, now, invokeFunction: opts.invokeFunction, files };

  async function handle(body: unknown, meta: { baseUrl?: string } = {}): Promise<Record<string, unknown>> {
    const requestId = newId();
    try {
      if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new EmulatorError(ErrorCodes.INVALID_PARAM, 'request body must be a JSON object');
      const params = body as Record<string, unknown>;
      const action = params.action;
      if (typeof action !== 'string' || !Object.prototype.hasOwnProperty.call(ACTIONS, action)) {
        throw new EmulatorError(ErrorCodes.INVALID_ACTION, `unsupported action: ${String(action)}`);
      }
      const reply = await ACTIONS[action]({ ...ctx, baseUrl: meta.baseUrl }, params);
      return { ...reply, requestId };
    } catch (e) {
      if (e instanceof EmulatorError) return { code: e.code, message: e.message, requestId };
      const code = e && typeof e === 'object' && typeof (e as { code?: unknown }).code === 'string' ? (e as { code: string }).code : ErrorCodes.SYS_ERR;
      const message = e instanceof Error ? e.message : String(e);
      return { code, message, requestId };
    }
  }

  function handleHttp(req: http.IncomingMessage, res: http.ServerResponse): void {
    const reply = (obj: unknown) => {
      const text = JSON.stringify(obj);
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
      res.end(text);
    };
    const url = new URL(req.url ?? '/', 'http://emulator');
    // Storage objects (COS's side): PUT uploads, GET/HEAD through signed temp URLs.
    const file = /\/files\/([^/]+)\/(.+)$/.exec(url.pathname);
    if (file) {
      let key: string;
      try {
        key = decodeURIComponent(file[2]);
      } catch {
        key = '';
      }
      return files.serve(req, res, file[1], key, url.searchParams);
    }
    if (req.method !== 'POST') return reply({ code: ErrorCodes.INVALID_PARAM, message: 'use POST', requestId: newId() });
    const baseUrl = `http://${req.headers.host ?? 'localhost'}${url.pathname.replace(/\/+$/, '')}`;
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(c);
    });
    req.on('end', () => {
      if (tooLarge) return reply({ code: ErrorCodes.EXCEED_REQUEST_SIZE_LIMIT, message: `request body exceeds ${MAX_BODY_BYTES} bytes`, requestId: newId() });
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return reply({ code: ErrorCodes.INVALID_PARAM, message: 'request body is not valid JSON', requestId: newId() });
      }
      handle(body, { baseUrl }).then(reply, (e) => reply({ code: ErrorCodes.SYS_ERR, message: String(e), requestId: newId() }));
    });
    req.on('error', () => res.destroy());
  }

  return { handle, handleHttp, stats: () => engine.stats(), close: () => engine.close() };
}

export interface EmulatorServer {
  /** The `serviceUrl` to give the SDK. */
  url: string;
  emulator: Emulator;
  close(): Promise<void>;
}

/** The emulator alone on its own port (tests of the kit and use cases; `npm start` mounts it at /tcb). */
export async function startEmulatorServer(opts: EmulatorOptions & { port?: number; host?: string }): Promise<EmulatorServer> {
  const emulator = openEmulator(opts);
  const server = http.createServer((req, res) => emulator.handleHttp(req, res));
  server.keepAliveTimeout = 5000;
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}/tcb`,
    emulator,
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
