import { newRequestId } from '../request-id';

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
