/**
 * Client request ids (DESIGN rule 6): generated once per user intent and reused on every retry,
 * so the server can use it as the id of what it creates. Matches the server's
 * /^[A-Za-z0-9_-]{8,64}$/. 20 base36 chars ≈ 103 bits of randomness.
 */
const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';
const RANDOM_CHARS = 20;
const PREFIX_PATTERN = /^[a-z]{2,12}$/;

type RandomFill = (bytes: Uint8Array) => void;

// Web Crypto on H5 and in recent WeChat base libraries; otherwise Math.random plus the timestamp
// prefix still keeps ids unique per device, which is all idempotency needs.
function cryptoFill(): RandomFill | undefined {
  const c = (globalThis as { crypto?: { getRandomValues?: (b: Uint8Array) => Uint8Array } }).crypto;
  return typeof c?.getRandomValues === 'function' ? (b) => void c.getRandomValues!(b) : undefined;
}

const mathFill: RandomFill = (bytes) => {
  for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
};

export function newRequestId(prefix: string, fill: RandomFill = cryptoFill() ?? mathFill): string {
  if (!PREFIX_PATTERN.test(prefix)) throw new RangeError(`request id prefix must be 2–12 lowercase letters: ${prefix}`);
  const bytes = new Uint8Array(RANDOM_CHARS);
  fill(bytes);
  let random = '';
  // 252 = 7 × 36: rejecting bytes ≥ 252 would be unbiased, but the 1.6% bias of `% 36` costs
  // ~0.2 bits over 20 chars and keeps this loop branch-free.
  for (const b of bytes) random += ALPHABET[b % 36];
  return `${prefix}_${Date.now().toString(36)}${random}`;
}

/**
 * One request id per user intent (DESIGN rule 6). An intent is named by what the customer asked
 * for — "top up plan topup-1000", "buy 2 × prd_serum with balance" — and keeps its id until the
 * server has given a definitive answer, so a retry after a lost reply or a cancelled cashier
 * reaches the same order instead of creating a second one. A different choice is a new intent.
 */
export class IntentIds {
  private readonly ids = new Map<string, string>();

  constructor(private readonly make: (prefix: string) => string = newRequestId) {}

  /** The id for `intent`, created on first use. `prefix` names the kind of request (2–12 letters). */
  idFor(intent: string, prefix: string): string {
    let id = this.ids.get(intent);
    if (!id) {
      id = this.make(prefix);
      this.ids.set(intent, id);
    }
    return id;
  }

  /** The intent is finished (done, or refused for good): the next attempt is a new request. */
  settle(intent: string): void {
    this.ids.delete(intent);
  }

  /** Settle after a reply unless its outcome is unknown (network failure, server fault). */
  settleUnlessUnknown(intent: string, reply: { ok: boolean; error?: { code: string } }): void {
    if (reply.ok || reply.error?.code !== 'INTERNAL') this.settle(intent);
  }

  clear(): void {
    this.ids.clear();
  }
}
