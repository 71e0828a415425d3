import { startTestStore, type TestStore } from '../../../local/testing/store-harness';
import { getById, type Db } from '../../_kit/db';
import { createLogger } from '../../_kit/logger';
import { idFromKey } from '../../_kit/ids';
import { runInTransaction } from '../../_kit/transaction';
import { customerCounterIdOf } from '../../_coupons/docs';
import { reservationIdFor } from '../../_orders/trial-reservations';
import { deleteAccount } from '../../_privacy/delete-account';
import { jobIdOf, openJob } from '../../_deletion/job';
import { collectionNames } from '../../../shared/schemas/indexes';
import { customerKeyOf } from '../../../shared/trials/eligibility';
import { COLL } from '../../_kit/collections';

/**
 * Issue 15 items 1 and 6, through the real handlers, SDK and emulator:
 *   - a deletion under way refuses every money action of that customer (one guard read inside the
 *     transaction that writes the money), and a payment that still arrives for an order placed just
 *     before the deletion began stops the deletion in a visible `blocked` state instead of leaving
 *     principal on a pseudonymous wallet or paid goods without an address;
 *   - the one-trial-per-customer rule and per-customer coupon limits survive a deletion (a keyed,
 *     non-reversible marker), while no document keeps the openid.
 */
jest.setTimeout(180_000);

let s: TestStore;
beforeAll(async () => {
  s = await startTestStore();
});
afterAll(() => s.close());

const OP = 'op_admin';
const ADDRESS = { method: 'address', name: '吴小满', phone: '13987654321', address: '杭州市西湖区文三路 99 号 8 楼' } as const;

const ok = <T = any>(r: { ok: boolean; data: T; error?: unknown }): T => {
  expect(r.error).toBeUndefined();
  return r.data;
};

async function everything(db: Db): Promise<Array<{ collection: string; doc: Record<string, unknown> }>> {
  const out: Array<{ collection: string; doc: Record<string, unknown> }> = [];
  for (const name of collectionNames()) {
    for (let skip = 0; ; skip += 1000) {
      const res = (await db.collection(name).skip(skip).limit(1000).get()) as { data: Array<Record<string, unknown>> };
      for (const doc of res.data) out.push({ collection: name, doc });
      if (res.data.length < 1000) break;
    }
  }
  return out;
}
const holding = async (needle: string) => (await everything(s.db())).filter((d) => JSON.stringify(d.doc).includes(needle));

async function buy(openid: string, productId: string, extra: Record<string, unknown> = {}) {
  const d = ok(await s.call(openid, 'order', { action: 'create', items: [{ productId, qty: 1 }], payWith: 'wechat', requestId: s.rid('buy'), ...extra }));
  if (d.payment) expect((await s.pay(d.payment.outTradeNo)).ok).toBe(true);
  return d.orderId as string;
}
const shipOrder = (orderId: string) => s.call(OP, 'ops', { action: 'shipOrder', orderId, carrier: 'SF', trackingNo: `SF${Date.now()}${Math.floor(Math.random() * 1000)}`, requestId: s.rid('ship') });
const ctxOf = (openid: string) => ({ db: s.db(), now: () => Date.now(), caller: { openid, source: 'client' as const }, openid, requestId: 'req_guard', log: createLogger(), fn: 'privacy', settings: async () => (await s.call(OP, 'settings', { action: 'get' })).data });
const privacy = (openid: string, body: Record<string, unknown>) => s.call(openid, 'privacy', body);

async function deleteToEnd(openid: string, requestId: string) {
  for (let i = 0; i < 50; i++) {
    const r = await privacy(openid, { action: 'deleteAccount', confirm: true, requestId });
    if (!r.ok || r.data.state === 'done') return r;
  }
  throw new Error('deletion did not finish');
}

async function claimableTemplate(name: string) {
  const tpl = ok(await s.call(OP, 'coupon', { action: 'saveTemplate', template: { name, offer: { code: 'amount-off', args: { amountFen: 500 } }, minSpendFen: 0, validity: { kind: 'days', days: 30 }, perCustomerLimit: 1, nextPurchaseOnly: false, claimable: true }, requestId: s.rid('cpt') }));
  return tpl.templateId as string;
}

