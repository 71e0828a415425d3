import { defaultSettings, toPublicSettings } from '@shared/settings';
import { moneyCloud, type MoneyCloud } from '../../__tests__/support/money-cloud';
import { ScriptedPay, servicesOver } from '../../__tests__/support/fake-services';
import { RootStore } from '../root-store';
import { toDelivery } from '../membership-store';

/**
 * The money stores over the real service modules and an in-memory model of the functions
 * (support/money-cloud.ts). The cashier is scripted (ScriptedPay); a "paid" cashier delivers the
 * payment callback to the model, as WeChat Pay would.
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

const settings = toPublicSettings(defaultSettings());

describe('WalletStore', () => {
  test('first top-up requires ticking the card terms; then pays and shows ¥1,100.00 (本金 + 赠送)', async () => {
    const { root, callsOf, pay } = setup();
    const w = root.wallet;
    await root.catalog.load();
    await w.load();
    expect(w.balance).toEqual({ principalFen: 0, bonusFen: 0, totalFen: 0, capFen: 500_000 });
    expect(w.needsTermsAcceptance).toBe(true);

    expect(await w.topUp(root.catalog.settings)).toBe(false);
    expect(w.notice?.text).toBe('请先选择充值方案，或输入自定义金额。');

    w.select({ kind: 'plan', planId: 'topup-1000' });
    expect(await w.topUp(root.catalog.settings)).toBe(false);
    expect(w.notice).toEqual({ tone: 'error', text: '请先阅读并勾选同意《储值卡章程》，再进行充值。' });
    expect(callsOf('wallet.topUp')).toHaveLength(0);

    w.setTermsTicked(true);
    expect(await w.topUp(root.catalog.settings)).toBe(true);
    const [sent] = callsOf('wallet.topUp');
    expect(sent).toMatchObject({ planId: 'topup-1000', acceptTerms: true });
    expect(String(sent.requestId)).toMatch(/^topup_/);
    expect(pay.calls).toHaveLength(1);
    expect(w.balance).toMatchObject({ principalFen: 100_000, bonusFen: 10_000, totalFen: 110_000 });
    expect(w.notice?.text).toBe('充值成功，¥1,100 已到账（含赠送 ¥100），当前余额 ¥1,100.00。');
    expect(w.ledger.items.map((e) => e.type)).toEqual(['topup']);
    // Accepted once: the next top-up needs no tick and does not send the flag.
    expect(w.needsTermsAcceptance).toBe(false);
    w.select({ kind: 'plan', planId: 'topup-500' });
    expect(await w.topUp(root.catalog.settings)).toBe(true);
    expect(callsOf('wallet.topUp')[1]).not.toHaveProperty('acceptTerms');
  });

  test('custom amounts are checked against the configured range before anything is sent', async () => {
    const { root, callsOf } = setup();
    const w = root.wallet;
    await w.load();
    w.setTermsTicked(true);
    w.setCustomInput('5.5');
    expect(w.choice(settings)).toEqual({ ok: false, message: '自定义金额需在 ¥10.00 至 ¥5,000.00 之间（最多两位小数），请重新输入。' });
    w.setCustomInput('88.8');
    expect(w.choice(settings)).toMatchObject({ ok: true, choice: { amountFen: 8_880 }, bonusFen: 0 });
    expect(await w.topUp(settings)).toBe(true);
    expect(callsOf('wallet.topUp')[0]).toMatchObject({ amountFen: 8_880 });
    expect(w.balance?.totalFen).toBe(8_880);
  });

  test('one request id per intent: kept across a lost reply and a closed cashier, new after success', async () => {
    const { root, cloud, pay, callsOf } = setup();
    const w = root.wallet;
    await w.load();
    w.setTermsTicked(true);
    w.select({ kind: 'plan', planId: 'topup-500' });

    cloud.failNext('wallet.topUp', 'INTERNAL', '网络异常，请检查网络后重试。');
    expect(await w.topUp(settings)).toBe(false);
    expect(w.notice).toEqual({ tone: 'error', text: '网络异常，请检查网络后重试。' });

    pay.results = [{ kind: 'cancelled' }];
    expect(await w.topUp(settings)).toBe(false);
    expect(w.notice?.text).toContain('已取消支付');

    expect(await w.topUp(settings)).toBe(true);
    const ids = callsOf('wallet.topUp').map((d) => d.requestId);
    expect(new Set(ids).size).toBe(1);
    // The retry reached the same order: one top-up credited, not two.
    expect(w.balance?.totalFen).toBe(53_000);
    expect(pay.calls[0]).toBe(pay.calls[1]);

    // Done: the selection is cleared, and choosing the same plan again is a new top-up.
    expect(w.selection).toBeUndefined();
    w.select({ kind: 'plan', planId: 'topup-500' });
    expect(await w.topUp(settings)).toBe(true);
    expect(callsOf('wallet.topUp')[3].requestId).not.toBe(ids[0]);
    expect(w.balance?.totalFen).toBe(106_000);
  });

  test('a refusal from the server is shown as sent (cap exceeded), and the next try is a new request', async () => {
    const { root, callsOf } = setup();
    const w = root.wallet;
    await w.load();
    w.setTermsTicked(true);
    w.select({ kind: 'plan', planId: 'topup-3000' });
    expect(await w.topUp(settings)).toBe(true);
    w.select({ kind: 'plan', planId: 'topup-3000' });
    expect(await w.topUp(settings)).toBe(false);
    expect(w.notice?.text).toContain('储值余额上限为 ¥5,000');
    expect(await w.topUp(settings)).toBe(false);
    const ids = callsOf('wallet.topUp').map((d) => d.requestId);
    expect(ids[1]).not.toBe(ids[2]);
  });

  test('refund: the quote first (principal back, bonus forfeited), then the refund; ledger pages with 加载更多', async () => {
    const { root, cloud } = setup({ pageSize: 2 });
    const w = root.wallet;
    await w.load();
    w.setTermsTicked(true);
    for (const plan of ['topup-500', 'topup-1000']) {
      w.select({ kind: 'plan', planId: plan });
      expect(await w.topUp(settings)).toBe(true);
    }
    const quote = await w.loadQuote();
    expect(quote).toEqual({ refundableFen: 150_000, forfeitBonusFen: 13_000 });
    expect(await w.refund()).toBe(true);
    // WeChat accepted it; the money is back when WeChat's result arrives.
    expect(w.notice?.text).toBe('退还本金 ¥1,500 已提交，微信处理中：将原路退回微信支付（零钱一般 5 分钟内、银行卡 1–3 个工作日到账），赠送金额 ¥130 已作废。');
    expect(w.balance?.totalFen).toBe(0);
    expect(cloud.state.entries).toHaveLength(4);

    expect(w.ledger.items.map((e) => e.type)).toEqual(['bonus-forfeit', 'withdraw']);
    expect(w.ledger.hasMore).toBe(true);
    await w.ledger.loadMore();
    expect(w.ledger.items.map((e) => e.type)).toEqual(['bonus-forfeit', 'withdraw', 'topup', 'topup']);
    expect(w.ledger.hasMore).toBe(false);

    // Nothing left: the quote says so instead of opening a dialog.
    expect(await w.loadQuote()).toBeUndefined();
    expect(w.notice?.text).toContain('当前没有可退还的充值本金');
  });
});

describe('MembershipStore', () => {
  test('buy → pay → active with expiry; the welcome pack is claimable; the refund quote is shown', async () => {
    const { root, callsOf } = setup();
    const m = root.membership;
    await m.load();
    expect(m.isActive).toBe(false);
    expect(await m.buy({ id: 'annual', name: '年度会员' })).toBe('paid');
    expect(callsOf('membership.buy')[0]).toMatchObject({ planId: 'annual' });
    expect(m.isActive).toBe(true);
    expect(m.notice?.text).toMatch(/^开通成功，欢迎成为年度会员，有效期至 \d{4}-\d{2}-\d{2}。$/);
    expect(m.status?.giftPack?.status).toBe('available');
    expect(m.quote).toMatchObject({ refundable: true, refundableFen: 100_000 });

    // Claim: the form is checked like the server checks it, before sending.
    expect(await m.claim({ method: 'address', name: '张三', phone: '1380000', address: '上海市静安区南京西路 1 号' })).toBe(false);
    expect(m.notice?.text).toBe('请填写收件人的 11 位手机号。');
    expect(callsOf('membership.claimPack')).toHaveLength(0);
    expect(await m.claim({ method: 'address', name: ' 张三 ', phone: '13800000000', address: '上海市静安区南京西路 1 号' })).toBe(true);
    expect(callsOf('membership.claimPack')[0]).toMatchObject({ delivery: { method: 'address', name: '张三', phone: '13800000000', address: '上海市静安区南京西路 1 号' } });
    expect(m.status?.giftPack?.status).toBe('claimed');
    expect(m.notice?.text).toContain('领取成功');
  });

  test('renewing says 续费成功; refund rolls the membership back', async () => {
    const { root } = setup();
    const m = root.membership;
    await m.load();
    await m.buy({ id: 'annual', name: '年度会员' });
    const firstExpiry = m.status!.expiresAt!;
    expect(await m.buy({ id: 'annual', name: '年度会员' })).toBe('paid');
    expect(m.notice?.text).toMatch(/^续费成功，有效期至/);
    expect(m.status!.expiresAt!).toBeGreaterThan(firstExpiry);

    expect(await m.refund()).toBe(true);
    expect(m.notice?.text).toBe('会员资格已取消，会员费 ¥1,000 退款已提交，微信处理中：将原路退回（零钱一般 5 分钟内、银行卡 1–3 个工作日到账）。');
  });

  test('a cancelled cashier keeps the order: the retry reuses the request id', async () => {
    const { root, pay, callsOf } = setup();
    const m = root.membership;
    await m.load();
    pay.results = [{ kind: 'cancelled' }];
    expect(await m.buy({ id: 'annual', name: '年度会员' })).toBe('cancelled');
    expect(m.notice).toEqual({ tone: 'info', text: '已取消支付，订单为您保留，可再次点击按钮继续支付。' });
    expect(await m.buy({ id: 'annual', name: '年度会员' })).toBe('paid');
    const ids = callsOf('membership.buy').map((d) => d.requestId);
    expect(ids[0]).toBe(ids[1]);
  });

  test('toDelivery: pickup needs nothing; address needs name, phone and a real address', () => {
    expect(toDelivery({ method: 'pickup', name: '', phone: '', address: '' })).toEqual({ ok: true, delivery: { method: 'pickup' } });
    expect(toDelivery({ method: 'pickup', name: '', phone: '123', address: '' }).ok).toBe(false);
    expect(toDelivery({ method: 'address', name: '', phone: '13800000000', address: '某某路 1 号楼' })).toEqual({ ok: false, message: '请填写收件人姓名。' });
    expect(toDelivery({ method: 'address', name: '李四', phone: '13800000000', address: '某路' })).toEqual({ ok: false, message: '请填写详细收货地址（省市区、街道和门牌号）。' });
  });
});

describe('CheckoutStore and OrdersStore', () => {
  test('member price is shown when the membership is active; balance pay is final at once', async () => {
    const { root, callsOf, pay } = setup();
    await root.catalog.load();
    const c = root.checkout;
    c.start('prd_serum');
    await root.membership.load();
    expect(c.memberPriceApplies).toBe(false);
    expect(c.estimateFen).toBe(68_800);

    await root.membership.buy({ id: 'annual', name: '年度会员' });
    expect(c.memberPriceApplies).toBe(true);
    expect(c.estimateFen).toBe(58_800);

    c.setPayWith('balance');
    await c.place();
    expect(c.refusal?.code).toBe('INSUFFICIENT_BALANCE');
    expect(c.refusal?.message).toBe('余额不足：需支付 ¥588.00，当前余额 ¥0.00。请充值或改用微信支付。');
    expect(c.paidOrder).toBeUndefined();

    root.wallet.setTermsTicked(true);
    await root.wallet.load();
    root.wallet.select({ kind: 'plan', planId: 'topup-3000' });
    expect(await root.wallet.topUp(root.catalog.settings)).toBe(true);
    const paysBefore = pay.calls.length;
    c.setQty(2);
    await c.place();
    expect(pay.calls.length).toBe(paysBefore); // no cashier for balance
    expect(c.paidOrder).toMatchObject({ totalFen: 117_600, payWith: 'balance' });
    expect(c.paidOrder?.lines[0]).toMatchObject({ memberPriceApplied: true, unitFen: 58_800, listUnitFen: 68_800, qty: 2 });
    expect(callsOf('order.create').at(-1)).toMatchObject({ items: [{ productId: 'prd_serum', qty: 2 }], payWith: 'balance' });
    // Prices never travel from the client.
    for (const d of callsOf('order.create')) expect(JSON.stringify(d)).not.toMatch(/Fen/);
  });

  test('WeChat pay: cashier then order confirmed; a closed cashier keeps the same order for the retry', async () => {
    const { root, pay, callsOf } = setup();
    await root.catalog.load();
    const c = root.checkout;
    c.start('prd_mask');
    pay.results = [{ kind: 'cancelled' }];
    await c.place();
    expect(c.notice?.tone).toBe('info');
    expect(c.paidOrder).toBeUndefined();
    await c.place();
    expect(c.paidOrder).toMatchObject({ totalFen: 12_800, payWith: 'wechat' });
    const ids = callsOf('order.create').map((d) => d.requestId);
    expect(ids[0]).toBe(ids[1]);
    expect(pay.calls[0]).toBe(pay.calls[1]);
  });

  test('members-only products are refused with the server message; orders list, pay later, cancel, refund', async () => {
    const { root, pay } = setup();
    await root.catalog.load();
    root.checkout.start('prd_essence_new');
    await root.checkout.place();
    expect(root.checkout.refusal).toEqual({ code: 'MEMBERS_ONLY_UNTIL', message: '该商品目前仅限会员抢先购买，开通会员即可购买。' });

    // Two pending WeChat orders (cashier closed), listed newest first.
    pay.results = [{ kind: 'cancelled' }, { kind: 'cancelled' }];
    root.checkout.start('prd_mask');
    await root.checkout.place();
    root.checkout.start('prd_tea');
    await root.checkout.place();
    const o = root.orders;
    await o.load();
    expect(o.orders.map((x) => x.title)).toEqual(['花草茶礼盒 ×1', '深层补水面膜（10 片） ×1']);

    await o.open(o.orders[1].orderId);
    await o.payDetail();
    expect(o.detail?.status).toBe('paid');
    expect(o.notice?.text).toBe('支付成功，实付 ¥128。');
    expect(o.orders[1].status).toBe('paid');

    expect(await o.refundDetail()).toBe(true);
    expect(o.detail?.status).toBe('refunded');
    expect(o.notice?.text).toBe('退款已提交，微信处理中：¥128 将原路退回微信支付（零钱一般 5 分钟内、银行卡 1–3 个工作日到账），到账后显示「已退款」。');
    expect(o.detail?.refunds.map((r) => r.status)).toEqual(['pending']);
    // Refunding again is refused by the server and said so.
    expect(await o.refundDetail()).toBe(false);
    expect(o.notice?.text).toBe('该订单当前不能退款，如有疑问请联系客服。');

    await o.open(o.orders[0].orderId);
    await o.cancelDetail();
    expect(o.detail?.status).toBe('cancelled');
    expect(o.notice?.text).toBe('订单已取消。');
  });

  test('account switch forgets the previous customer', async () => {
    const { root } = setup();
    await root.wallet.load();
    await root.membership.load();
    root.signOutDev();
    expect(root.wallet.balance).toBeUndefined();
    expect(root.membership.status).toBeUndefined();
    expect(root.orders.orders).toEqual([]);
  });
});
