import { DAY_MS } from '../../time';
import { defaultRenewalPeriod, renewalOutcome, renewalRatePercent, summarizeRenewals, valueBucket, type RenewalRow } from '../renewals';

const T = Date.UTC(2026, 0, 10, 2); // 2026-01-10 10:00 Shanghai
const term = (startsAt: number, days: number, refunded = false) => ({ startsAt, expiresAt: startsAt + days * DAY_MS, refunded });

test('outcome: the next unrefunded term decides; 30 days of grace; open until then', () => {
  const a = term(T, 365);
  const early = term(a.expiresAt, 365);
  expect(renewalOutcome(a, [a, early], a.expiresAt + 100 * DAY_MS)).toEqual({ outcome: 'renewed-before', renewedAt: a.expiresAt });
  const late = term(a.expiresAt + 30 * DAY_MS, 365);
  expect(renewalOutcome(a, [a, late], late.startsAt)).toEqual({ outcome: 'renewed-after', renewedAt: late.startsAt });
  const tooLate = term(a.expiresAt + 31 * DAY_MS, 365);
  expect(renewalOutcome(a, [a, tooLate], tooLate.startsAt).outcome).toBe('lapsed');
  expect(renewalOutcome(a, [a, term(a.expiresAt, 365, true)], a.expiresAt + 29 * DAY_MS).outcome).toBe('open');
  expect(renewalOutcome(a, [a], a.expiresAt - DAY_MS).outcome).toBe('open');
  expect(renewalOutcome(a, [a], a.expiresAt + 30 * DAY_MS).outcome).toBe('lapsed');
});

test('value buckets compare fen as integers; a free term has paid for itself', () => {
  expect(valueBucket(24_999, 100_000)).toBe('lt25');
  expect(valueBucket(25_000, 100_000)).toBe('25to50');
  expect(valueBucket(50_000, 100_000)).toBe('50to100');
  expect(valueBucket(100_000, 100_000)).toBe('gte100');
  expect(valueBucket(0, 0)).toBe('gte100');
});

test('rate over the decided only; cohorts by join month; default period this month and the next', () => {
  expect(renewalRatePercent(2, 3)).toBe(66.7);
  expect(renewalRatePercent(0, 0)).toBeNull();
  const row = (outcome: RenewalRow['outcome'], joinedAt: number): RenewalRow => ({ openid: 'o', orderId: `o${Math.random()}`, planName: 'p', joinedAt, startsAt: 0, expiresAt: 0, outcome, savedFen: 0, feeFen: 1, bucket: 'lt25' });
  const s = summarizeRenewals([row('renewed-before', T), row('lapsed', T), row('open', T + 40 * DAY_MS)]);
  expect(s).toMatchObject({ renewed: 1, decided: 2, ratePercent: 50, totals: { all: 3, open: 1 } });
  expect(s.cohorts).toEqual([
    { month: '2026-01', members: 2, renewed: 1, lapsed: 1, open: 0, ratePercent: 50 },
    { month: '2026-02', members: 1, renewed: 0, lapsed: 0, open: 1, ratePercent: null },
  ]);
  expect(defaultRenewalPeriod(Date.UTC(2026, 0, 31, 17))).toEqual({ from: '2026-02-01', to: '2026-03-31' }); // 01:00 on 1 Feb in Shanghai
});
