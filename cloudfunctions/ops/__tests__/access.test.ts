import path from 'node:path';
import { startTestStore, type TestStore } from '../../../local/testing/store-harness';
import type { ActionTable } from '../../_kit/create-handler';
import { FUNCTIONS_ROOT, listFunctionNames } from '../../../local/gateway/functions';

/**
 * Operator access, enumerated from the action tables themselves: every `auth: 'operator'` action of
 * every deployed function answers FORBIDDEN to a signed-in customer (and UNAUTHENTICATED without
 * an identity), every `auth: 'system'` action refuses a Mini Program caller — so an action added
 * later cannot be forgotten. The role comes from settings.operators/owners only; owners alone
 * change who is an operator.
 */
let s: TestStore;
beforeAll(async () => {
  s = await startTestStore();
});
afterAll(() => s.close());

function tableOf(fn: string): ActionTable {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(path.join(FUNCTIONS_ROOT, fn, 'index.ts')) as { main?: { actions?: ActionTable }; actions?: ActionTable };
  const table = mod.main?.actions ?? mod.actions;
  if (!table) throw new Error(`cloudfunctions/${fn} exposes no action table`);
  return table;
}

const all = listFunctionNames().flatMap((fn) => Object.entries(tableOf(fn)).map(([action, def]) => ({ fn, action, ...def })));
const operatorActions = all.filter((a) => a.auth === 'operator');
const systemActions = all.filter((a) => a.auth === 'system');

test('the enumeration sees the back office (a table that lost its actions would pass vacuously)', () => {
  const names = operatorActions.map((a) => `${a.fn}.${a.action}`);
  for (const expected of ['ops.products', 'ops.saveProduct', 'ops.archiveProduct', 'ops.restoreProduct', 'ops.setStock', 'ops.imageUploadTicket', 'ops.registerImage', 'ops.orders', 'ops.shipOrder', 'ops.markOrderPickedUp', 'ops.shippingUploads', 'ops.retryShippingUpload', 'ops.audit', 'ops.launchChecklist', 'ops.confirmLaunchCheck', 'ops.giftClaims', 'ops.shipGift', 'ops.markPickedUp', 'settings.get', 'settings.editor', 'settings.update']) {
    expect(names).toContain(expected);
  }
  // The only non-operator actions of `ops`: `role` (it tells anyone whether they are one) and
  // `claimOwner` (the first owner of an ownerless store, with the deploy's one-time code).
  expect(all.filter((a) => a.fn === 'ops' && a.auth !== 'operator').map((a) => a.action)).toEqual(['role', 'claimOwner']);
  expect(systemActions.length).toBeGreaterThan(0);
});

describe.each(operatorActions.map((a) => [`${a.fn}.${a.action}`, a.fn, a.action] as const))('%s', (_name, fn, action) => {
  test('a customer gets FORBIDDEN, nothing is written', async () => {
    const before = s.documents();
    // No payload at all: the role is checked before the input is even parsed.
    const r = await s.call('cust_not_staff', fn, { action });
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(r.error!.message).toBe('仅限店铺运营人员操作。');
    expect(s.documents()).toBe(before);
  });

  test('no identity: UNAUTHENTICATED', async () => {
    const r = (await s.invoke(fn, { action }, 'wx_client')) as { ok: boolean; error?: { code: string } };
    expect(r).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });
});

