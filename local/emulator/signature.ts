import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { formateDate, Signer } from '@cloudbase/signature-nodejs';
import type { TcbCredentials } from './credentials';

/**
 * Checks the TC3-HMAC-SHA256 signature @cloudbase/node-sdk puts on every request
 * (dist/utils/tcbapirequester.js getHeaders → @cloudbase/signature-nodejs sign/tc3sign):
 *
 *   Authorization: TC3-HMAC-SHA256 Credential=<secretId>/<yyyy-mm-dd>/tcb/tc3_request,
 *                  SignedParams=<body keys>, SignedHeaders=<header names>, Signature=<hex>
 *   X-Timestamp: <unix seconds the signature was made at>   X-Signature-Expires: 600
 *
 * The signature is recomputed with the SDK's own Signer over what actually arrived — the signed
 * headers as received, the URL path and query, the JSON body's parameters (SignedParams as the
 * keys hashed) and X-Timestamp — so a request altered after signing, signed with another key, or
 * replayed after it expired is refused, exactly as CloudBase refuses it.
 */

/** The SDK always sends 600 s; the header is not itself signed, so a longer one is not believed. */
export const MAX_SIGNATURE_AGE_S = 600;
/** Clock skew we forgive for a timestamp from the future (same machine: only rounding, really). */
export const MAX_FUTURE_SKEW_S = 60;

export interface ArrivedRequest {
  /** As received (`POST`); the SDK signs it as it passes it to the signer, lower case. */
  method: string;
  /** `127.0.0.1:8787`, from the Host header (already checked to be ours by the caller). */
  host: string;
  /** The raw path and query of the request line (`/tcb?env=local&seqId=…`). */
  rawUrl: string;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body. */
  params: Record<string, unknown>;
}

export type Verdict = { ok: true } | { ok: false; message: string };

const refuse = (message: string): Verdict => ({ ok: false, message });

interface Authorization {
  algorithm: string;
  secretId: string;
  date: string;
  service: string;
  signedParams?: string[];
  signedHeaders: string[];
  signature: string;
}

/** `TC3-HMAC-SHA256 Credential=a/b/c/d, SignedParams=x;y, SignedHeaders=h;i, Signature=…` → parts. */
function parseAuthorization(value: string): Authorization | null {
  const space = value.indexOf(' ');
  if (space <= 0) return null;
  const algorithm = value.slice(0, space);
  const fields = new Map<string, string>();
  for (const part of value.slice(space + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) return null;
    const key = part.slice(0, eq).trim();
    if (fields.has(key)) return null;
    fields.set(key, part.slice(eq + 1).trim());
  }
  const credential = fields.get('Credential')?.split('/');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (!credential || credential.length !== 4 || credential[3] !== 'tc3_request' || !signedHeaders || !signature) return null;
  const signedParams = fields.get('SignedParams');
  return {
    algorithm,
    secretId: credential[0],
    date: credential[1],
    service: credential[2],
    signedParams: signedParams === undefined ? undefined : signedParams.split(';').filter((k) => k !== ''),
    signedHeaders: signedHeaders.split(';'),
    signature,
  };
}

const sameText = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

const headerText = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v.join(', ') : v);

/** The signer's view of a body value (signature-nodejs utils.stringify + trim): empty means "not signed". */
const signedForm = (v: unknown): string => (v === undefined ? '' : (typeof v === 'string' ? v : JSON.stringify(v) ?? '').trim());

export function verifySignature(req: ArrivedRequest, creds: TcbCredentials, nowMs: number): Verdict {
  const raw = headerText(req.headers.authorization);
  if (!raw) return refuse('missing authorization: every request must be signed (TC3-HMAC-SHA256) with the emulator credentials');
  const auth = parseAuthorization(raw);
  if (!auth || auth.algorithm !== 'TC3-HMAC-SHA256' || auth.service !== 'tcb' || !/^[0-9a-f]{64}$/.test(auth.signature)) {
    return refuse('malformed authorization header');
  }
  // CloudBase's own words for an unknown key (TencentCloudBase/node-sdk issue #32: "SIGN_PARAM_INVALID: secret id error").
  if (!sameText(auth.secretId, creds.secretId)) return refuse('secret id error');

  const tsText = headerText(req.headers['x-timestamp']);
  if (!tsText || !/^\d{1,12}$/.test(tsText)) return refuse('missing or malformed x-timestamp');
  const ts = Number(tsText);
  const nowS = Math.floor(nowMs / 1000);
  const declared = Number(headerText(req.headers['x-signature-expires']) ?? MAX_SIGNATURE_AGE_S);
  const maxAge = Number.isInteger(declared) && declared > 0 ? Math.min(declared, MAX_SIGNATURE_AGE_S) : MAX_SIGNATURE_AGE_S;
  // "signature is expired" is CloudBase's message for a stale timestamp (uniCloud FAQ on Tencent
  // CloudBase: "SIGN_PARAM_INVALID signature is expired", caused by a wrong machine clock).
  if (nowS - ts > maxAge) return refuse('signature is expired');
  if (ts - nowS > MAX_FUTURE_SKEW_S) return refuse('signature timestamp is in the future');
  if (auth.date !== formateDate(ts)) return refuse('credential date does not match x-timestamp');

  // Headers: exactly the ones the client says it signed, with the values that arrived.
  const names = auth.signedHeaders;
  if (!names.includes('host') || !names.includes('content-type')) return refuse('host and content-type must be signed');
  const headers: Record<string, string> = {};
  for (const name of names) {
    const v = headerText(req.headers[name]);
    if (v === undefined) return refuse(`signed header ${name} is missing`);
    headers[name] = v;
  }

  // Body: the signer hashes keys lower-cased, so two keys that differ only in case could hide
  // one value behind another; and a key outside SignedParams would ride along unsigned.
  const signed = auth.signedParams ? new Set(auth.signedParams) : undefined;
  const seen = new Set<string>();
  for (const key of Object.keys(req.params)) {
    const lower = Signer.camSafeUrlEncode(key.toLowerCase().trim());
    if (seen.has(lower)) return refuse(`parameter ${key.slice(0, 40)} appears twice`);
    seen.add(lower);
    if (signed && !signed.has(lower) && signedForm(req.params[key]) !== '') return refuse(`parameter ${key.slice(0, 40)} is not signed`);
  }

  let expected: string;
  try {
    expected = new Signer(creds, 'tcb').tc3sign(req.method.toLowerCase(), `http://${req.host}${req.rawUrl}`, headers, req.params, ts, {
      includeKeys: auth.signedParams,
      withSignedParams: true,
    }).signature as string;
  } catch (e) {
    return refuse(`cannot verify the signature: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(auth.signature, 'hex'))) return refuse('signature mismatch');
  return { ok: true };
}
