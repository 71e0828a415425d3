import fc from 'fast-check';
import type { PurchaseEvent } from '../../schemas/event';
import { applyEvent, newProfile } from '../profile';

const T0 = 1_800_000_000_000;
const HOUR = 3_600_000;
const base = { openid: 'o1', amounts: { totalFen: 0, cashFen: 0, principalFen: 0, bonusFen: 0 } };
const paid = (orderId: string, at: number, qualifying: number, lines: PurchaseEvent['lines']): PurchaseEvent => ({
  _id: `evt_order_paid_${orderId}`, type: 'order.paid', ...base, at, orderId, qualifyingDeltaFen: qualifying, productKinds: [...new Set(lines!.map((l) => l.kind))], lines,
});
const trialPaid = (orderId: string, at: number) => paid(orderId, at, 1_800, [{ productId: 'prd_serum_trial', kind: 'trial', qty: 1, amountFen: 1_800, fullProductId: 'prd_serum' }]);
const fullPaid = (orderId: string, at: number) => paid(orderId, at, 68_800, [{ productId: 'prd_serum', kind: 'regular', qty: 1, amountFen: 68_800 }]);
const refunded = (orderId: string, at: number, delta: number, lines: PurchaseEvent['lines']): PurchaseEvent => ({
  _id: `evt_order_refunded_${orderId}_${at}`, type: 'order.refunded', ...base, at, orderId, qualifyingDeltaFen: -delta, productKinds: ['trial'], lines,
});
const fold = (events: PurchaseEvent[]) => events.reduce(applyEvent, newProfile('o1', T0));

describe('profile reducer', () => {
  test('qualifying spend is the sum of the events’ deltas (refunds negative)', () => {
    const p = fold([fullPaid('ord_1', T0), fullPaid('ord_2', T0 + HOUR), refunded('ord_2', T0 + 2 * HOUR, 68_800, [{ productId: 'prd_serum', kind: 'regular', qty: 1, amountFen: 68_800 }])]);
    expect(p.qualifyingSpendFen).toBe(68_800);
    expect(p.eventsApplied).toBe(3);
    expect([p.firstEventAt, p.lastEventAt]).toEqual([T0, T0 + 2 * HOUR]);
  });

  test('a trial purchase tags the customer `trial`; buying the full product later records the conversion and time to convert', () => {
    const p = fold([trialPaid('ord_t', T0), fullPaid('ord_f', T0 + 5 * HOUR)]);
    expect(p.tags).toEqual(['trial']);
    expect(p.trials).toEqual([{ productId: 'prd_serum_trial', fullProductId: 'prd_serum', orderId: 'ord_t', boughtAt: T0, convertedAt: T0 + 5 * HOUR, convertedOrderId: 'ord_f', timeToConvertMs: 5 * HOUR }]);
  });

  test('the full product bought BEFORE the trial is not a conversion', () => {
    const p = fold([fullPaid('ord_f', T0), trialPaid('ord_t', T0 + HOUR)]);
    expect(p.trials[0].convertedAt).toBeUndefined();
  });

  test('a refunded trial is marked, the tag stays (they did try)', () => {
    const p = fold([trialPaid('ord_t', T0), refunded('ord_t', T0 + HOUR, 1_800, [{ productId: 'prd_serum_trial', kind: 'trial', qty: 1, amountFen: 1_800 }])]);
    expect(p.trials[0].refundedAt).toBe(T0 + HOUR);
    expect(p.tags).toContain('trial');
    expect(p.qualifyingSpendFen).toBe(0);
  });

  test('gift claims are counted; membership and top-up events only move spend', () => {
    const claim: PurchaseEvent = { _id: 'evt_gift_claimed_x', type: 'gift.claimed', ...base, at: T0, qualifyingDeltaFen: 0, productKinds: [] };
    const topup: PurchaseEvent = { _id: 'evt_wallet_topup_x', type: 'wallet.topup', ...base, at: T0, qualifyingDeltaFen: 0, productKinds: ['topup'] };
    const fee: PurchaseEvent = { _id: 'evt_membership_purchased_x', type: 'membership.purchased', ...base, at: T0, qualifyingDeltaFen: 100_000, productKinds: ['membership'] };
    const p = fold([claim, topup, fee]);
    expect(p).toMatchObject({ giftsClaimed: 1, qualifyingSpendFen: 100_000, tags: [], trials: [] });
  });

  test('property: the order events are applied in does not change the profile', () => {
    const events = [trialPaid('ord_t', T0), fullPaid('ord_f1', T0 + HOUR), fullPaid('ord_f2', T0 + 3 * HOUR), fullPaid('ord_f0', T0 - HOUR), refunded('ord_f1', T0 + 4 * HOUR, 68_800, [{ productId: 'prd_serum', kind: 'regular', qty: 1, amountFen: 68_800 }])];
    const reference = fold(events);
    expect(reference.trials[0].convertedOrderId).toBe('ord_f1');
    fc.assert(
      fc.property(fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }), (order) => {
        const p = fold(order);
        expect(p.qualifyingSpendFen).toBe(reference.qualifyingSpendFen);
        expect(p.tags).toEqual(reference.tags);
        expect(p.products).toEqual(reference.products);
        expect(p.trials[0].convertedAt).toBe(T0 + HOUR);
      }),
    );
  });
});
