import { moneyCloud, SIM_OPENID, type MoneyCloud } from '../../../__tests__/support/money-cloud';
import { ScriptedPay, servicesOver } from '../../../__tests__/support/fake-services';
import { RootStore } from '../../../stores/root-store';
import { FORBIDDEN_TEXT } from '../labels';
import { backOfficeOf } from '../stores/back-office';
import { checkShipForm } from '../stores/ship-form';

/**
 * 礼品发货's store (ops subpackage) and the operator role (main package) over the real service
 * modules and the in-memory model of the functions (support/money-cloud.ts); a customer's own
 * claim (TiersStore) reaches the operator's list.
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

describe('GiftClaimsStore (礼品发货)', () => {
  test('customers: no operator entry, and the list answers FORBIDDEN', async () => {
    const { root } = setup();
    await root.ops.loadRole();
    expect(root.ops.isOperator).toBe(false);
    const gifts = backOfficeOf(root).gifts;
    await gifts.list.load();
    expect(gifts.list.forbidden).toBe(true);
    expect(FORBIDDEN_TEXT).toBe('仅运营人员可访问此页面');
  });

  test('operators: tabs, paging with nextCursor, ship (checked first) and pickup move claims along', async () => {
    const { root, cloud, callsOf } = setup({ pageSize: 2 });
    cloud.state.role = { operator: true, owner: false };
    const shipMe = cloud.addClaim({ openid: 'cust_a', delivery: address });
    const pickMe = cloud.addClaim({ openid: 'cust_b', delivery: { method: 'pickup' } });
    cloud.addClaim({ openid: 'cust_c', delivery: { method: 'pickup', name: '王五', phone: '13900001111' } });
    await root.ops.loadRole();
    expect(root.ops.isOperator).toBe(true);
    const ops = backOfficeOf(root).gifts;

    await ops.list.ensureLoaded();
    expect(ops.list.items.map((c) => c.openid)).toEqual(['cust_a', 'cust_b']);
    expect(ops.list.hasMore).toBe(true);
    await ops.list.loadMore();
    expect(ops.list.items.map((c) => c.openid)).toEqual(['cust_a', 'cust_b', 'cust_c']);
    expect(ops.list.hasMore).toBe(false);
    expect(callsOf('ops.giftClaims').at(-1)).toEqual({ action: 'giftClaims', state: 'pending', cursor: 2 });

    // 发货 is for 快递到家 only; an empty tracking number never leaves the client.
    ops.openShip(pickMe.entitlementId);
    expect(ops.shipForm.draft).toBeUndefined();
    ops.openShip(shipMe.entitlementId);
    ops.shipForm.setCarrier('顺丰速运');
    expect(await ops.submitShip()).toBe(false);
    expect(ops.shipForm.error).toBe('请填写运单号。');
    expect(callsOf('ops.shipGift')).toHaveLength(0);
    ops.shipForm.setTracking('SF1234567890');
    expect(await ops.submitShip()).toBe(true);
    expect(callsOf('ops.shipGift')[0]).toEqual({ action: 'shipGift', entitlementId: shipMe.entitlementId, carrier: '顺丰速运', trackingNo: 'SF1234567890', requestId: expect.stringMatching(/^ship_/) });
    expect(ops.notice?.text).toBe('已发货：「¥5,000 消费礼」· 顺丰速运 SF1234567890。顾客可在「累计消费礼」中查看物流。');
    expect(ops.list.items.map((c) => c.openid)).toEqual(['cust_b', 'cust_c']);

    ops.openPickup(pickMe.entitlementId);
    expect(await ops.confirmPickup()).toBe(true);
    expect(ops.notice?.text).toBe('已确认自提：「¥5,000 消费礼」。');
    expect(ops.list.items.map((c) => c.openid)).toEqual(['cust_c']);

    ops.setTab('shipped');
    await new Promise((r) => setTimeout(r, 0));
    expect(ops.list.items).toHaveLength(1);
    expect(ops.list.items[0].fulfilment).toMatchObject({ state: 'shipped', carrier: '顺丰速运', trackingNo: 'SF1234567890' });
    ops.setTab('picked-up');
    await new Promise((r) => setTimeout(r, 0));
    expect(ops.list.items.map((c) => c.openid)).toEqual(['cust_b']);
  });

  test('someone else handled it first: INVALID_STATE is said and the list reloads', async () => {
    const { root, cloud } = setup();
    cloud.state.role = { operator: true, owner: true };
    const c = cloud.addClaim({ delivery: address });
    const gifts = backOfficeOf(root).gifts;
    await gifts.list.load();
    gifts.openShip(c.entitlementId);
    gifts.shipForm.setCarrier('中通快递');
    gifts.shipForm.setTracking('7300012345678');
    cloud.state.claims.get(c.entitlementId)!.fulfilment = { state: 'shipped', carrier: '顺丰速运', trackingNo: 'SF1', at: 1 };
    expect(await gifts.submitShip()).toBe(false);
    expect(gifts.notice).toEqual({ tone: 'error', text: '该礼品已处理（已发货或已自提），请刷新列表查看。' });
    expect(gifts.shipForm.draft).toBeUndefined();
    expect(gifts.list.items).toHaveLength(0);
  });

  test("the customer's own claim reaches the operator list with its delivery", async () => {
    const { root, cloud } = setup();
    cloud.setSpend(500_000);
    await root.tiers.load();
    root.tiers.openClaim('tier-5k');
    root.tiers.updateForm({ ...address });
    root.tiers.review();
    await root.tiers.confirmClaim();
    cloud.state.role = { operator: true, owner: false };
    const gifts = backOfficeOf(root).gifts;
    await gifts.list.load();
    expect(gifts.list.items).toEqual([expect.objectContaining({ openid: SIM_OPENID, giftId: 'tier-5k', delivery: address, fulfilment: { state: 'pending' } })]);
  });

  test('account switch forgets the role and the list', async () => {
    const { root, cloud } = setup();
    cloud.state.role = { operator: true, owner: false };
    cloud.addClaim({ delivery: address });
    await root.ops.loadRole();
    const gifts = backOfficeOf(root).gifts;
    await gifts.list.load();
    expect(gifts.list.items).toHaveLength(1);
    await root.tiers.load();
    root.signOutDev();
    expect(root.ops.role).toBeUndefined();
    expect(gifts.list.loaded).toBe(false);
    expect(gifts.list.items).toEqual([]);
    expect(root.tiers.view).toBeUndefined();
  });
});

describe('checkShipForm (运单 checked before anything is sent)', () => {
  test.each([
    [{ carrier: '', trackingNo: 'SF1234567890' }, '请填写快递公司。'],
    [{ carrier: '顺丰速运', trackingNo: '' }, '请填写运单号。'],
    [{ carrier: '顺丰速运', trackingNo: '   ' }, '请填写运单号。'],
    [{ carrier: '顺丰速运', trackingNo: 'SF12' }, '运单号应为 6–40 位字母、数字或 -，请核对快递面单后重试。'],
    [{ carrier: '顺丰速运', trackingNo: 'SF 1234/5678' }, '运单号应为 6–40 位字母、数字或 -，请核对快递面单后重试。'],
  ])('%j is refused: %p', (form, message) => expect(checkShipForm(form)).toEqual({ ok: false, message }));

  test('spaces inside a pasted tracking number are dropped; the carrier is trimmed', () => {
    expect(checkShipForm({ carrier: ' 顺丰速运 ', trackingNo: 'SF 1234 5678 90' })).toEqual({ ok: true, carrier: '顺丰速运', trackingNo: 'SF1234567890' });
  });
});
