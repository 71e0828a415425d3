import type { IncomingMessage } from 'node:http';

/** Every local endpoint (gateway, simulators, emulator) takes at most this much, as CloudBase's 1 MB limit on a call. */
export const MAX_BODY_BYTES = 1024 * 1024;

export class BodyTooLargeError extends Error {}

/** Reads a request body, refusing (and draining) anything over `limit` bytes. */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      req.resume();
      reject(new BodyTooLargeError());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) tooLarge = true;
      else chunks.push(c);
    });
    req.on('end', () => (tooLarge ? reject(new BodyTooLargeError()) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

export type JsonBody = { ok: true; value: unknown } | { ok: false; reason: 'too-large' | 'invalid-json' };

/** Reads a JSON request body (empty → `{}`); too large or not JSON is an answer, a broken stream throws. */
export async function readJsonBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<JsonBody> {
  let raw: Buffer;
  try {
    raw = await readBody(req, limit);
  } catch (e) {
    if (e instanceof BodyTooLargeError) return { ok: false, reason: 'too-large' };
    throw e;
  }
  try {
    return { ok: true, value: raw.length ? JSON.parse(raw.toString('utf8')) : {} };
  } catch {
    return { ok: false, reason: 'invalid-json' };
  }
}