describe('a deletion under way refuses the customer\'s money actions', () => {
  const u = 'zq_guard_running';
  let template: string;
  let pickedUp: string;

  beforeAll(async () => {
    ok(await s.call(u, 'customer', { action: 'visit' }));
    // Old orders, handed over (nothing stands in the way of deleting).
    for (let i = 0; i < 3; i++) {
      const id = await buy(u, 'prd_tea', { delivery: { method: 'pickup' } });
      ok(await s.call(OP, 'ops', { action: 'markOrderPickedUp', orderId: id, requestId: s.rid('pk') }));
      pickedUp = id;
    }
    // A membership (its welcome pack unclaimed: it ends with the account, it does not block).
    const m = ok(await s.call(u, 'membership', { action: 'buy', planId: 'annual', requestId: s.rid('mem') }));
    expect((await s.pay(m.payment.outTradeNo)).ok).toBe(true);
    template = await claimableTemplate('注销中领券');
    expect(ok(await privacy(u, { action: 'summary' })).blockers).toEqual([]);
  });

  test('top-up, every kind of order, membership, gift pack, coupon and refunds: ACCOUNT_DELETION_IN_PROGRESS, nothing written', async () => {
    const pack = ok(await s.call(u, 'membership', { action: 'status' })).giftPack.entitlementId as string;
    // The deletion starts (one step, then the customer goes on using the app).
    expect(await deleteAccount({ confirm: true, requestId: 'del_req_guard_run' }, ctxOf(u), { budgetMs: 0 })).toMatchObject({ ok: true, data: { state: 'running' } });
    const docs = s.documents();
    const attempts: Array<[string, string, Record<string, unknown>]> = [
      ['topUp', 'wallet', { action: 'topUp', planId: 'topup-500', acceptTerms: true, requestId: s.rid('tu') }],
      ['order wechat', 'order', { action: 'create', items: [{ productId: 'prd_cream', qty: 1 }], payWith: 'wechat', delivery: ADDRESS, requestId: s.rid('o1') }],
      ['order balance', 'order', { action: 'create', items: [{ productId: 'prd_tea', qty: 1 }], payWith: 'balance', delivery: { method: 'pickup' }, requestId: s.rid('o2') }],
      ['order combined', 'order', { action: 'create', items: [{ productId: 'prd_cream', qty: 1 }], payWith: 'combined', balanceFen: 100, delivery: ADDRESS, requestId: s.rid('o3') }],
      ['membership', 'membership', { action: 'buy', planId: 'annual', requestId: s.rid('m2') }],
      ['gift pack', 'membership', { action: 'claimPack', entitlementId: pack, delivery: ADDRESS, requestId: s.rid('pk2') }],
      ['coupon', 'coupon', { action: 'claim', templateId: template, requestId: s.rid('cl') }],
      ['order refund', 'order', { action: 'refund', orderId: pickedUp, requestId: s.rid('rf') }],
      ['membership refund', 'membership', { action: 'refund', requestId: s.rid('mrf') }],
      ['wallet refund', 'wallet', { action: 'refund', requestId: s.rid('wrf') }],
    ];
    for (const [what, fn, body] of attempts) {
      const r = await s.call(u, fn, body);
      expect({ what, code: r.error?.code }).toEqual({ what, code: 'ACCOUNT_DELETION_IN_PROGRESS' });
      expect(r.error!.message).toMatch(/^账号正在注销/);
      expect(r.error!.message).toContain('注销完成后');
    }
    expect(s.documents()).toBe(docs);
  });

  test('the deletion then finishes with nothing of the customer left', async () => {
    expect(await s.trigger('privacy')).toMatchObject({ ok: true, data: { finished: 1 } });
    expect(await holding(u)).toEqual([]);
    // A new customer under the same openid may shop again.
    expect((await s.call(u, 'wallet', { action: 'topUp', planId: 'topup-500', acceptTerms: true, requestId: s.rid('tu2') })).ok).toBe(true);
  });
});

