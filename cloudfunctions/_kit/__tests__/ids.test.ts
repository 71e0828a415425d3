import { idFromKey, newId, REQUEST_ID_PATTERN } from '../ids';

test('random ids are prefixed and distinct', () => {
  const ids = new Set(Array.from({ length: 10_000 }, () => newId('ord')));
  expect(ids.size).toBe(10_000);
  for (const id of [...ids].slice(0, 10)) expect(id).toMatch(/^ord_[0-9a-z]{16}$/);
});

test('ids from an idempotency key are stable and separate keys never collide in practice', () => {
  expect(idFromKey('ord', 'cust_a', 'req_1')).toBe(idFromKey('ord', 'cust_a', 'req_1'));
  expect(idFromKey('ord', 'cust_a', 'req_1')).not.toBe(idFromKey('ord', 'cust_b', 'req_1'));
  // Parts are separated, so ("ab","c") and ("a","bc") differ.
  expect(idFromKey('x', 'ab', 'c')).not.toBe(idFromKey('x', 'a', 'bc'));
});

test('request id pattern', () => {
  expect(REQUEST_ID_PATTERN.test('req_abcdefgh')).toBe(true);
  expect(REQUEST_ID_PATTERN.test('short')).toBe(false);
  expect(REQUEST_ID_PATTERN.test('has space in it')).toBe(false);
});
