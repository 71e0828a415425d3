import fc from 'fast-check';
import { startTestStore, type TestStore } from '../../../local/testing/store-harness';

/**
 * Every customer-facing action of the money core fuzzed through the gateway: an unknown extra
 * field, or a random value in place of each declared field. The answer is always a typed
 * envelope (never INTERNAL, never a crash) and nothing is written.
 */
let s: TestStore;
beforeAll(async () => {
  s = await startTestStore();
});
afterAll(() => s.close());

// Bases are well-formed but name things that don't exist (or a caller without a wallet/membership),
// so no mutation of one field can turn them into a real write.
const ACTIONS: Record<string, Record<string, Record<string, unknown>>> = {
  order: {
    create: { items: [{ productId: 'prd_nope', qty: 1 }], payWith: 'balance', requestId: 'fuzz_req_0001' },
    get: { orderId: 'ord_aaaaaaaaaaaaaaaaaaaa' },
    list: {},
    pay: { orderId: 'ord_aaaaaaaaaaaaaaaaaaaa' },
    cancel: { orderId: 'ord_aaaaaaaaaaaaaaaaaaaa' },
    refund: { orderId: 'ord_aaaaaaaaaaaaaaaaaaaa', requestId: 'fuzz_req_0002' },
  },
  membership: {
    buy: { planId: 'nope-plan', requestId: 'fuzz_req_0003' },
    status: {},
    claimPack: { entitlementId: 'ent_x', delivery: { method: 'pickup' }, requestId: 'fuzz_req_0004' },
    refundQuote: {},
    refund: { requestId: 'fuzz_req_0005' },
  },
  wallet: {
    terms: {},
    topUp: { planId: 'nope-plan', acceptTerms: true, requestId: 'fuzz_req_0006' },
    balance: {},
    entries: {},
    refundQuote: {},
    refund: { requestId: 'fuzz_req_0007' },
  },
  settings: { get: {}, update: { settings: {}, requestId: 'fuzz_req_0008' } },
  member: {
    tiers: {},
    claimGift: { giftId: 'tier-5k', delivery: { method: 'pickup' }, requestId: 'fuzz_req_0009' },
    trials: {},
  },
  ops: {
    role: {},
    giftClaims: { state: 'pending' },
    shipGift: { entitlementId: 'ent_x', carrier: '顺丰', trackingNo: 'SF123456', requestId: 'fuzz_req_0010' },
    markPickedUp: { entitlementId: 'ent_x', requestId: 'fuzz_req_0011' },
  },
};

const FIELDS = ['items', 'payWith', 'requestId', 'orderId', 'cursor', 'planId', 'entitlementId', 'delivery', 'amountFen', 'acceptTerms', 'lines', 'couponId', 'settings', 'giftId', 'state', 'carrier', 'trackingNo'];
const RUNS = Number(process.env.FUZZ_RUNS ?? 60);

const cases = Object.entries(ACTIONS).flatMap(([fn, actions]) => Object.entries(actions).map(([action, valid]) => [fn, action, valid] as const));

test.each(cases)('%s.%s: random and extra fields → typed refusal, no writes', async (fn, action, valid) => {
  const before = s.documents();
  const caller = fn === 'settings' ? 'cust_fuzz_not_operator' : 'cust_fuzz';
  const keys = Object.keys(valid);
  const payload = fc.oneof(
    // An extra field never declared by the action (strict schemas refuse it).
    fc.record({ extra: fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !FIELDS.includes(k) && k !== 'action' && k !== 'userInfo'), value: fc.anything() }).map(({ extra, value }) => ({ ...valid, [extra]: value })),
    // A declared field replaced by anything at all.
    ...(keys.length ? [fc.record({ key: fc.constantFrom(...keys), value: fc.anything() }).map(({ key, value }) => ({ ...valid, [key]: value }))] : []),
  );
  const codes = new Set<string>();
  await fc.assert(
    fc.asyncProperty(payload, async (p) => {
      const r = await s.call(caller, fn, { ...(p as object), action });
      if (r.ok) return; // a random value may happen to be valid (e.g. a list cursor): that is fine…
      codes.add(r.error!.code);
      expect(r.error!.code).not.toBe('INTERNAL');
      expect(typeof r.error!.message).toBe('string');
    }),
    { numRuns: RUNS },
  );
  // …but nothing may be written: no valid payload here can create anything for this caller.
  expect(s.documents()).toBe(before);
  expect(codes.size).toBeGreaterThan(0);
}, 60_000);
