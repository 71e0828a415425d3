import { customerKeyOf, reservationHeldBy, trialDecision } from '../eligibility';

const NOW = 1_800_000_000_000;

describe('trial eligibility', () => {
  test('customer key: unionid when the platform gives one (one trial across the brand’s apps), else openid', () => {
    expect(customerKeyOf({ openid: 'o1', unionid: 'u1' })).toBe('u:u1');
    expect(customerKeyOf({ openid: 'o1' })).toBe('o:o1');
  });

  test.each([
    ['never bought', null, { eligible: true }],
    ['released (cancelled, expired or refund restored)', { status: 'released', expiresAt: NOW + 1, orderId: 'ord_a' }, { eligible: true }],
    ['used', { status: 'used', expiresAt: NOW - 1, orderId: 'ord_a' }, { eligible: false, reason: 'used', orderId: 'ord_a' }],
    ['held by an unpaid order within its window', { status: 'reserved', expiresAt: NOW + 1, orderId: 'ord_a' }, { eligible: false, reason: 'pending', orderId: 'ord_a' }],
    ['held by an unpaid order whose window just ended', { status: 'reserved', expiresAt: NOW, orderId: 'ord_a' }, { eligible: true }],
  ] as const)('%s', (_n, r, expected) => {
    expect(trialDecision(r as never, NOW)).toEqual(expected);
  });

  test('a payment may use the trial only through its own reservation', () => {
    expect(reservationHeldBy({ status: 'reserved', orderId: 'ord_a' }, 'ord_a')).toBe(true);
    expect(reservationHeldBy({ status: 'used', orderId: 'ord_a' }, 'ord_a')).toBe(true);
    expect(reservationHeldBy({ status: 'reserved', orderId: 'ord_b' }, 'ord_a')).toBe(false);
    expect(reservationHeldBy({ status: 'released', orderId: 'ord_a' }, 'ord_a')).toBe(false);
    expect(reservationHeldBy(null, 'ord_a')).toBe(false);
  });
});
