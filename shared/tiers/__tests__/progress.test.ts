import fc from 'fast-check';
import { nextTier, tierActions, tierStatus, type GrantState, type TierDef } from '../progress';

const DAY = 86_400_000;
const NOW = 1_800_000_000_000;
const TIERS: TierDef[] = [
  { thresholdFen: 500_000, giftId: 'tier-5k' },
  { thresholdFen: 1_000_000, giftId: 'tier-10k' },
  { thresholdFen: 5_000_000, giftId: 'tier-50k' },
  { thresholdFen: 10_000_000, giftId: 'tier-100k' },
];
const avail = (deadline = NOW + 90 * DAY): GrantState => ({ status: 'available', claimDeadline: deadline });

describe('tierActions: threshold crossing', () => {
  test.each([
    ['nothing below the first threshold', 499_999, {}, []],
    ['exactly the threshold grants', 500_000, {}, ['grant:tier-5k']],
    ['one fen more grants the same', 500_001, {}, ['grant:tier-5k']],
    ['jumping two tiers at once grants both', 1_200_000, {}, ['grant:tier-5k', 'grant:tier-10k']],
    ['past every tier grants all four', 10_000_000, {}, ['grant:tier-5k', 'grant:tier-10k', 'grant:tier-50k', 'grant:tier-100k']],
    ['already granted: nothing again', 600_000, { 'tier-5k': avail() }, []],
    ['claimed is never granted twice', 900_000, { 'tier-5k': { status: 'claimed', claimDeadline: NOW } }, []],
    ['expired is never granted again', 900_000, { 'tier-5k': { status: 'expired', claimDeadline: NOW - 1 } }, []],
  ] as Array<[string, number, Record<string, GrantState>, string[]]>)('%s', (_name, spend, grants, expected) => {
    expect(tierActions(TIERS, spend, grants, NOW).map((a) => `${a.action}:${a.giftId}`)).toEqual(expected);
  });
});

describe('tierActions: suspension and restore', () => {
  test.each([
    ['refund drops below an unclaimed gift: suspend', 499_999, { 'tier-5k': avail() }, ['suspend:tier-5k']],
    ['refund drops below a claimed gift: no clawback', 100_000, { 'tier-5k': { status: 'claimed', claimDeadline: NOW } }, []],
    ['below, but the gift is already past its deadline: left to expire', 100_000, { 'tier-5k': avail(NOW - 1) }, []],
    ['regaining the spend restores a suspended gift', 500_000, { 'tier-5k': { status: 'suspended', claimDeadline: NOW - 10 * DAY, suspendedRemainingMs: 30 * DAY } }, ['restore:tier-5k']],
    ['still below: a suspended gift stays suspended', 400_000, { 'tier-5k': { status: 'suspended', claimDeadline: NOW, suspendedRemainingMs: DAY } }, []],
    ['only the tiers the spend fell below are suspended', 700_000, { 'tier-5k': avail(), 'tier-10k': avail() }, ['suspend:tier-10k']],
    ['a voided gift is left alone', 100_000, { 'tier-5k': { status: 'void', claimDeadline: NOW } }, []],
  ] as Array<[string, number, Record<string, GrantState>, string[]]>)('%s', (_name, spend, grants, expected) => {
    expect(tierActions(TIERS, spend, grants, NOW).map((a) => `${a.action}:${a.giftId}`)).toEqual(expected);
  });

  test('the claim clock pauses while suspended: restore gives back the time that was left', () => {
    const [s] = tierActions(TIERS, 100_000, { 'tier-5k': avail(NOW + 20 * DAY) }, NOW);
    expect(s).toEqual({ giftId: 'tier-5k', action: 'suspend', remainingMs: 20 * DAY });
    const later = NOW + 100 * DAY;
    const [r] = tierActions(TIERS, 600_000, { 'tier-5k': { status: 'suspended', claimDeadline: NOW + 20 * DAY, suspendedRemainingMs: 20 * DAY } }, later);
    expect(r).toEqual({ giftId: 'tier-5k', action: 'restore', claimDeadline: later + 20 * DAY });
  });

  test('property: applying the actions for a spend, then asking again, asks for nothing (idempotent)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -2_000_000, max: 6_000_000 }), { minLength: 1, maxLength: 30 }), (deltas) => {
        const grants: Record<string, GrantState> = {};
        let spend = 0;
        let granted = 0;
        for (const d of deltas) {
          spend += d;
          for (const a of tierActions(TIERS, spend, grants, NOW)) {
            if (a.action === 'grant') { grants[a.giftId] = avail(); granted++; }
            if (a.action === 'suspend') grants[a.giftId] = { status: 'suspended', claimDeadline: NOW + 90 * DAY, suspendedRemainingMs: a.remainingMs };
            if (a.action === 'restore') grants[a.giftId] = { status: 'available', claimDeadline: a.claimDeadline };
          }
          expect(tierActions(TIERS, spend, grants, NOW)).toEqual([]);
          // A gift is available exactly when the spend covers its threshold.
          for (const t of TIERS) if (grants[t.giftId]) expect(grants[t.giftId].status === 'available').toBe(spend >= t.thresholdFen);
        }
        // Never more grants than tiers, however spend goes up and down.
        expect(granted).toBeLessThanOrEqual(TIERS.length);
      }),
    );
  });
});

describe('tierStatus and nextTier', () => {
  test('status reads: locked without a grant, expired past the deadline, otherwise the stored state', () => {
    expect(tierStatus(undefined, NOW)).toBe('locked');
    expect(tierStatus({ status: 'void', claimDeadline: NOW }, NOW)).toBe('locked');
    expect(tierStatus(avail(NOW - 1), NOW)).toBe('expired');
    expect(tierStatus(avail(NOW), NOW)).toBe('available');
    expect(tierStatus({ status: 'suspended', claimDeadline: NOW }, NOW)).toBe('suspended');
    expect(tierStatus({ status: 'claimed', claimDeadline: NOW - 1 }, NOW)).toBe('claimed');
  });

  test.each([
    ['new customer: ¥5,000 to the first gift', 0, {}, 'tier-5k', 500_000],
    ['¥4,200 spent: ¥800 to go', 420_000, {}, 'tier-5k', 80_000],
    ['at ¥5,000: the next is ¥10,000', 500_000, { 'tier-5k': avail() }, 'tier-10k', 500_000],
    ['refunded below a suspended gift: it is the next one', 450_000, { 'tier-5k': { status: 'suspended', claimDeadline: NOW } }, 'tier-5k', 50_000],
    ['refunded below a CLAIMED gift: the next one waits (¥10,000)', 450_000, { 'tier-5k': { status: 'claimed', claimDeadline: NOW } }, 'tier-10k', 550_000],
    ['past everything: none', 10_000_000, {}, null, null],
  ] as Array<[string, number, Record<string, GrantState>, string | null, number | null]>)('%s', (_n, spend, grants, gift, gap) => {
    const n = nextTier(TIERS, spend, grants, NOW);
    expect(n ? n.tier.giftId : null).toBe(gift);
    expect(n ? n.gapFen : null).toBe(gap);
  });
});