describe.each(systemActions.map((a) => [`${a.fn}.${a.action}`, a.fn, a.action] as const))('%s (system)', (_name, fn, action) => {
  test('a Mini Program caller — even an operator — is refused', async () => {
    const r = (await s.invoke(fn, { action }, 'wx_client', 'op_admin')) as { ok?: boolean; error?: { code: string }; errcode?: number };
    // payCallback answers in WeChat's {errcode} shape; everything else with the envelope.
    if ('errcode' in r) expect(r.errcode).toBe(403);
    else expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('who is an operator', () => {
  test('an openid added to settings.operators by an owner gets in; removing it shuts the door again', async () => {
    const cur = (await s.call('op_admin', 'settings', { action: 'editor' })).data;
    expect(cur.isOwner).toBe(true);
    expect((await s.call('op_new', 'ops', { action: 'products' })).error?.code).toBe('FORBIDDEN');
    const add = await s.call('op_admin', 'settings', { action: 'update', settings: { ...cur.settings, operators: [...cur.settings.operators, 'op_new'] }, expectedVersion: cur.version, requestId: s.rid('ops') });
    expect(add.ok).toBe(true);
    expect((await s.call('op_new', 'ops', { action: 'role' })).data).toEqual({ operator: true, owner: false });
    expect((await s.call('op_new', 'ops', { action: 'products' })).ok).toBe(true);

    // An operator who is not an owner cannot change the staff lists (not even add themself as owner)…
    const mine = (await s.call('op_new', 'settings', { action: 'editor' })).data;
    expect(mine.isOwner).toBe(false);
    const grab = await s.call('op_new', 'settings', { action: 'update', settings: { ...mine.settings, owners: [...mine.settings.owners, 'op_new'] }, requestId: s.rid('grab') });
    expect(grab).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '只有店主可以修改运营人员名单。' } });
    // …but may change the rest.
    const edit = await s.call('op_new', 'settings', { action: 'update', settings: { ...mine.settings, refundWindowDays: 30 }, expectedVersion: mine.version, requestId: s.rid('edit') });
    expect(edit).toMatchObject({ ok: true, data: { changed: ['refundWindowDays'] } });

    const back = (await s.call('op_admin', 'settings', { action: 'editor' })).data;
    await s.call('op_admin', 'settings', { action: 'update', settings: { ...back.settings, refundWindowDays: 60, operators: back.settings.operators.filter((o: string) => o !== 'op_new') }, expectedVersion: back.version, requestId: s.rid('rm') });
    expect((await s.call('op_new', 'ops', { action: 'products' })).error?.code).toBe('FORBIDDEN');
    expect((await s.call('op_new', 'ops', { action: 'role' })).data).toEqual({ operator: false, owner: false });
  });

  test('a stale settings form is refused with CONFLICT instead of overwriting a newer change', async () => {
    const cur = (await s.call('op_admin', 'settings', { action: 'editor' })).data;
    const first = await s.call('op_admin', 'settings', { action: 'update', settings: { ...cur.settings, paymentTimeoutMinutes: 20 }, expectedVersion: cur.version, requestId: s.rid('v1') });
    expect(first.ok).toBe(true);
    const stale = await s.call('op_admin', 'settings', { action: 'update', settings: { ...cur.settings, paymentTimeoutMinutes: 45 }, expectedVersion: cur.version, requestId: s.rid('v2') });
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { currentVersion: cur.version + 1 } } });
    expect(stale.error!.message).toContain('请刷新后重新修改');
    const now = (await s.call('op_admin', 'settings', { action: 'editor' })).data;
    expect(now.settings.paymentTimeoutMinutes).toBe(20);
    await s.call('op_admin', 'settings', { action: 'update', settings: { ...now.settings, paymentTimeoutMinutes: 30 }, expectedVersion: now.version, requestId: s.rid('v3') });
  });

  test('invalid settings come back in Chinese with the path of each problem', async () => {
    const cur = (await s.call('op_admin', 'settings', { action: 'editor' })).data;
    const plans = [{ ...cur.settings.membershipPlans[0], giftPack: { ...cur.settings.membershipPlans[0].giftPack, stock: -5 } }];
    const r = await s.call('op_admin', 'settings', { action: 'update', settings: { ...cur.settings, membershipPlans: plans, lifecycleDays: { active: 90, silent: 30, sleeping: 180 } }, requestId: s.rid('bad') });
    expect(r.ok).toBe(false);
    expect(r.error!.code).toBe('INVALID_INPUT');
    expect(r.error!.message).toMatch(/^设置有误：会员方案 › 第 1 项 › 入会礼包 › 库存：.+（另有 1 处问题）。请修改后再保存。$/);
    const paths = (r.error!.details as Array<{ path: string }>).map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['membershipPlans.0.giftPack.stock', 'lifecycleDays']));
  });
});
