import { createHmac } from 'node:crypto';
import type { Db } from '../_kit/db';
import type { Tx } from '../_kit/transaction';
import { txCreate, txGet, txReplace } from '../_kit/tx';
import { COLL } from '../_kit/collections';

/**
 * Limit markers (issue 15 #6): what survives an account deletion of the one-trial-per-customer rule
 * and of per-customer coupon limits, so that "buy the ¥18 trial → claim the limit-1 coupon → delete
 * the account" cannot be repeated. A marker is one document per (customer key, trial product) or
 * (openid, coupon template) whose id is an HMAC-SHA256 under a secret key — it holds no openid, no
 * product or template id in the clear, only a count. Without the key nobody can tell whose it is or
 * find it from an openid; with it, the shop can only answer "has this same WeChat account used this
 * trial / claimed this coupon before?" when that account comes back. Written by the deletion (from
 * the reservations and counters it deletes), read by the trial and coupon checks.
 */

/**
 * The key: `PRIVACY_MARKER_KEY` in the function's environment (scripts/deploy/env-vars.ts: required,
 * secret, set by the deployer once — e.g. `openssl rand -hex 32` — and kept: a new key forgets every
 * marker). Local mode generates one per data directory (local/server.ts). Never a constant in code:
 * a missing key is a fault, not a silent fallback.
 */
export const MARKER_KEY_ENV = 'PRIVACY_MARKER_KEY';

function markerKey(): string {
  const key = process.env.PRIVACY_MARKER_KEY?.trim();
  if (!key || key.length < 32) throw new Error(`${MARKER_KEY_ENV} is not set (or shorter than 32 characters): the limit markers of deleted accounts need it`);
  return key;
}

export type MarkerKind = 'trial' | 'coupon';

export interface LimitMarker {
  _id: string;
  kind: MarkerKind;
  /** Trials: 1 (used). Coupons: how many the customer had been issued of the template. */
  count: number;
  createdAt: number;
  updatedAt: number;
  version: number;
}

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/** `lmk_<HMAC(key, kind | customer | product-or-template)>`, base36 like every other id. */
export function markerIdOf(kind: MarkerKind, customer: string, subject: string): string {
  const digest = createHmac('sha256', markerKey()).update([kind, customer, subject].join('\u0000')).digest();
  let out = '';
  for (let i = 0; i < 24; i++) out += ALPHABET[digest[i] % 36];
  return `lmk_${out}`;
}

/** What the marker counts for this customer and subject (0 when there is none). */
export async function markedCount(reader: Tx | Pick<Db, 'collection'>, kind: MarkerKind, customer: string, subject: string): Promise<number> {
  // A read by id, the same inside a transaction (its snapshot) and outside it.
  return (await txGet<LimitMarker>(reader as Tx, COLL.limit_markers, markerIdOf(kind, customer, subject)))?.count ?? 0;
}

/** The keys a trial marker is written under: the reservation's customer key and the openid (a unionid may come and go). */
export const trialMarkerCustomers = (c: { customerKey: string; openid: string }): string[] => [...new Set([c.customerKey, `o:${c.openid}`])];

/** Adds `count` to the marker (created on first use), in the caller's transaction. */
export async function addMark(tx: Tx, kind: MarkerKind, customer: string, subject: string, count: number, now: number): Promise<void> {
  if (count <= 0) return;
  const id = markerIdOf(kind, customer, subject);
  const cur = await txGet<LimitMarker>(tx, COLL.limit_markers, id);
  if (cur) await txReplace(tx, COLL.limit_markers, { ...cur, count: kind === 'trial' ? 1 : cur.count + count, updatedAt: now, version: cur.version + 1 });
  else await txCreate(tx, COLL.limit_markers, { _id: id, kind, count: kind === 'trial' ? 1 : count, createdAt: now, updatedAt: now, version: 1 });
}
