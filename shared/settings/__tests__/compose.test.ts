import { SPEND_RULES } from '../../ledger/lots';
import { CLAIMED_PACK_POLICIES, SAVINGS_POLICIES } from '../../membership/refund';
import { COUPON_STACKINGS } from '../../promotions/pricing';
import { SETTINGS_LABELS } from '../../schemas/issues';
import { defaultSettings, settingsSchema } from '..';
import { CONTACT_OFFERS } from '../promotions';
import { SURVEY_QUESTION_KINDS } from '../survey';

describe('settings composed from one part per context', () => {
  test('every default is a fresh value: changing one parsed document never changes the next', () => {
    const a = defaultSettings();
    a.membershipPlans[0].name = 'changed';
    a.tiers[0].gift.items.push('changed');
    a.contactPolicy.active.maxPer7Days = 9;
    a.survey.questions[0].options.pop();
    a.messageTemplates.promotion.fields.title = 'changed';
    const b = defaultSettings();
    expect(b.membershipPlans[0].name).toBe('年度会员');
    expect(b.tiers[0].gift.items).toEqual(['精选礼盒']);
    expect(b.contactPolicy.active.maxPer7Days).toBe(2);
    expect(b.survey.questions[0].options).toHaveLength(4);
    expect(b.messageTemplates.promotion.fields.title).toBe('thing1');
  });

  test('a partial part keeps its own defaults (older documents, hand-written seeds)', () => {
    const s = settingsSchema.parse({ offerDepth: {}, segmentRules: { tierNearFen: 5_000 }, launchChecks: {} });
    expect(s.offerDepth).toEqual({ smallMaxPercent: 15, smallMaxAmountFen: 3_000 });
    expect(s.segmentRules).toEqual({ ironFanSpendFen: 1_000_000, tierNearFen: 5_000, memberExpiringDays: 30, engagedMinVisits: 2 });
    expect(s.launchChecks).toEqual({ baseLibrary: null });
    const { prospect: _dropped, ...fourStages } = defaultSettings().contactPolicy;
    expect(settingsSchema.parse({ contactPolicy: fourStages }).contactPolicy.prospect).toEqual({ maxPer7Days: 2, offers: 'small' });
  });

  test.each([
    ['spendRule', SPEND_RULES, (v: string) => ({ spendRule: v })],
    ['membershipRefundClaimedPack', CLAIMED_PACK_POLICIES, (v: string) => ({ membershipRefundClaimedPack: v })],
    ['membershipRefundSavings', SAVINGS_POLICIES, (v: string) => ({ membershipRefundSavings: v })],
    ['couponStacking', COUPON_STACKINGS, (v: string) => ({ couponStacking: v })],
    ['contactPolicy offers', CONTACT_OFFERS, (v: string) => ({ contactPolicy: { ...defaultSettings().contactPolicy, churned: { maxPer7Days: 1, offers: v } } })],
    ['survey question kind', SURVEY_QUESTION_KINDS, (v: string) => ({ survey: { ...defaultSettings().survey, questions: [{ ...defaultSettings().survey.questions[0], kind: v }] } })],
  ] as const)('%s offers exactly its option list', (_name, options, patch) => {
    for (const v of options) expect(settingsSchema.safeParse(patch(v)).success).toBe(true);
    expect(settingsSchema.safeParse(patch('not-an-option')).success).toBe(false);
  });

  test('every setting has a Chinese label (validation messages and the change log name it)', () => {
    expect(Object.keys(settingsSchema.shape).filter((k) => !SETTINGS_LABELS[k])).toEqual([]);
  });
});
