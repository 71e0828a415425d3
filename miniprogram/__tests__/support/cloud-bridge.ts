import http from 'node:http';
import { envelopeSchema } from '@shared/errors/envelope';

/**
 * The piece of the WeChat platform simulate lacks: `wx.cloud`. It answers the way wx.cloud does —
 * `{ result: <the function's return value>, errMsg, requestID }`, promise style or
 * success/fail/complete style — and rejects with `{ errCode, errMsg }` when the call never reaches
 * a function (offline, timeout). What the "function" returns comes from a backend:
 *   - `gatewayBackend`: the local gateway's `POST /fn/<name>` (real handlers + emulator);
 *   - `seedCatalogBackend` (seed-cloud.ts): the demo seed, for component tests that must not need a server.
 * Every reply a backend produces must be an API.md envelope: the bridge checks it, so a fake
 * cannot drift from the real wire shape unnoticed.
 */
export type CloudBackend = (name: string, data: Record<string, unknown>) => Promise<unknown>;

interface CallOptions {
  name: string;
  data?: Record<string, unknown>;
  success?: (res: CallResult) => void;
  fail?: (err: CallError) => void;
  complete?: (res: CallResult | CallError) => void;
}
interface CallResult {
  result: unknown;
  errMsg: string;
  requestID: string;
}
export interface CallError {
  errCode: number;
  errMsg: string;
}

export interface CloudBridge {
  init(options?: unknown): void;
  callFunction(options: CallOptions): Promise<CallResult> | undefined;
  /** Every call made, in order: lets tests assert the app used the real path. */
  readonly calls: Array<{ name: string; data: Record<string, unknown> }>;
  /** Calls whose backend has not answered yet (support/wait-for.ts `settled` waits for 0). */
  readonly inFlight: number;
  /** wx.cloud.uploadFile: stores nothing itself — `onUpload` tells the test's storage what landed. */
  uploadFile(options: { cloudPath: string; filePath: string }): Promise<{ fileID: string; statusCode: number; errMsg: string }>;
  readonly uploads: Array<{ cloudPath: string; filePath: string }>;
  onUpload: (cloudPath: string, filePath: string) => string;
}

/** A backend whose calls never arrive, like a phone without network. */
export const offlineBackend: CloudBackend = async () => {
  throw new Error('request:fail timeout');
};

let seq = 0;

/** `backend` is read on every call, so a test can take the app offline and back. */
export function createCloudBridge(backend: () => CloudBackend): CloudBridge {
  const calls: CloudBridge['calls'] = [];
  let inFlight = 0;
  const invoke = async (name: string, data: Record<string, unknown>): Promise<CallResult> => {
    calls.push({ name, data });
    let result: unknown;
    inFlight++;
    try {
      result = await backend()(name, data);
    } catch (e) {
      const err: CallError = { errCode: -1, errMsg: `cloud.callFunction:fail ${e instanceof Error ? e.message : String(e)}` };
      throw err;
    } finally {
      inFlight--;
    }
    const check = envelopeSchema.safeParse(result);
    if (!check.success) throw new Error(`backend for ${name}.${String(data.action)} returned a non-envelope: ${JSON.stringify(result)}`);
    return { result, errMsg: 'cloud.callFunction:ok', requestID: `sim-${++seq}` };
  };
  const uploads: CloudBridge['uploads'] = [];
  const bridge: CloudBridge = {
    calls,
    get inFlight() {
      return inFlight;
    },
    uploads,
    // The file id WeChat answers with: cloud://<env>.<bucket>/<cloudPath>.
    onUpload: (cloudPath) => `cloud://sim-env.bucket/${cloudPath}`,
    async uploadFile({ cloudPath, filePath }) {
      uploads.push({ cloudPath, filePath });
      return { fileID: bridge.onUpload(cloudPath, filePath), statusCode: 204, errMsg: 'cloud.uploadFile:ok' };
    },
    init() {},
    callFunction({ name, data = {}, success, fail, complete }) {
      const p = invoke(name, data);
      if (!success && !fail && !complete) return p;
      p.then(
        (r) => {
          success?.(r);
          complete?.(r);
        },
        (e: CallError) => {
          fail?.(e);
          complete?.(e);
        },
      );
      return undefined;
    },
  };
  return bridge;
}

/** The local gateway as the platform: same handlers and emulator as the H5 build (API.md "Local mode"). */
export function gatewayBackend(baseUrl: string, openid: string): CloudBackend {
  return async (name, data) => JSON.parse(await postJson(`${baseUrl}/fn/${encodeURIComponent(name)}`, data, openid));
}

export function postJson(url: string, payload: unknown, openid: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const body = Buffer.from(JSON.stringify(payload));
    const req = http.request(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': body.length, 'x-dev-openid': openid } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