describe('money that arrives for an order placed just before the deletion began', () => {
  const u = 'zq_guard_race';
  let order: string;
  let topUpOrder: string;
  const requestId = 'del_req_guard_race';

  test('stops the deletion as blocked: the principal stays on the customer\'s wallet, the paid order keeps its address', async () => {
    for (let i = 0; i < 3; i++) {
      const id = await buy(u, 'prd_tea', { delivery: { method: 'pickup' } });
      ok(await s.call(OP, 'ops', { action: 'markOrderPickedUp', orderId: id, requestId: s.rid('pk') }));
    }
    // Both placed while the deletion's check ran (it found nothing unpaid), then the job opened.
    const o = ok(await s.call(u, 'order', { action: 'create', items: [{ productId: 'prd_cream', qty: 1 }], payWith: 'wechat', delivery: ADDRESS, requestId: s.rid('race') }));
    const t = ok(await s.call(u, 'wallet', { action: 'topUp', planId: 'topup-500', acceptTerms: true, requestId: s.rid('racetu') }));
    order = o.orderId;
    topUpOrder = t.orderId;
    await runInTransaction(s.db(), (tx) => openJob(tx, u, requestId, Date.now()));
    // WeChat's callbacks arrive while the deletion runs: the money is real, it is applied.
    expect((await s.pay(o.payment.outTradeNo)).ok).toBe(true);
    expect((await s.pay(t.payment.outTradeNo)).ok).toBe(true);

    const r = await deleteToEnd(u, requestId);
    expect(r.error).toMatchObject({ code: 'ACCOUNT_DELETION_BLOCKED', details: { state: 'blocked' } });
    expect(r.error!.message).toContain('账号注销已暂停');
    const codes = (r.error!.details as { blockers: Array<{ code: string }> }).blockers.map((b) => b.code);
    expect(codes).toEqual(expect.arrayContaining(['BALANCE_OUTSTANDING', 'AWAITING_SHIPMENT']));
    // Visible on the job, with the reasons.
    expect(await getById(s.db(), COLL.privacy_requests, jobIdOf(u))).toMatchObject({ state: 'blocked', blockers: expect.arrayContaining([expect.objectContaining({ code: 'BALANCE_OUTSTANDING' })]) });
    expect(ok(await privacy(u, { action: 'summary' }))).toMatchObject({ deletionRunning: true, blockers: expect.arrayContaining([expect.objectContaining({ code: 'AWAITING_SHIPMENT' })]) });
    // Nothing of it went to the pseudonym.
    expect(await getById(s.db(), 'orders', order)).toMatchObject({ openid: u, status: 'paid', delivery: ADDRESS, fulfilment: { state: 'pending' } });
    expect(ok(await s.call(u, 'wallet', { action: 'balance' }))).toMatchObject({ principalFen: 50_000 });
    // Spending stays refused while the deletion waits; the message says why and what happens.
    const again = await s.call(u, 'order', { action: 'create', items: [{ productId: 'prd_tea', qty: 1 }], payWith: 'balance', delivery: { method: 'pickup' }, requestId: s.rid('b') });
    expect(again.error?.code).toBe('ACCOUNT_DELETION_IN_PROGRESS');
    expect(again.error!.message).toContain('已暂停');
    // The timer does not spin on it before it is due again.
    expect(await s.trigger('privacy')).toMatchObject({ ok: true, data: { continued: 0 } });
  });

  test('once settled (stored value refunded, the order shipped) the same request finishes the deletion', async () => {
    // Refunds are how a paused deletion is settled: allowed while it waits.
    const wr = ok(await s.call(u, 'wallet', { action: 'refund', requestId: s.rid('wr') }));
    await s.refundResults();
    expect((await getById<any>(s.db(), 'refunds', wr.refundId))!.status).toBe('succeeded');
    expect((await shipOrder(order)).ok).toBe(true);
    const r = await deleteToEnd(u, requestId);
    expect(r.error).toBeUndefined();
    expect(r.data.state).toBe('done');
    expect(await holding(u)).toEqual([]);
    expect(await holding(ADDRESS.phone)).toEqual([]);
    const kept = (await getById<any>(s.db(), 'orders', topUpOrder))!;
    expect(kept.openid).toMatch(/^del_/);
    expect(kept.refundedFen).toBe(50_000);
  });
});

describe('limits survive a deletion (issue 15 #6)', () => {
  const u = 'zq_guard_again';

  test('trial bought and a limit-1 coupon claimed, account deleted: the same person gets neither again', async () => {
    const template = await claimableTemplate('每人一张');
    await buy(u, 'prd_course_trial');
    ok(await s.call(u, 'coupon', { action: 'claim', templateId: template, requestId: s.rid('c1') }));
    const r = await deleteToEnd(u, s.rid('del'));
    expect(r.data?.state).toBe('done');
    expect(await holding(u)).toEqual([]);

    const trial = await s.call(u, 'order', { action: 'create', items: [{ productId: 'prd_course_trial', qty: 1 }], payWith: 'wechat', requestId: s.rid('t2') });
    expect(trial.error?.code).toBe('TRIAL_ALREADY_USED');
    const coupon = await s.call(u, 'coupon', { action: 'claim', templateId: template, requestId: s.rid('c2') });
    expect(coupon.error?.code).toBe('COUPON_LIMIT_REACHED');
    expect(ok(await s.call(u, 'coupon', { action: 'claimable' })).templates.find((t: { templateId: string }) => t.templateId === template)).toMatchObject({ canClaim: false, note: '已领取' });

    // The marker is a keyed hash: not the ids anyone can compute from the openid.
    const markers = (await everything(s.db())).filter((d) => d.collection === 'limit_markers');
    expect(markers.length).toBeGreaterThanOrEqual(2);
    const plain = [reservationIdFor(customerKeyOf({ openid: u }), 'prd_course_trial'), customerCounterIdOf(template, u), idFromKey('lmk', 'trial', customerKeyOf({ openid: u }), 'prd_course_trial')];
    for (const m of markers) {
      expect(plain).not.toContain(m.doc._id);
      expect(JSON.stringify(m.doc)).not.toContain(u);
    }
    // Someone else still gets both.
    await buy('zq_guard_fresh', 'prd_course_trial');
    ok(await s.call('zq_guard_fresh', 'coupon', { action: 'claim', templateId: template, requestId: s.rid('c3') }));
  });
});
