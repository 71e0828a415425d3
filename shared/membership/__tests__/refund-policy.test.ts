import { currentRefundPolicy, refundPolicyOf } from '../refund';

const settings = { membershipRefundClaimedPack: 'deny', membershipRefundSavings: 'keep' } as const;

test("a membership is sold with today's refund rules", () => {
  expect(currentRefundPolicy(settings)).toEqual({ claimedPack: 'deny', savings: 'keep' });
});

test('the rules kept on the order win over later settings; orders sold before they were kept follow today', () => {
  expect(refundPolicyOf({ claimedPack: 'deduct-value', savings: 'deduct' }, settings)).toEqual({ claimedPack: 'deduct-value', savings: 'deduct' });
  expect(refundPolicyOf(undefined, settings)).toEqual({ claimedPack: 'deny', savings: 'keep' });
});
