import { CAMPAIGN_TRANSITIONS, transitionCampaign } from '../../promotions/campaign-transitions';
import type { CampaignStatus } from '../../promotions/campaign-views';
import { ORDER_STATES, ORDER_TRANSITIONS, PAYMENT_STATES, PAYMENT_TRANSITIONS, REFUND_STATES, REFUND_TRANSITIONS } from '../states';
import { refundedState, transitionOrder, transitionPayment, transitionRefund } from '../transitions';

const CAMPAIGN_STATES = Object.keys(CAMPAIGN_TRANSITIONS) as CampaignStatus[];
const AT = 1_800_000_000_000;
const pairs = <S extends string>(states: readonly S[]) => states.flatMap((from) => states.map((to) => [from, to] as const));

/** A document that throws if anything writes to it: a refusal (or a move) must not touch what it was given. */
const frozen = <T extends object>(doc: T): T => Object.freeze({ ...doc });

describe('every move of every table, and nothing else', () => {
  test.each(pairs(ORDER_STATES))('order %s → %s', (from, to) => {
    const doc = frozen({ status: from, version: 3 });
    const r = transitionOrder(doc, to, AT);
    if (ORDER_TRANSITIONS[from].includes(to)) expect(r).toEqual({ ok: true, data: { status: to, updatedAt: AT } });
    else expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_STATE', details: { from, to } } });
    expect(doc).toEqual({ status: from, version: 3 });
  });

  test.each(pairs(PAYMENT_STATES))('payment %s → %s', (from, to) => {
    const payment = frozen({ state: from, provider: 'local' as const });
    const r = transitionPayment(payment, to);
    if (PAYMENT_TRANSITIONS[from].includes(to)) expect(r).toEqual({ ok: true, data: { state: to, provider: 'local' } });
    else expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_STATE', details: { from, to } } });
    expect(payment).toEqual({ state: from, provider: 'local' });
  });

  test.each(pairs(REFUND_STATES))('refund %s → %s', (from, to) => {
    const doc = frozen({ status: from });
    const r = transitionRefund(doc, to, AT);
    // Staying is no move (a part changed, the document did not).
    if (from === to || REFUND_TRANSITIONS[from].includes(to)) expect(r).toEqual({ ok: true, data: { status: to, updatedAt: AT } });
    else expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_STATE', details: { from, to } } });
    expect(doc).toEqual({ status: from });
  });

  test.each(pairs(CAMPAIGN_STATES))('campaign %s → %s', (from, to) => {
    const doc = frozen({ status: from });
    const r = transitionCampaign(doc, to, AT);
    if (CAMPAIGN_TRANSITIONS[from].includes(to)) expect(r).toEqual({ ok: true, data: { status: to, updatedAt: AT } });
    else expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_STATE', details: { from, to } } });
    expect(doc).toEqual({ status: from });
  });
});

describe('what the tables say about the business', () => {
  test('state never moves backwards: nothing reaches created or draft, nothing leaves refunded, cancelled, succeeded or ended', () => {
    for (const s of ORDER_STATES) expect(transitionOrder({ status: s }, 'created', AT).ok).toBe(false);
    for (const s of CAMPAIGN_STATES) expect(transitionCampaign({ status: s }, 'draft', AT).ok).toBe(false);
    for (const to of ORDER_STATES) {
      expect(transitionOrder({ status: 'refunded' }, to, AT).ok).toBe(false);
      expect(transitionOrder({ status: 'cancelled' }, to, AT).ok).toBe(false);
    }
    for (const to of PAYMENT_STATES) expect(transitionPayment({ state: 'succeeded' }, to).ok).toBe(false);
    for (const to of CAMPAIGN_STATES) expect(transitionCampaign({ status: 'ended' }, to, AT).ok).toBe(false);
    expect(transitionRefund({ status: 'succeeded' }, 'pending', AT).ok).toBe(false);
  });

  test('a payment we closed can still succeed (the close reaches WeChat after the customer paid); it is refunded, the order stays closed', () => {
    expect(transitionPayment({ state: 'closed' }, 'succeeded').ok).toBe(true);
    expect(transitionOrder({ status: 'cancelled' }, 'paid', AT).ok).toBe(false);
  });

  test('the refunded amount decides between partial and full', () => {
    expect(refundedState(500, 1_000)).toBe('partially_refunded');
    expect(refundedState(1_000, 1_000)).toBe('refunded');
    expect(transitionOrder({ status: 'partially_refunded' }, refundedState(1_000, 1_000), AT).ok).toBe(true);
  });

  test('a refusal names the states in words the operator or customer reads', () => {
    const r = transitionOrder({ status: 'paid' }, 'cancelled', AT);
    expect(!r.ok && r.error.message).toBe('订单当前为「已支付」，不能变为「已取消」，请刷新后查看。');
    const c = transitionCampaign({ status: 'ended' }, 'paused', AT);
    expect(!c.ok && c.error.message).toBe('活动当前为「已结束」，不能变为「已暂停」，请刷新后查看。');
  });

  test('a state no table knows (a document from elsewhere) is refused, not crashed on', () => {
    expect(transitionOrder({ status: 'fulfilled' as never }, 'refunded', AT)).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
  });
});
