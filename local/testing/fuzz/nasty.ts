import fc from 'fast-check';
import { deepJson, objectOf, RawJson } from './json-text';

/**
 * Values a hostile or broken client can put anywhere in an event. Each family targets a way
 * handlers have been known to fail: type confusion, size, depth, prototype pollution, query
 * operator injection, and numbers JSON carries but JS rounds or overflows.
 */

/** Numbers as JSON text: `1e400` parses to Infinity, `9007199254740993` to a rounded double, `-0` to -0. */
export const specialNumber = fc.constantFrom('1e400', '-1e400', '-0', '0.0', '9007199254740993', '-9007199254740993', '1e21', '1e-400', '0.1', '1.5', '-1', '2147483648', '4294967296', '1E+308', '123456789012345678901234567890').map((t) => new RawJson(t));

const oddString = fc.constantFrom('', ' ', '\u0000', 'null', 'undefined', 'NaN', '0', '-1', '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '../../etc/passwd', '<script>alert(1)</script>', "'; DROP TABLE docs; --", '${7*7}', '\ud800', '😀'.repeat(8), '\u202e反向', 'ord_aaaaaaaaaaaaaaaaaaaa', 'prd_nope', 'cust_other', 'op_admin');

/** Long strings; one family goes past the platform's 1 MB body limit. */
export const hugeString = fc.constantFrom(10_000, 100_000, 300_000, 1_100_000).chain((n) => fc.constantFrom('x', '中', '\\', '"').map((c) => c.repeat(Math.ceil(n / Buffer.byteLength(c)))));

export const deepValue = fc.tuple(fc.constantFrom(64, 512, 4_000), fc.constantFrom<'object' | 'array'>('object', 'array')).map(([d, k]) => deepJson(d, k));

/** Objects that would pollute Object.prototype if merged naively (`Object.assign`, spread into a target, lodash merge). */
export const pollutingObject = fc.constantFrom(
  () => objectOf([['__proto__', { polluted: 'yes', isOperator: true, operators: ['cust_fuzz'] }]]),
  () => objectOf([['constructor', { prototype: { polluted: 'yes' } }]]),
  () => objectOf([['__proto__', { toString: 'x', valueOf: 1 }], ['a', 1]]),
  () => objectOf([['prototype', { polluted: 'yes' }]]),
).map((make) => make());

/** MongoDB query operators where a string or number is expected (`where({orderId: input.orderId})`). */
export const operatorInjection = fc.constantFrom<Record<string, unknown>>({ $ne: null }, { $gt: '' }, { $regex: '.*' }, { $exists: true }, { $in: ['a', 'b'] }, { $where: 'true' }, { $tcb_server_date: { offset: 0 } }, { $numberLong: '1' }, { $oid: '000000000000000000000000' });

const wrongType = fc.oneof(fc.constant(null), fc.boolean(), fc.integer(), fc.double(), fc.string({ maxLength: 20 }), fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 4 }), fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }));

/** Any one nasty value, weighted toward cheap ones (huge bodies cost real time on the wire). */
export const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.anything({ maxDepth: 3 }) },
  { weight: 5, arbitrary: wrongType },
  { weight: 3, arbitrary: oddString },
  { weight: 3, arbitrary: specialNumber },
  { weight: 2, arbitrary: pollutingObject },
  { weight: 2, arbitrary: operatorInjection },
  { weight: 1, arbitrary: deepValue },
  { weight: 1, arbitrary: hugeString },
);

/** Keys no action declares (plus the ones that attack the object model itself). */
export const unknownKey = fc.oneof(
  { weight: 3, arbitrary: fc.string({ minLength: 1, maxLength: 16 }) },
  { weight: 2, arbitrary: fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'openid', 'OPENID', '_openid', 'userInfo', 'isOperator', 'role', '$where', '_id', 'TCB_SOURCE', 'WX_OPENID', 'source') },
);
