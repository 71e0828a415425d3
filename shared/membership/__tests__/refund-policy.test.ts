import { currentRefundPolicy } from '../refund';

// Orders sold before the rules were kept on them get today's rules written by a migration step
// (cloudfunctions/_migrations, tested in migrations.test.ts); the read path has no fallback.

const settings = { membershipRefundClaimedPack: 'deny', membershipRefundSavings: 'keep' } as const;

test("a membership is sold with today's refund rules", () => {
  expect(currentRefundPolicy(settings)).toEqual({ claimedPack: 'deny', savings: 'keep' });
});
