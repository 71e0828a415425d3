import { IntentIds, newRequestId } from '../request-id';

// The server accepts idempotency keys matching this (cloudfunctions/_kit/ids.ts REQUEST_ID_PATTERN).
const SERVER_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

describe('newRequestId', () => {
  test('is prefixed, server-acceptable and unique', () => {
    const ids = new Set(Array.from({ length: 2000 }, () => newRequestId('ord')));
    expect(ids.size).toBe(2000);
    for (const id of ids) {
      expect(id).toMatch(/^ord_[0-9a-z]+$/);
      expect(id).toMatch(SERVER_PATTERN);
    }
  });

  test('uses the given random source (Web Crypto where available)', () => {
    const id = newRequestId('topup', (b) => b.fill(1));
    expect(id.endsWith('1'.repeat(20))).toBe(true);
  });

  test('without Web Crypto it still works', () => {
    const saved = Object.getOwnPropertyDescriptor(globalThis, 'crypto');
    Object.defineProperty(globalThis, 'crypto', { value: undefined, configurable: true });
    try {
      expect(newRequestId('ref')).toMatch(/^ref_[0-9a-z]{21,}$/);
    } finally {
      if (saved) Object.defineProperty(globalThis, 'crypto', saved);
    }
  });

  test('rejects prefixes that would break the id format', () => {
    expect(() => newRequestId('Bad Prefix')).toThrow(RangeError);
  });
});

describe('IntentIds', () => {
  const counter = () => {
    let n = 0;
    return (prefix: string) => `${prefix}_${++n}`;
  };

  test('the same intent keeps its id until settled; different intents differ', () => {
    const ids = new IntentIds(counter());
    const a = ids.idFor('topup:plan:topup-1000', 'topup');
    expect(ids.idFor('topup:plan:topup-1000', 'topup')).toBe(a);
    expect(ids.idFor('topup:plan:topup-500', 'topup')).not.toBe(a);
    ids.settle('topup:plan:topup-1000');
    expect(ids.idFor('topup:plan:topup-1000', 'topup')).not.toBe(a);
  });

  test('an unknown outcome (INTERNAL: network or server fault) keeps the id; any answer settles it', () => {
    const ids = new IntentIds(counter());
    const first = ids.idFor('x', 'ord');
    ids.settleUnlessUnknown('x', { ok: false, error: { code: 'INTERNAL' } });
    expect(ids.idFor('x', 'ord')).toBe(first);
    ids.settleUnlessUnknown('x', { ok: false, error: { code: 'INSUFFICIENT_BALANCE' } });
    const second = ids.idFor('x', 'ord');
    expect(second).not.toBe(first);
    ids.settleUnlessUnknown('x', { ok: true });
    expect(ids.idFor('x', 'ord')).not.toBe(second);
  });

  test('clear forgets every intent (account switch)', () => {
    const ids = new IntentIds(counter());
    const a = ids.idFor('a', 'ord');
    ids.clear();
    expect(ids.idFor('a', 'ord')).not.toBe(a);
  });
});
