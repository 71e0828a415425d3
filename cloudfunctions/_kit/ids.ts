import { createHash, randomBytes } from 'node:crypto';

/** Prefixed ids (DESIGN rule 13): `ord_…`, `lot_…`, `evt_…`. */
const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

const encode = (bytes: Uint8Array, length: number): string => {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[bytes[i] % 36];
  return out;
};

/** A fresh random id. 16 chars of base36 ≈ 82 bits: collisions are not a practical concern. */
export function newId(prefix: string): string {
  return `${prefix}_${encode(randomBytes(16), 16)}`;
}

/**
 * A deterministic id from an idempotency key (DESIGN rule 6): the same request id always maps to
 * the same document id, so a retried create hits the existing document instead of making a twin.
 */
export function idFromKey(prefix: string, ...keyParts: string[]): string {
  const digest = createHash('sha256').update(keyParts.join('\u0000')).digest();
  return `${prefix}_${encode(digest, 20)}`;
}

/** Client request ids: what we accept as an idempotency key. */
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;
