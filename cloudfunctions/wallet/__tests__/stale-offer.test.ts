import { startTestStore, type TestStore } from '../../../local/testing/store-harness';
import { getAll } from '../../_kit/db';
import { walletInvariants } from '../../_payments/__tests__/invariants';

/**
 * Issue 15 item 7: an operator changes 充500送30 to 送50 while a customer's app still shows 送30.
 * The customer's confirmation carries what they were shown (`expected`); a confirmation of an offer
 * that is no longer the current one is refused with the current offer, nothing charged or credited;
 * confirming the current offer tops up exactly that, and the reply says what will be credited.
 */
let s: TestStore;
beforeAll(async () => {
  s = await startTestStore();
});
afterAll(() => s.close());

type Plan = { id: string; principalFen: number; bonusFen: number; active: boolean };

/** The operator edits one top-up plan through the settings screen's path (settings.editor → settings.update). */
async function setBonus(planId: string, bonusFen: number) {
  const editor = await s.call('op_admin', 'settings', { action: 'editor' });
  expect(editor.ok).toBe(true);
  const plans = (editor.data.settings.topUpPlans as Plan[]).map((p) => (p.id === planId ? { ...p, bonusFen } : p));
  const upd = await s.call('op_admin', 'settings', { action: 'update', settings: { ...editor.data.settings, topUpPlans: plans }, expectedVersion: editor.data.version, requestId: s.rid('set') });
  expect(upd).toMatchObject({ ok: true, data: { changed: ['topUpPlans'] } });
}

const shownPlan = async (openid: string, planId: string) => {
  const st = await s.call(openid, 'catalog', { action: 'settings' });
  return (st.data.topUpPlans as Plan[]).find((p) => p.id === planId)!;
};

describe('stale top-up offers', () => {
  test('送30 shown, operator changes to 送50: the stale confirmation is refused with the current offer; confirming 送50 credits ¥550', async () => {
    const u = 'cust_stale_offer';
    const shown = await shownPlan(u, 'topup-500');
    expect(shown).toMatchObject({ principalFen: 50_000, bonusFen: 3_000 });

    await setBonus('topup-500', 5_000);

    const before = s.documents();
    const stale = await s.call(u, 'wallet', { action: 'topUp', planId: 'topup-500', expected: { principalFen: shown.principalFen, bonusFen: shown.bonusFen }, acceptTerms: true, requestId: s.rid('tu') });
    expect(stale).toMatchObject({
      ok: false,
      error: { code: 'TOPUP_OFFER_CHANGED', details: { offer: { planId: 'topup-500', principalFen: 50_000, bonusFen: 5_000 } } },
    });
    expect(stale.error!.message).toBe('充值优惠已更新：现为充 ¥500 送 ¥50（到账 ¥550），请确认后再充值。');
    // Nothing charged or credited — nothing written at all (no order, no payment, no terms acceptance).
    expect(s.documents()).toBe(before);
    expect(await getAll(s.db(), 'orders', { openid: u })).toHaveLength(0);
    expect((await s.call(u, 'wallet', { action: 'balance' })).data).toMatchObject({ principalFen: 0, bonusFen: 0, totalFen: 0 });

    // The customer sees the new offer and confirms it.
    const offer = stale.error!.details as { offer: { principalFen: number; bonusFen: number } };
    const placed = await s.call(u, 'wallet', { action: 'topUp', planId: 'topup-500', expected: { principalFen: offer.offer.principalFen, bonusFen: offer.offer.bonusFen }, acceptTerms: true, requestId: s.rid('tu') });
    expect(placed).toMatchObject({ ok: true, data: { status: 'created', totalFen: 50_000, topUp: { principalFen: 50_000, bonusFen: 5_000 }, payment: { totalFen: 50_000 } } });
    expect((await s.pay(placed.data.payment.outTradeNo)).ok).toBe(true);
    const order = await s.call(u, 'order', { action: 'get', orderId: placed.data.orderId });
    expect(order.data).toMatchObject({ status: 'paid', topUp: { principalFen: 50_000, bonusFen: 5_000 } });
    expect((await s.call(u, 'wallet', { action: 'balance' })).data).toMatchObject({ principalFen: 50_000, bonusFen: 5_000, totalFen: 55_000 });
    const entries = (await s.call(u, 'wallet', { action: 'entries' })).data.entries;
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ type: 'topup', principalDeltaFen: 50_000, bonusDeltaFen: 5_000 });
    await walletInvariants(s.db(), u);
  });

  test('an order placed before the change keeps its offer: the retry (same request id) returns it and credits what was confirmed', async () => {
    const u = 'cust_offer_retry';
    await setBonus('topup-1000', 11_000);
    const requestId = s.rid('tu');
    const body = { action: 'topUp', planId: 'topup-1000', expected: { principalFen: 100_000, bonusFen: 11_000 }, acceptTerms: true, requestId };
    const first = await s.call(u, 'wallet', body);
    expect(first).toMatchObject({ ok: true, data: { topUp: { principalFen: 100_000, bonusFen: 11_000 } } });
    // The customer closed the cashier; meanwhile the operator changes the plan.
    await setBonus('topup-1000', 12_000);
    const retry = await s.call(u, 'wallet', body);
    expect(retry).toMatchObject({ ok: true, data: { orderId: first.data.orderId, topUp: { principalFen: 100_000, bonusFen: 11_000 } } });
    // The same request id confirming other amounts than its order's is not that order.
    const other = await s.call(u, 'wallet', { ...body, expected: { principalFen: 100_000, bonusFen: 12_000 } });
    expect(other).toMatchObject({ ok: false, error: { code: 'TOPUP_OFFER_CHANGED', details: { offer: { planId: 'topup-1000', principalFen: 100_000, bonusFen: 12_000 } } } });
    await s.pay(retry.data.payment.outTradeNo);
    expect((await s.call(u, 'wallet', { action: 'balance' })).data).toMatchObject({ principalFen: 100_000, bonusFen: 11_000 });
    await walletInvariants(s.db(), u);
  });

  test('custom amounts confirm their amount with no bonus; the old form (no expectation) still works and the reply names the amounts', async () => {
    const u = 'cust_offer_custom';
    const custom = await s.call(u, 'wallet', { action: 'topUp', amountFen: 8_800, expected: { principalFen: 8_800, bonusFen: 0 }, acceptTerms: true, requestId: s.rid('tu') });
    expect(custom).toMatchObject({ ok: true, data: { totalFen: 8_800, topUp: { principalFen: 8_800, bonusFen: 0 } } });
    const wrong = await s.call(u, 'wallet', { action: 'topUp', amountFen: 8_800, expected: { principalFen: 8_800, bonusFen: 500 }, requestId: s.rid('tu') });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'TOPUP_OFFER_CHANGED', details: { offer: { principalFen: 8_800, bonusFen: 0 } } } });
    expect(wrong.error!.message).toBe('充值优惠已更新：现为充 ¥88（无赠送），请确认后再充值。');
    const plain = await s.call(u, 'wallet', { action: 'topUp', planId: 'topup-3000', requestId: s.rid('tu') });
    expect(plain).toMatchObject({ ok: true, data: { totalFen: 300_000, topUp: { principalFen: 300_000, bonusFen: 40_000 } } });
  });
});
