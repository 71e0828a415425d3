import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { closeSync, createReadStream, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import type http from 'node:http';
import path from 'node:path';

/**
 * Cloud storage for the emulator: what CloudBase's storage (COS underneath) does for the SDK calls
 * our code makes — `uploadFile` (= `storage.getUploadMetadata` + an HTTP PUT of the bytes to the
 * signed URL it returns), `getTempFileURL` (`storage.batchGetDownloadUrl`), `downloadFile` (a temp
 * URL, then GET), `getFileInfo` (a temp URL, then HEAD), `deleteFile` (`storage.batchDeleteFile`).
 *
 * Files live under the data directory (`<storageDir>/<bucket>/<cloudPath>`), written to a temp
 * file, fsynced and renamed before the PUT is answered, so an acknowledged upload survives
 * `kill -9`. File ids have the production shape `cloud://<env>.<bucket>/<cloudPath>` with the
 * bucket named like CloudBase names it (`<hex of the env's first two chars>-<env>-<appid>`).
 * URLs are signed (HMAC) and expire against the emulator's clock, like real temp URLs do.
 */

/** COS object keys are at most 850 bytes. */
const MAX_KEY_BYTES = 850;
/** A local guard against filling the disk; production COS accepts far more in one PUT. */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
/** getTempFileURL: the default lifetime of a temp URL when `maxAge` is not given (seconds). */
export const DEFAULT_MAX_AGE_S = 86_400;
/** How many files one batch call may name (the client SDKs' limit; our code batches by it). */
export const MAX_BATCH = 50;
/** An upload URL is good for this long after getUploadMetadata. */
const UPLOAD_URL_TTL_S = 3_600;
/** The appid part CloudBase puts in bucket names (any fixed number locally). */
const LOCAL_APPID = '1250000000';

const TYPES: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json',
  '.csv': 'text/csv; charset=utf-8',
  '.pdf': 'application/pdf',
};
/** COS answers with the type stored for the object; keys without a known extension are bytes. */
export const contentTypeOf = (key: string): string => TYPES[path.extname(key).toLowerCase()] ?? 'application/octet-stream';

export const bucketOf = (env: string): string => `${Buffer.from(env.slice(0, 2)).toString('hex')}-${env}-${LOCAL_APPID}`;

export interface ParsedFileId {
  env: string;
  bucket: string;
  key: string;
}

/** `cloud://<env>.<bucket>/<key>` → parts, or null when it is not a file id of this shape. */
export function parseFileId(fileId: unknown): ParsedFileId | null {
  if (typeof fileId !== 'string') return null;
  const m = /^cloud:\/\/([^./]+)\.([^/]+)\/(.+)$/.exec(fileId);
  if (!m) return null;
  return { env: m[1], bucket: m[2], key: m[3] };
}

/** Why a cloud path is refused, or null. Same rules as the console: relative, no `..`, no empty segment. */
export function invalidKeyReason(key: unknown): string | null {
  if (typeof key !== 'string' || key.length === 0) return 'cloudPath is required';
  if (Buffer.byteLength(key) > MAX_KEY_BYTES) return `cloudPath exceeds ${MAX_KEY_BYTES} bytes`;
  if (key.startsWith('/')) return 'cloudPath must not start with /';
  if (/[\u0000-\u001f\\]/.test(key)) return 'cloudPath contains an invalid character';
  if (key.split('/').some((seg) => seg === '' || seg === '.' || seg === '..')) return 'cloudPath has an empty, . or .. segment';
  return null;
}

export interface FileStoreOptions {
  dir: string;
  now: () => number;
}

interface StoredFile {
  file: string;
  size: number;
  contentType: string;
}

export class FileStore {
  private readonly dir: string;
  private readonly now: () => number;
  /** Signs upload and download URLs. Fixed per data directory would be nicer; per process is enough locally. */
  private readonly secret = randomBytes(32);

  constructor(opts: FileStoreOptions) {
    this.dir = path.resolve(opts.dir);
    this.now = opts.now;
    mkdirSync(this.dir, { recursive: true });
  }

  private fileOf(bucket: string, key: string): string {
    const file = path.resolve(this.dir, bucket, key);
    // invalidKeyReason already refuses `..`; this is the belt to its braces.
    if (!file.startsWith(this.dir + path.sep)) throw new Error('path escapes the storage directory');
    return file;
  }

  stat(bucket: string, key: string): StoredFile | null {
    if (invalidKeyReason(key) || !/^[A-Za-z0-9-]+$/.test(bucket)) return null;
    const file = this.fileOf(bucket, key);
    if (!existsSync(file)) return null;
    const st = statSync(file);
    return st.isFile() ? { file, size: st.size, contentType: contentTypeOf(key) } : null;
  }

  private sign(method: string, bucket: string, key: string, expires: number): string {
    return createHmac('sha256', this.secret).update(`${method}\n${bucket}/${key}\n${expires}`).digest('hex');
  }

  private verify(method: string, bucket: string, key: string, expires: number, given: string): boolean {
    const want = Buffer.from(this.sign(method, bucket, key, expires));
    const got = Buffer.from(given);
    return want.length === got.length && timingSafeEqual(want, got);
  }

  /** `storage.getUploadMetadata`: where and how to PUT the bytes of `key`. */
  uploadMetadata(baseUrl: string, env: string, key: string) {
    const bucket = bucketOf(env);
    const expires = Math.floor(this.now() / 1000) + UPLOAD_URL_TTL_S;
    const authorization = `q-sign-algorithm=sha256&q-key-time=${expires}&q-signature=${this.sign('PUT', bucket, key, expires)}`;
    const fileId = `cloud://${env}.${bucket}/${key}`;
    return {
      url: `${baseUrl}/files/${bucket}/${key}`,
      token: randomBytes(16).toString('hex'),
      authorization,
      fileId,
      cosFileId: Buffer.from(fileId).toString('base64url'),
      download_url: `${baseUrl}/files/${bucket}/${key}`,
    };
  }

