import { moneyCloud, SIM_OPENID, type MoneyCloud } from '../../__tests__/support/money-cloud';
import { ScriptedPay, servicesOver } from '../../__tests__/support/fake-services';
import { tierBar, tierHeadline } from '../../format/tiers';
import { RootStore } from '../root-store';

/**
 * Tiers and trials over the real service modules and the in-memory model of
 * the functions (support/money-cloud.ts), like the money stores' tests.
 */
function setup(opts: { pageSize?: number } = {}) {
  const cloud: MoneyCloud = moneyCloud({ pageSize: opts.pageSize });
  const calls: Array<{ name: string; data: Record<string, unknown> }> = [];
  const pay = new ScriptedPay();
  pay.onPaid = (no) => cloud.completePayment(no);
  const backend = async (name: string, data: Record<string, unknown>) => {
    calls.push({ name, data });
    return cloud.backend(name, data);
  };
  const root = new RootStore(servicesOver(backend, { pay }), { pay: { pollMs: 1, timeoutMs: 50 } });
  const callsOf = (key: string) => calls.filter((c) => `${c.name}.${String(c.data.action)}` === key).map((c) => c.data);
  return { cloud, pay, root, callsOf };
}

const address = { method: 'address' as const, name: '张三', phone: '13800138000', address: '上海市静安区南京西路 1 号 12 楼' };

describe('TiersStore', () => {
  test('progress at spend 0, between tiers, and past all tiers', async () => {
    const { root, cloud } = setup();
    const t = root.tiers;
    await t.load();
    expect(t.view!.tiers.map((x) => x.thresholdFen)).toEqual([500_000, 1_000_000, 5_000_000, 10_000_000]);
    expect(tierHeadline(t.view!)).toBe('再消费 ¥5,000 可领取 ¥5,000 消费礼');
    expect(t.view!.tiers.map((x) => x.status)).toEqual(['locked', 'locked', 'locked', 'locked']);
    expect(t.availableCount).toBe(0);

    cloud.setSpend(750_000);
    await t.load();
    expect(tierHeadline(t.view!)).toBe('再消费 ¥2,500 可领取 ¥10,000 消费礼');
    expect(tierBar(t.view!.qualifyingSpendFen, t.view!.tiers.map((x) => x.thresholdFen)).fillPercent).toBe(37.5);
    expect(t.view!.tiers.map((x) => x.status)).toEqual(['available', 'locked', 'locked', 'locked']);
    expect(t.availableCount).toBe(1);

    cloud.setSpend(12_000_000);
    await t.load();
    expect(tierHeadline(t.view!)).toBe('已解锁全部消费礼');
    expect(t.view!.nextGapFen).toBeNull();
    expect(t.availableCount).toBe(4);
  });

  test('claim 快递到家: the form is checked first, then confirmed, sent once, and the gift shows 待发货', async () => {
    const { root, cloud, callsOf } = setup();
    cloud.setSpend(600_000);
    const t = root.tiers;
    await t.load();

    t.openClaim('tier-10k'); // locked: no form
    expect(t.draft).toBeUndefined();
    t.openClaim('tier-5k');
    t.updateForm({ method: 'address', name: '张三', phone: '1380013', address: address.address });
    expect(t.review()).toBe(false);
    expect(t.notice).toEqual({ tone: 'error', text: '请填写收件人的 11 位手机号。' });
    t.updateForm({ phone: address.phone });
    expect(t.review()).toBe(true);
    expect(t.draft?.review).toEqual(address);
    expect(callsOf('member.claimGift')).toHaveLength(0); // nothing sent before the final confirm

    expect(await t.confirmClaim()).toBe(true);
    const [sent] = callsOf('member.claimGift');
    expect(sent).toEqual({ action: 'claimGift', giftId: 'tier-5k', requestId: expect.stringMatching(/^gift_/), delivery: address });
    expect(t.notice).toEqual({ tone: 'success', text: '「¥5,000 消费礼」领取成功，我们会尽快寄出，请留意物流信息。' });
    expect(t.draft).toBeUndefined();
    const claimed = t.tier('tier-5k')!;
    expect(claimed.status).toBe('claimed');
    expect(claimed.fulfilment?.state).toBe('pending');
    expect(claimed.delivery).toEqual(address);
    // Refreshed after the claim: the server's view, not a local guess.
    expect(callsOf('member.tiers').length).toBeGreaterThanOrEqual(2);
  });

  test('claim 到店自提 needs no fields and says how to pick it up', async () => {
    const { root, cloud, callsOf } = setup();
    cloud.setSpend(1_000_000);
    await root.tiers.load();
    root.tiers.openClaim('tier-10k');
    expect(root.tiers.review()).toBe(true);
    expect(await root.tiers.confirmClaim()).toBe(true);
    expect(callsOf('member.claimGift')[0].delivery).toEqual({ method: 'pickup' });
    expect(root.tiers.notice?.text).toBe('「¥10,000 消费礼」领取成功，请到店出示会员码自提。');
    expect(root.tiers.tier('tier-10k')?.status).toBe('claimed');
    expect(root.tiers.tier('tier-5k')?.status).toBe('available');
  });

  test('GIFT_OUT_OF_STOCK: the server message is shown, the form closes and the view reloads', async () => {
    const { root, cloud, callsOf } = setup();
    cloud.setSpend(600_000);
    cloud.state.stock.set('tier-5k', 0);
    await root.tiers.load();
    root.tiers.openClaim('tier-5k');
    root.tiers.review();
    const loadsBefore = callsOf('member.tiers').length;
    expect(await root.tiers.confirmClaim()).toBe(false);
    expect(root.tiers.notice).toEqual({ tone: 'error', text: '「¥5,000 消费礼」已领完，请联系客服为您更换等值礼品。' });
    expect(root.tiers.draft).toBeUndefined();
    expect(callsOf('member.tiers').length).toBe(loadsBefore + 1);
  });

  test('a lost reply keeps the request id: the retry reaches the same claim', async () => {
    const { root, cloud, callsOf } = setup();
    cloud.setSpend(600_000);
    await root.tiers.load();
    root.tiers.openClaim('tier-5k');
    root.tiers.review();
    cloud.failNext('member.claimGift', 'INTERNAL', '网络异常，请检查网络后重试。');
    expect(await root.tiers.confirmClaim()).toBe(false);
    expect(root.tiers.notice?.text).toBe('网络异常，请检查网络后重试。');
    // Back on the form with what was typed; confirm again.
    expect(root.tiers.draft?.giftId).toBe('tier-5k');
    expect(root.tiers.review()).toBe(true);
    expect(await root.tiers.confirmClaim()).toBe(true);
    const ids = callsOf('member.claimGift').map((d) => d.requestId);
    expect(ids).toHaveLength(2);
    expect(ids[0]).toBe(ids[1]);
  });

  test('refunds below a threshold suspend an unclaimed gift; the view says how much to regain', async () => {
    const { root, cloud } = setup();
    cloud.setSpend(600_000);
    cloud.setSpend(480_000);
    await root.tiers.load();
    expect(root.tiers.tier('tier-5k')).toMatchObject({ status: 'suspended', gapFen: 20_000 });
    root.tiers.openClaim('tier-5k');
    expect(root.tiers.draft).toBeUndefined();
  });
});

