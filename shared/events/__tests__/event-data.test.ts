import { EVENT_TYPES, InvalidEventData, validEvent, type DomainEvent } from '../domain-event';
import { EVENT_DATA_SCHEMAS } from '../event-data';
import { INTERACTION_EVENT_TYPES, MONEY_EVENT_TYPES } from '../../schemas/event';

const envelope = { _id: 'evt_x', openid: 'o1', at: 1, amounts: { totalFen: 0, cashFen: 0, principalFen: 0, bonusFen: 0 }, qualifyingDeltaFen: 0, productKinds: [] };
const ev = (type: string, data?: unknown) => ({ ...envelope, type, ...(data === undefined ? {} : { data }) }) as DomainEvent;

/** One well-formed `data` per type, as its writer builds it. */
const SAMPLES: Record<(typeof EVENT_TYPES)[number], unknown> = {
  'order.paid': { couponId: 'cpn_1', couponFen: 2_000 },
  'order.refunded': { fullRefund: true, orderPaidAt: 1, orderQualifying: true },
  'wallet.topup': { principalFen: 50_000, bonusFen: 3_000 },
  'wallet.refunded': { forfeitBonusFen: 1_200, overCap: true, orderId: 'ord_1' },
  'membership.purchased': { planId: 'annual', termDays: 365, startsAt: 1, expiresAt: 2, membershipVersion: 1, activeTerms: 1 },
  'membership.refunded': { planId: 'annual', deductFen: 0, savingsFen: 0, packVoided: true, expiresAt: 1, membershipVersion: 2, activeTerms: 0 },
  'gift.claimed': { giftId: 'g1', source: 'tier', valueFen: 150_000, costFen: 60_000, delivery: 'pickup' },
  'customer.visited': { day: '2027-01-15' },
  'survey.answered': { answers: [{ questionId: 'q1', optionIds: ['a'], tags: ['skin'] }] },
  'coupon.claimed': { couponId: 'cpn_1', templateId: 'tpl_1' },
  'message.opened': { messageId: 'msg_1', kind: 'promotion', campaignId: 'cmp_1' },
  'followup.contacted': { listId: 'ful_1', contactId: 'fct_1', goal: 'trial-to-full', channel: 'phone', outcome: 'interested', facts: [{ key: 'mentioned-price', value: 2 }, { key: 'asked-validity', value: true }] },
  'lifecycle.changed': { from: null, to: 'life:new', cause: 'time' },
};

describe('event data schemas', () => {
  test('every event type has a schema, and the consumer lists name only known types', () => {
    expect(EVENT_TYPES).toEqual(Object.keys(EVENT_DATA_SCHEMAS));
    expect(EVENT_TYPES).toHaveLength(13);
    for (const t of [...MONEY_EVENT_TYPES, ...INTERACTION_EVENT_TYPES]) expect(EVENT_TYPES).toContain(t);
  });

  test.each(EVENT_TYPES)('%s: its writer\'s data passes, an unknown field, a wrong type or a fraction of a fen is refused', (type) => {
    const good = SAMPLES[type] as Record<string, unknown>;
    expect(validEvent(ev(type, good))).toEqual(ev(type, good));
    expect(() => validEvent(ev(type, { ...good, stray: 1 }))).toThrow(InvalidEventData);
    const [key, value] = Object.entries(good)[0];
    expect(() => validEvent(ev(type, { ...good, [key]: typeof value === 'number' ? 'x' : 12.5 }))).toThrow(InvalidEventData);
  });

  test('money in data is integer fen', () => {
    expect(() => validEvent(ev('order.paid', { couponFen: 19.9 }))).toThrow(/couponFen/);
  });

  test('an event of an unknown type is refused; an old event without data passes (consumers fall back)', () => {
    expect(() => validEvent(ev('order.shipped'))).toThrow(InvalidEventData);
    expect(validEvent(ev('order.paid'))).toEqual(ev('order.paid'));
  });
});