  /** A signed, expiring download URL (the path stays unencoded: the SDK `encodeURI`s it). */
  tempUrl(baseUrl: string, bucket: string, key: string, maxAgeS: number): string {
    const t = Math.floor(this.now() / 1000) + maxAgeS;
    return `${baseUrl}/files/${bucket}/${key}?sign=${this.sign('GET', bucket, key, t)}&t=${t}`;
  }

  remove(bucket: string, key: string): boolean {
    const st = this.stat(bucket, key);
    if (!st) return false;
    rmSync(st.file);
    return true;
  }

  /**
   * The COS side of the file routes: PUT (upload with the authorization from getUploadMetadata),
   * GET/HEAD (temp URL with `sign` and `t`). Errors are COS-shaped XML, which is what the SDK parses.
   */
  serve(req: http.IncomingMessage, res: http.ServerResponse, bucket: string, key: string, query: URLSearchParams): void {
    const reason = invalidKeyReason(key);
    if (reason || !/^[A-Za-z0-9-]+$/.test(bucket)) return cosError(req, res, 400, 'InvalidURI', reason ?? 'invalid bucket');
    if (req.method === 'PUT') return this.put(req, res, bucket, key);
    if (req.method !== 'GET' && req.method !== 'HEAD') return cosError(req, res, 405, 'MethodNotAllowed', 'use PUT, GET or HEAD');
    const t = Number(query.get('t'));
    const sign = query.get('sign') ?? '';
    if (!Number.isInteger(t) || !this.verify('GET', bucket, key, t, sign)) return cosError(req, res, 403, 'AccessDenied', 'Request has invalid signature');
    if (Math.floor(this.now() / 1000) > t) return cosError(req, res, 403, 'AccessDenied', 'Request has expired');
    const st = this.stat(bucket, key);
    if (!st) return cosError(req, res, 404, 'NoSuchKey', 'The specified key does not exist.');
    res.writeHead(200, { 'content-type': st.contentType, 'content-length': st.size, 'x-cos-request-id': requestId(), 'cache-control': 'max-age=300' });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(st.file).pipe(res);
  }

  private put(req: http.IncomingMessage, res: http.ServerResponse, bucket: string, key: string): void {
    const auth = String(req.headers.authorization ?? '');
    const m = /^q-sign-algorithm=sha256&q-key-time=(\d+)&q-signature=([0-9a-f]+)$/.exec(auth);
    if (!m || !this.verify('PUT', bucket, key, Number(m[1]), m[2])) {
      req.resume();
      return cosError(req, res, 403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.');
    }
    if (Math.floor(this.now() / 1000) > Number(m[1])) {
      req.resume();
      return cosError(req, res, 403, 'AccessDenied', 'Request has expired');
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_UPLOAD_BYTES) {
      req.resume();
      return cosError(req, res, 400, 'EntityTooLarge', `Your proposed upload exceeds ${MAX_UPLOAD_BYTES} bytes.`);
    }
    const file = this.fileOf(bucket, key);
    mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.upload-${randomBytes(6).toString('hex')}`;
    const fd = openSync(tmp, 'w');
    let size = 0;
    let failed = false;
    const abandon = () => {
      failed = true;
      try {
        closeSync(fd);
      } catch {
        /* already closed */
      }
      rmSync(tmp, { force: true });
    };
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > MAX_UPLOAD_BYTES) {
        abandon();
        return cosError(req, res, 400, 'EntityTooLarge', `Your proposed upload exceeds ${MAX_UPLOAD_BYTES} bytes.`);
      }
      writeSync(fd, chunk);
    });
    req.on('error', () => {
      if (!failed) abandon();
    });
    req.on('end', () => {
      if (failed) return;
      // Durable before acknowledged: data fsynced, then an atomic rename (a crash leaves either the
      // old object or the new one, never half of it), then the directory entry fsynced.
      fsyncSync(fd);
      closeSync(fd);
      renameSync(tmp, file);
      const dirFd = openSync(path.dirname(file), 'r');
      try {
        fsyncSync(dirFd);
      } finally {
        closeSync(dirFd);
      }
      // COS answers a successful PUT with an empty body and the object's ETag.
      res.writeHead(200, { 'content-length': 0, etag: `"${randomBytes(16).toString('hex')}"`, 'x-cos-request-id': requestId() });
      res.end();
    });
  }
}

const requestId = () => randomBytes(12).toString('base64url');

const xmlEscape = (s: string) => s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** A COS error body: the SDK reads Code, Message, RequestId and TraceId from it. */
function cosError(req: http.IncomingMessage, res: http.ServerResponse, status: number, code: string, message: string): void {
  if (res.headersSent) return;
  const body =
    `<?xml version='1.0' encoding='utf-8' ?>\n<Error>\n<Code>${code}</Code>\n<Message>${xmlEscape(message)}</Message>\n` +
    `<Resource>${xmlEscape(req.url ?? '')}</Resource>\n<RequestId>${requestId()}</RequestId>\n<TraceId>${requestId()}</TraceId>\n</Error>`;
  res.writeHead(status, { 'content-type': 'application/xml', 'content-length': req.method === 'HEAD' ? 0 : Buffer.byteLength(body) });
  res.end(req.method === 'HEAD' ? undefined : body);
}