describe('TrialsStore and checkout of a trial', () => {
  test('a bought trial is 已购买过: checkout offers the full product and sends nothing', async () => {
    const { root, callsOf } = setup();
    await root.catalog.load();
    await root.trials.load();
    const c = root.checkout;
    c.start('prd_serum_trial');
    expect(c.trialUse).toBeUndefined();
    c.setQty(3);
    expect(c.qty).toBe(1); // one trial per customer: never more than one in the order
    await c.place();
    expect(c.paidOrder).toMatchObject({ totalFen: 1_800 });
    // The order changed what was bought: the trial list reloads when next needed.
    expect(root.trials.loaded).toBe(false);
    await root.trials.ensureLoaded();
    expect(root.trials.useOf('prd_serum_trial')).toMatchObject({ status: 'used', fullProductId: 'prd_serum' });

    c.start('prd_serum_trial'); // after a paid order: a fresh checkout
    expect(c.paidOrder).toBeUndefined();
    expect(c.trialUse?.status).toBe('used');
    expect(c.fullProduct?._id).toBe('prd_serum');
    const creates = callsOf('order.create').length;
    await c.place();
    expect(callsOf('order.create')).toHaveLength(creates);
    expect(c.refusal).toEqual({ code: 'TRIAL_ALREADY_USED', message: '体验装每人限购一次，您已购买过，可直接购买正装。' });
  });

  test('a refusal from the server (bought elsewhere) reloads the trial list', async () => {
    const { root, cloud, callsOf } = setup();
    await root.catalog.load();
    root.checkout.start('prd_course_trial');
    cloud.state.trials.push({ productId: 'prd_course_trial', fullProductId: 'prd_course', status: 'used', orderId: 'ord_elsewhere01' });
    await root.checkout.place();
    expect(root.checkout.refusal?.code).toBe('TRIAL_ALREADY_USED');
    await new Promise((r) => setTimeout(r, 0));
    expect(callsOf('member.trials').length).toBeGreaterThan(0);
    expect(root.checkout.trialUse?.orderId).toBe('ord_elsewhere01');
  });
});
