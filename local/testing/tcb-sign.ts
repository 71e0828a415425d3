import { sign } from '@cloudbase/signature-nodejs';
import type { TcbCredentials } from '../emulator/credentials';
import { request, type HttpAnswer } from './http-client';
import { WAIT_BUDGET_MS } from './wait-until';

export interface RawTcbOptions {
  /** Sign these params but send `sendBody` instead (a body altered after signing). */
  sendBody?: string;
  /** Unix seconds to sign at (default: now, like the SDK's `second() - 1`). */
  timestamp?: number;
  /** Extra headers sent (and, unless `unsigned`, not signed): Origin, Host, Sec-Fetch-Site… */
  headers?: Record<string, string>;
  /** Send no Authorization at all. */
  unsigned?: boolean;
  /** Sign, then send this Authorization instead (a garbled or foreign scheme). */
  authorization?: string;
  method?: string;
}

/**
 * One `/tcb` request signed exactly as @cloudbase/node-sdk signs (tcbapirequester.js getHeaders:
 * signature-nodejs `sign` with `withSignedParams`, the Host and content-type among the signed
 * headers, `X-Timestamp`, `X-Signature-Expires: 600`) — built by hand so tests can sign with the
 * wrong key, sign one body and send another, or backdate the timestamp.
 */
export function rawTcbRequest(serviceUrl: string, creds: TcbCredentials, params: Record<string, unknown>, opts: RawTcbOptions = {}): Promise<HttpAnswer> {
  const url = `${serviceUrl}?env=local&seqId=test`;
  const host = new URL(serviceUrl).host;
  const signedHeaders = { 'content-type': 'application/json', host, 'user-agent': 'member-store-test' };
  const timestamp = opts.timestamp ?? Math.floor(Date.now() / 1000) - 1;
  const headers: Record<string, string> = { 'user-agent': signedHeaders['user-agent'], ...(opts.headers ?? {}) };
  if (!opts.unsigned) {
    const { authorization } = sign({ secretId: creds.secretId, secretKey: creds.secretKey, method: 'post', url, params, headers: signedHeaders, withSignedParams: true, timestamp });
    Object.assign(headers, { authorization: opts.authorization ?? authorization, 'x-timestamp': String(timestamp), 'x-signature-expires': '600' });
  }
  return request(url, { method: opts.method ?? 'POST', body: opts.sendBody ?? JSON.stringify(params), headers, timeoutMs: WAIT_BUDGET_MS });
}
