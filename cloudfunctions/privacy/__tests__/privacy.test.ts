import { startTestStore, type TestStore } from '../../../local/testing/store-harness';
import { firstThreePurchaseTemplate } from '../../../shared/promotions/campaign';
import { COLLECTIONS, collectionNames } from '../../../shared/schemas/indexes';
import { businessDate } from '../../../shared/time';
import { deliveryIdOf, grantIdOf } from '../../_campaigns/docs';
import { couponIdFor, customerCounterIdOf } from '../../_coupons/docs';
import { getById, type Db } from '../../_kit/db';
import { createLogger } from '../../_kit/logger';
import { reservationIdFor } from '../../_orders/trial-reservations';
import { tierEntitlementId } from '../../_gifts/tier-gifts';
import { walletInvariants } from '../../_payments/__tests__/invariants';
import { PRIVACY_COVERAGE } from '../../_privacy/coverage';
import { RECOMPUTE_GROUPS } from '../../_segments/recompute';
import { main as privacyMain } from '../index';

/**
 * Privacy rights (PIPL, issue 7) through the real handlers, SDK and emulator: a customer who has
 * done everything the shop offers (survey, top-up, orders shipped to an address, membership and its
 * pack, a tier gift, coupons claimed / granted / used, a trial, a campaign message opened, a WeCom
 * tag sync) sees it summarised, exports every document of theirs and nothing of anyone else's, is
 * refused deletion while holding a balance, refunds it, deletes — and afterwards no document
 * anywhere holds their openid or unionid, reports and liability add up as before, the anonymised
 * wallet keeps its ledger invariant, and the same openid is a brand-new customer.
 */
jest.setTimeout(180_000);

let s: TestStore;
beforeAll(async () => {
  s = await startTestStore();
});
afterAll(() => s.close());

const OP = 'op_admin';
const U = 'zq_privacy_person';
const UNION = 'zq_union_of_person';
const OTHER = 'zq_bystander';
const ADDRESS = { method: 'address', name: '周小青', phone: '13812345678', address: '上海市徐汇区漕溪北路 88 号 1201 室' } as const;

const ok = <T = any>(r: { ok: boolean; data: T; error?: unknown }): T => {
  expect(r.error).toBeUndefined();
  return r.data;
};

/** Every document of every declared collection (a test may scan; the code under test may not). */
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

async function buy(openid: string, productId: string, extra: Record<string, unknown> = {}, unionid?: string) {
  const body = { action: 'create', items: [{ productId, qty: 1 }], payWith: 'wechat', requestId: s.rid('buy'), ...extra };
  const r = unionid ? ((await s.invoke('order', body, 'wx_client', openid, unionid)) as { ok: boolean; data: any; error?: unknown }) : await s.call(openid, 'order', body);
  const d = ok(r);
  if (d.payment) expect((await s.pay(d.payment.outTradeNo)).ok).toBe(true);
  return d.orderId as string;
}
const shipOrder = async (orderId: string) => ok(await s.call(OP, 'ops', { action: 'shipOrder', orderId, carrier: 'SF', trackingNo: `SF${Date.now()}${Math.floor(Math.random() * 1000)}`, requestId: s.rid('ship') }));
const shipGift = async (entitlementId: string) => ok(await s.call(OP, 'ops', { action: 'shipGift', entitlementId, carrier: '顺丰速运', trackingNo: `SF${Date.now()}9`, requestId: s.rid('gship') }));
async function topUp(openid: string) {
  const d = ok(await s.call(openid, 'wallet', { action: 'topUp', planId: 'topup-1000', acceptTerms: true, requestId: s.rid('tu') }));
  expect((await s.pay(d.payment.outTradeNo)).ok).toBe(true);
}
const privacy = (openid: string, body: Record<string, unknown>) => s.call(openid, 'privacy', body);

async function exportAll(openid: string) {
  const docs: Array<{ collection: string; label: string; document: Record<string, unknown> }> = [];
  let cursor: string | undefined;
  for (let i = 0; i < 100; i++) {
    const page = ok(await privacy(openid, { action: 'export', ...(cursor ? { cursor } : {}) }));
    expect(page.openid).toBe(openid);
    docs.push(...page.documents);
    if (!page.nextCursor) return docs;
    cursor = page.nextCursor;
  }
  throw new Error('export did not end');
}

async function deleteToEnd(openid: string, requestId: string) {
  for (let i = 0; i < 50; i++) {
    const r = await privacy(openid, { action: 'deleteAccount', confirm: true, requestId });
    if (!r.ok || r.data.state === 'done') return r;
  }
  throw new Error('deletion did not finish');
}

const today = () => businessDate(Date.now());
async function reportTotals() {
  // A read folds owed money events first; read until nothing is owed so both sides compare settled figures.
  let o = ok(await s.call(OP, 'report', { action: 'overview', from: today(), to: today() }));
  for (let i = 0; i < 10 && o.catchingUp; i++) o = ok(await s.call(OP, 'report', { action: 'overview', from: today(), to: today() }));
  const l = ok(await s.call(OP, 'report', { action: 'liability', from: today(), to: today() }));
  return { totals: o.totals, liability: l.now };
}

const ids: Record<string, string> = {};

/** The customer who used everything. Built once; the tests below read it in order. */
beforeAll(async () => {
  // Survey, visit, subscription grants.
  ok(await s.call(U, 'customer', { action: 'visit' }));
  // A cart and a member card: both hold the openid and go with the account.
  ok(await s.call(U, 'cart', { action: 'set', productId: 'prd_tea', qty: 1 }));
  ok(await s.call(U, 'member', { action: 'code' }));
  ok(await s.call(U, 'customer', { action: 'answerSurvey', answers: [{ questionId: 'industry', optionIds: ['beauty'] }], requestId: s.rid('sv') }));
  ok(await s.call(U, 'messages', { action: 'subscribeResult', results: { promotion: 'accept', renewal: 'accept' }, requestId: s.rid('sub') }));
  // Stored value, then a balance order shipped to an address (refunded later: money back into the lot).
  await topUp(U);
  const balanceOrder = ok(await s.call(U, 'order', { action: 'create', items: [{ productId: 'prd_mask', qty: 1 }], payWith: 'balance', delivery: ADDRESS, requestId: s.rid('bal') }));
  ids.balanceOrder = balanceOrder.orderId;
  await shipOrder(ids.balanceOrder);
  // A WeChat order placed with a unionid in the context, shipped by SF (the upload carries the receiver's masked phone).
  ids.unionOrder = await buy(U, 'prd_serum', { delivery: ADDRESS }, UNION);
  await shipOrder(ids.unionOrder);
  // Membership and its welcome pack, shipped.
  const m = ok(await s.call(U, 'membership', { action: 'buy', planId: 'annual', requestId: s.rid('mem') }));
  expect((await s.pay(m.payment.outTradeNo)).ok).toBe(true);
  const st = ok(await s.call(U, 'membership', { action: 'status' }));
  ok(await s.call(U, 'membership', { action: 'claimPack', entitlementId: st.giftPack.entitlementId, delivery: ADDRESS, requestId: s.rid('pack') }));
  await shipGift(st.giftPack.entitlementId);
  // The course passes the first tier: its gift (an id derived from the openid) claimed and shipped.
  await buy(U, 'prd_course');
  const tiers = ok(await s.call(U, 'member', { action: 'tiers' }));
  ids.giftId = tiers.tiers[0].giftId;
  expect(tiers.tiers[0].status).toBe('available');
  ok(await s.call(U, 'member', { action: 'claimGift', giftId: ids.giftId, delivery: ADDRESS, requestId: s.rid('gift') }));
  await shipGift(tierEntitlementId(U, ids.giftId));
  // Coupons: one granted by an operator (the audit trail names the customer), one claimed; the claimed one is used.
  const tpl = ok(await s.call(OP, 'coupon', { action: 'saveTemplate', template: { name: '隐私测试券', offer: { code: 'amount-off', args: { amountFen: 1_000 } }, minSpendFen: 5_000, validity: { kind: 'days', days: 30 }, perCustomerLimit: 3, nextPurchaseOnly: false, claimable: true }, requestId: s.rid('cpt') }));
  ids.template = tpl.templateId;
  ids.grantRequest = s.rid('grant');
  ok(await s.call(OP, 'coupon', { action: 'issue', templateId: ids.template, openid: U, requestId: ids.grantRequest }));
  ids.claimRequest = s.rid('claim');
  ok(await s.call(U, 'coupon', { action: 'claim', templateId: ids.template, requestId: ids.claimRequest }));
  ids.usedCoupon = couponIdFor(ids.template, U, `claim:${ids.claimRequest}`);
  ids.couponOrder = await buy(U, 'prd_mask', { delivery: ADDRESS, couponId: ids.usedCoupon });
  await shipOrder(ids.couponOrder);
  // A trial (one per customer).
  ids.trialOrder = await buy(U, 'prd_course_trial');
  // A campaign message, opened.
  const now = Date.now();
  const c = { ...firstThreePurchaseTemplate(now - 1_000), conditions: [{ code: 'in-segments', args: { anyOf: [['tag:industry-beauty']] } }], holdoutPercent: 0 };
  ids.campaign = ok(await s.call(OP, 'campaign', { action: 'create', campaign: c, requestId: s.rid('cmp') }))._id;
  for (let i = 0; i < 20; i++) if (ok(await s.call(OP, 'campaign', { action: 'launch', campaignId: ids.campaign, requestId: s.rid('launch') })).status !== 'launching') break;
  const inbox = ok(await s.call(U, 'messages', { action: 'inbox' }));
  expect(inbox.items.length).toBeGreaterThan(0);
  ok(await s.call(U, 'messages', { action: 'open', messageId: inbox.items[0].messageId }));
  // A WeCom tag sync of a segment the customer is in.
  let job = ok(await s.call(OP, 'segment', { action: 'syncTags', key: 'tag:industry-beauty', tagId: 'etPrivacy01', requestId: (ids.sync = s.rid('sync')) }));
  for (let i = 0; i < 10 && job.more; i++) job = ok(await s.call(OP, 'segment', { action: 'syncTags', key: 'tag:industry-beauty', tagId: 'etPrivacy01', requestId: ids.sync }));
  // The balance order comes back into stored value.
  ok(await s.call(U, 'order', { action: 'refund', orderId: ids.balanceOrder, requestId: s.rid('rf') }));

  // Someone else, whose data must not be touched.
  ok(await s.call(OTHER, 'customer', { action: 'visit' }));
  await topUp(OTHER);
  ids.otherOrder = await buy(OTHER, 'prd_mask', { delivery: ADDRESS });
  ok(await s.call(OTHER, 'coupon', { action: 'claim', templateId: ids.template, requestId: s.rid('oc') }));
});

describe('the coverage table', () => {
  test('has a row for every declared collection (a new collection must say what it holds about customers)', () => {
    expect(Object.keys(PRIVACY_COVERAGE).sort()).toEqual(collectionNames().sort());
  });

  test('every customer-owned collection is found through an index it leads (never a scan) or by id', () => {
    for (const [name, c] of Object.entries(PRIVACY_COVERAGE)) {
      const needsFinder = ['delete', 'anonymise', 'mixed'].includes(c.treatment);
      expect({ name, finder: Boolean(c.find) }).toEqual({ name, finder: needsFinder });
      if (c.find?.kind !== 'field') continue;
      const decl = COLLECTIONS.find((d) => d.name === name)!;
      const field = c.find.field;
      expect({ name, leads: decl.indexes.some((i) => Object.keys(i.keys)[0] === field) }).toEqual({ name, leads: true });
    }
  });

  test('every collection that holds the customer\'s openid after they used everything is one the table deletes, anonymises or redacts', async () => {
    const found = new Set((await holding(U)).map((d) => d.collection));
    expect(found.size).toBeGreaterThan(15);
    for (const name of found) expect({ name, treatment: PRIVACY_COVERAGE[name].treatment }).not.toMatchObject({ treatment: expect.stringMatching(/^(none|operator)$/) });
  });
});

describe('see and export', () => {
  test('customer actions only reach the caller; the timer\'s sweep is the timer\'s alone', async () => {
    expect(privacyMain.actions).toEqual({ summary: { auth: 'customer' }, export: { auth: 'customer' }, deleteAccount: { auth: 'customer' }, sweep: { auth: 'system', sources: ['timer'] } });
    expect((await privacy(U, { action: 'sweep' })).error?.code).toBe('FORBIDDEN');
  });

  test('summary: what we hold, in Chinese, with counts and what deleting does to each', async () => {
    const sum = ok(await privacy(U, { action: 'summary' }));
    const g = Object.fromEntries(sum.groups.map((x: { key: string }) => [x.key, x]));
    expect(g.survey).toMatchObject({ label: '问卷回答', count: 1, onDelete: 'delete' });
    expect(g.orders.count).toBeGreaterThanOrEqual(6);
    expect(g.orders.detail).toContain('含收货人姓名、电话和地址');
    expect(g.orders.onDeleteText).toBe('匿名保留，收货人姓名、电话、地址删除');
    expect(g.gifts.detail).toContain('已领取 2 份');
    expect(g.coupons).toMatchObject({ count: 2, detail: '已使用 1 张', onDelete: 'mixed' });
    expect(g.membership.detail).toMatch(/^有效期至 \d{4}-\d{2}-\d{2}$/);
    // The address book: the one address every 快递到家 order and the shipped gifts used.
    expect(g.addresses).toMatchObject({ label: '常用收货地址', count: 1, onDelete: 'delete' });
    expect(g.trials.count).toBe(1);
    expect(g.messages.count).toBeGreaterThan(0);
    expect(g.wecom.count).toBeGreaterThan(0);
    expect(g.wallet.detail).toContain('余额 ¥1,100');
    // The balance holds principal: deletion is blocked, with what to do next.
    expect(sum.blockers).toEqual([{ code: 'BALANCE_OUTSTANDING', message: expect.stringContaining('请先到「钱包 → 申请退还储值」'), go: 'wallet' }]);
    expect(sum.warnings.join('')).toContain('会员权益立即终止');
    expect(sum.deletionRunning).toBe(false);
  });

  test('export: every document of the caller exactly as stored, and nothing of anyone else', async () => {
    const exported = await exportAll(U);
    const key = (c: string, id: unknown) => `${c}/${String(id)}`;
    const got = new Set(exported.map((d) => key(d.collection, d.document._id)));
    expect(got.size).toBe(exported.length);
    const all = await everything(s.db());
    const own = all.filter((d) => {
      const c = PRIVACY_COVERAGE[d.collection];
      return c.find && JSON.stringify(d.doc).includes(U);
    });
    // The wallet's ledger entries name the wallet (wal_<openid>), so they are in `own` too.
    expect(own.length).toBeGreaterThan(40);
    for (const d of own) expect(got).toContain(key(d.collection, d.doc._id));
    for (const d of exported) {
      expect(JSON.stringify(d.document)).not.toContain(OTHER);
      const stored = all.find((x) => x.collection === d.collection && x.doc._id === d.document._id)!;
      expect(d.document).toEqual(stored.doc);
    }
    expect(exported.find((d) => d.collection === 'orders' && d.document._id === ids.unionOrder)).toMatchObject({ label: '订单', document: { unionid: UNION, delivery: ADDRESS } });
    // A bad cursor is refused plainly.
    expect((await privacy(U, { action: 'export', cursor: 'not-a-cursor' })).error).toMatchObject({ code: 'INVALID_INPUT', message: '导出进度已失效，请重新导出。' });
  });
});

describe('delete the account', () => {
  let before: Awaited<ReturnType<typeof reportTotals>>;
  let otherDocs: string;
  let deletion: any;
  const requestId = 'del_req_privacy_1';

  test('refused while stored value holds principal: a clear Chinese reason and nothing changes', async () => {
    const docs = s.documents();
    const r = await privacy(U, { action: 'deleteAccount', confirm: true, requestId });
    expect(r.error).toMatchObject({ code: 'ACCOUNT_DELETION_BLOCKED', details: { blockers: [{ code: 'BALANCE_OUTSTANDING', go: 'wallet' }] } });
    expect(r.error!.message).toContain('您的储值余额还有本金 ¥1,000');
    expect(r.error!.message).toContain('申请退还储值');
    expect(s.documents()).toBe(docs);
    // Without the explicit confirmation nothing is even considered.
    expect((await privacy(U, { action: 'deleteAccount', requestId: s.rid('x') })).error?.code).toBe('INVALID_INPUT');
  });

  test('after refunding the stored value: deleted; no document anywhere holds the openid or the unionid', async () => {
    await s.holdRefunds(20); // WeChat keeps them processing until told otherwise below
    const wr = ok(await s.call(U, 'wallet', { action: 'refund', requestId: s.rid('wr') }));
    await s.holdRefunds(0);
    // Until WeChat's refund result arrives the money is on its way and the account must stay.
    expect(ok(await privacy(U, { action: 'summary' })).blockers.map((b: { code: string }) => b.code)).toContain('REFUNDS_IN_PROGRESS');
    const parts = (await getById<{ parts: Array<{ outRefundNo: string }> }>(s.db(), 'refunds', wr.refundId))!.parts;
    for (const p of parts) expect((await s.refundResult(p.outRefundNo, 'SUCCESS')).data.callback.errcode).toBe(0);
    const paidTo = (await getById<{ parts: Array<{ recvAccount?: string }> }>(s.db(), 'refunds', wr.refundId))!.parts.map((p) => p.recvAccount);
    expect(paidTo.every((a) => typeof a === 'string' && a.length > 0)).toBe(true); // where WeChat paid it (e.g. a card's last digits)
    expect(ok(await privacy(U, { action: 'summary' })).blockers).toEqual([]);
    before = await reportTotals();
    otherDocs = JSON.stringify((await holding(OTHER)).map((d) => d.doc));
    deletion = await deleteToEnd(U, requestId);
    expect(deletion.error).toBeUndefined();
    expect(deletion.data).toMatchObject({ state: 'done', finishedAt: expect.any(Number) });
    expect(deletion.data.deleted).toMatchObject({ addresses: 1, profiles: 1, carts: 1, member_cards: 1, member_card_numbers: 1, memberships: 1, trial_reservations: 1, messages: expect.any(Number), campaign_deliveries: 1, subscription_grants: 2 });
    expect(deletion.data.anonymised).toMatchObject({ orders: expect.any(Number), wallets: 1, refunds: expect.any(Number), shipping_uploads: expect.any(Number), coupons: 1, entitlements: 2 });
    // The operator's grant of a coupon and the shipment record of the renamed tier gift.
    expect(deletion.data.redacted).toEqual({ audit_log: 2 });

    expect(await holding(U)).toEqual([]);
    expect(await holding(UNION)).toEqual([]);
    // The refund is kept as a financial record, without where the customer's money went.
    expect((await getById<{ parts: Array<Record<string, unknown>> }>(s.db(), 'refunds', wr.refundId))!.parts.every((p) => !('recvAccount' in p))).toBe(true);
    // The name and phone they shipped to survive only with the bystander, who used the same address
    // (their own order and their own address book).
    for (const detail of ['周小青', '13812345678', '漕溪北路']) {
      expect((await holding(detail)).map((d) => `${d.collection}/${String(d.doc.openid)}`).sort()).toEqual([`addresses/${OTHER}`, `orders/${OTHER}`]);
    }
  });

  test('ids derived from the openid lead nowhere: tier gift, coupons, counters, campaign delivery, grants, trial', async () => {
    const db = s.db();
    expect(await getById(db, 'entitlements', tierEntitlementId(U, ids.giftId))).toBeNull();
    expect(await getById(db, 'coupons', ids.usedCoupon)).toBeNull();
    expect(await getById(db, 'coupons', couponIdFor(ids.template, U, `op:${OP}:${ids.grantRequest}`))).toBeNull();
    expect(await getById(db, 'coupon_counters', customerCounterIdOf(ids.template, U))).toBeNull();
    expect(await getById(db, 'campaign_deliveries', deliveryIdOf(ids.campaign, U))).toBeNull();
    expect(await getById(db, 'subscription_grants', grantIdOf(U, 'promotion'))).toBeNull();
    expect(await getById(db, 'trial_reservations', reservationIdFor(U, 'prd_course_trial'))).toBeNull();
  });

  test('financial records are kept under one pseudonym: orders with no delivery details, the ledger invariant, reports unchanged', async () => {
    const db = s.db();
    const order = (await getById<any>(db, 'orders', ids.unionOrder))!;
    expect(order.openid).toMatch(/^del_[a-z0-9]{16}$/);
    expect(order.unionid).toBeUndefined();
    expect(order.requestId).toBe('erased');
    expect(order.delivery).toEqual({ method: 'address', name: '（已删除）', phone: '', address: '（收货信息已随账号注销删除）' });
    expect(order.fulfilment).toMatchObject({ state: 'shipped', carrier: 'SF' });
    const anon = order.openid as string;
    for (const id of [ids.balanceOrder, ids.couponOrder, ids.trialOrder]) expect((await getById<any>(db, 'orders', id))!.openid).toBe(anon);
    // The used coupon was renamed; the order points at its new id.
    const couponOrder = (await getById<any>(db, 'orders', ids.couponOrder))!;
    const kept = (await getById<any>(db, 'coupons', couponOrder.coupon.couponId))!;
    expect(kept).toMatchObject({ openid: anon, status: 'used', orderId: ids.couponOrder, issueKey: 'erased' });
    // The ledger moved with the wallet and still adds up (balance 0 after the refund).
    const w = await walletInvariants(db, anon);
    expect(w).toMatchObject({ principalFen: 0, bonusFen: 0 });
    expect(w.entries).toBeGreaterThanOrEqual(5);
    // Money events kept, owing nothing to the (deleted) profile; interaction events gone.
    const evs = (await everything(db)).filter((d) => d.collection === 'events' && d.doc.openid === anon).map((d) => d.doc as any);
    expect(evs.map((e) => e.type).sort()).toEqual(expect.arrayContaining(['gift.claimed', 'membership.purchased', 'order.paid', 'order.refunded', 'wallet.refunded', 'wallet.topup']));
    expect(evs.some((e) => ['customer.visited', 'survey.answered', 'message.opened', 'coupon.claimed'].includes(e.type))).toBe(false);
    for (const e of evs) expect(e.pending ?? []).not.toContain('profile');
    // Reports and stored-value liability: the same figures.
    expect(await reportTotals()).toEqual(before);
    // The bystander's documents are exactly as they were.
    expect(JSON.stringify((await holding(OTHER)).map((d) => d.doc))).toBe(otherDocs);
  });

  test('the audit record says what happened, without the person', async () => {
    const records = (await everything(s.db())).filter((d) => d.collection === 'privacy_requests').map((d) => d.doc as any);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ kind: 'deletion', state: 'done', deleted: deletion.data.deleted, anonymised: deletion.data.anonymised });
    expect(JSON.stringify(records[0])).not.toMatch(/del_[a-z0-9]{16}/);
  });

  test('a retry of the request returns the first result and changes nothing', async () => {
    const docs = s.documents();
    const again = ok(await privacy(U, { action: 'deleteAccount', confirm: true, requestId }));
    expect(again).toEqual(deletion.data);
    expect(s.documents()).toBe(docs);
  });

  test('the same openid comes back as a brand-new customer', async () => {
    expect(ok(await s.call(U, 'customer', { action: 'visit' })).surveyPending).toBe(true);
    expect(ok(await s.call(U, 'wallet', { action: 'balance' }))).toMatchObject({ totalFen: 0 });
    expect(ok(await s.call(U, 'wallet', { action: 'entries' })).entries).toEqual([]);
    expect(ok(await s.call(U, 'order', { action: 'list' })).orders).toEqual([]);
    expect(ok(await s.call(U, 'membership', { action: 'status' })).active).toBe(false);
    expect(ok(await s.call(U, 'member', { action: 'tiers' })).qualifyingSpendFen).toBe(0);
    expect(ok(await s.call(U, 'coupon', { action: 'mine' }))).toMatchObject({ coupons: [] });
    // A new customer — except for the limits deleting must not reset (issue 15 #6): the trial they used and
    // the coupons they claimed stay counted (keyed limit markers; the openid is stored nowhere).
    expect((await s.call(U, 'order', { action: 'create', items: [{ productId: 'prd_course_trial', qty: 1 }], payWith: 'wechat', requestId: s.rid('t2') })).error?.code).toBe('TRIAL_ALREADY_USED');
    await buy(U, 'prd_tea', { delivery: { method: 'pickup' } });
    const sum = ok(await privacy(U, { action: 'summary' }));
    expect(sum.groups.find((g: { key: string }) => g.key === 'orders').count).toBe(1);
  });
});

describe('what stands in the way', () => {
  test('an unpaid order and goods waiting to be shipped block, saying where to act', async () => {
    const u = 'zq_privacy_waiting';
    ok(await s.call(u, 'order', { action: 'create', items: [{ productId: 'prd_tea', qty: 1 }], payWith: 'wechat', delivery: ADDRESS, requestId: s.rid('unpaid') }));
    const paid = await buy(u, 'prd_cream', { delivery: ADDRESS });
    const r = await privacy(u, { action: 'deleteAccount', confirm: true, requestId: s.rid('d') });
    expect(r.error?.code).toBe('ACCOUNT_DELETION_BLOCKED');
    const codes = (r.error!.details as { blockers: Array<{ code: string; go?: string }> }).blockers.map((b) => [b.code, b.go]);
    expect(codes).toEqual([
      ['ORDERS_UNPAID', 'orders'],
      ['AWAITING_SHIPMENT', 'orders'],
    ]);
    expect(r.error!.message).toContain('请到「我的订单」完成支付或取消订单');
    expect(r.error!.message).toContain('正在等待发货');
    await shipOrder(paid);
    expect(ok(await privacy(u, { action: 'summary' })).blockers.map((b: { code: string }) => b.code)).toEqual(['ORDERS_UNPAID']);
  });

  test('an operator is asked to leave the allow-list first', async () => {
    const sum = ok(await privacy(OP, { action: 'summary' }));
    expect(sum.blockers.map((b: { code: string }) => b.code)).toContain('OPERATOR_ACCOUNT');
  });
});

describe('bounded and resumable', () => {
  test('a deletion over many calls (each doing one step) ends exactly like one in a single call', async () => {
    const u = 'zq_privacy_slow';
    ok(await s.call(u, 'customer', { action: 'answerSurvey', answers: [{ questionId: 'industry', optionIds: ['retail'] }], requestId: s.rid('sv') }));
    for (let i = 0; i < 3; i++) await buy(u, 'prd_tea', { delivery: { method: 'pickup' } });
    const { deleteAccount } = await import('../../_privacy/delete-account');
    const ctx = { db: s.db(), now: () => Date.now(), caller: { openid: u, source: 'client' as const }, openid: u, requestId: 'req_x', log: createLogger(), fn: 'privacy', settings: async () => (await s.call(OP, 'settings', { action: 'get' })).data };
    // Goods waiting for pickup block; the operator hands them over first.
    for (const o of ok(await s.call(u, 'order', { action: 'list' })).orders) ok(await s.call(OP, 'ops', { action: 'markOrderPickedUp', orderId: o.orderId, requestId: s.rid('pk') }));
    // Operators' paged walks paused exactly at this customer: their cursors are the openid.
    const rabbit = 'zq_privacy_rabbit';
    ok(await s.call(rabbit, 'customer', { action: 'answerSurvey', answers: [{ questionId: 'industry', optionIds: ['retail'] }], requestId: s.rid('sv') }));
    const layer = (await getById<{ segments: string[] }>(s.db(), 'profiles', `prf_${u}`))!.segments.find((k) => k.startsWith('layer:'))!;
    const g = RECOMPUTE_GROUPS.indexOf(layer as never);
    await s.db().collection('scheduler_state').doc('segment-rules').set({ fingerprint: 'planted', cursor: `${g}|${u}`, startedAt: Date.now() });
    const now = Date.now();
    await s.db().collection('wecom_syncs').doc('wsy_planted').set({ key: 'tag:industry-retail', tagId: 'etX', requestId: 'planted01', by: OP, mode: 'local-recorder', state: 'running', cursor: u, total: 2, processed: 1, tagged: 0, skipped: 0, failed: 1, failures: [{ openid: u, errcode: 84061, errmsg: 'not external contact' }], createdAt: now, updatedAt: now, version: 1 });
    const cmp = (await getById<any>(s.db(), 'campaigns', ids.campaign))!;
    await s.db().collection('campaigns').doc(ids.campaign).update({ launch: { clause: 0, after: u, done: false } });

    const requestIdSlow = 'del_req_privacy_slow';
    const first = await deleteAccount({ confirm: true, requestId: requestIdSlow }, ctx, { budgetMs: 0 });
    expect(first).toMatchObject({ ok: true, data: { state: 'running' } });
    // Meanwhile the summary says a deletion is under way (and a second request joins the same job).
    expect(ok(await privacy(u, { action: 'summary' })).deletionRunning).toBe(true);
    let calls = 1;
    let last = first;
    while (last.ok && last.data.state === 'running' && calls < 200) {
      last = await deleteAccount({ confirm: true, requestId: requestIdSlow }, ctx, { budgetMs: 0 });
      calls++;
    }
    expect(last).toMatchObject({ ok: true, data: { state: 'done' } });
    expect(calls).toBeGreaterThan(10);
    expect(await holding(u)).toEqual([]);
    expect(ok(await privacy(u, { action: 'summary' })).deletionRunning).toBe(false);
    expect(last.ok && last.data.redacted).toEqual({ scheduler_state: 1, wecom_syncs: 1, campaigns: 1 });

    // Each cursor now stands just before where the customer was: the nearest openid below in the same list.
    const before = async (key: string | null) => {
      const _ = s.db().command;
      const r = (await s.db().collection('profiles').where({ segments: key, openid: _.lt(u) }).orderBy('openid', 'desc').limit(1).get()) as { data: Array<{ openid: string }> };
      return r.data[0]?.openid ?? null;
    };
    expect((await getById<any>(s.db(), 'scheduler_state', 'segment-rules'))!.cursor).toBe(`${g}|${(await before(layer)) ?? ''}`);
    expect(await getById<any>(s.db(), 'wecom_syncs', 'wsy_planted')).toMatchObject({ cursor: rabbit, failures: [], failed: 1 });
    const beautyBefore = await before('tag:industry-beauty');
    expect((await getById<any>(s.db(), 'campaigns', ids.campaign))!.launch).toEqual(beautyBefore ? { clause: 0, after: beautyBefore, done: false } : { clause: 0, done: false });
    await s.db().collection('campaigns').doc(ids.campaign).update({ launch: cmp.launch ?? { clause: 0, done: true } });
  });
});

describe('a deletion the customer left half done', () => {
  test('is finished by the timer', async () => {
    const u = 'zq_privacy_left';
    ok(await s.call(u, 'customer', { action: 'answerSurvey', answers: [{ questionId: 'industry', optionIds: ['office'] }], requestId: s.rid('sv') }));
    await buy(u, 'prd_course_trial');
    const { deleteAccount } = await import('../../_privacy/delete-account');
    const ctx = { db: s.db(), now: () => Date.now(), caller: { openid: u, source: 'client' as const }, openid: u, requestId: 'req_y', log: createLogger(), fn: 'privacy', settings: async () => (await s.call(OP, 'settings', { action: 'get' })).data };
    // One step, then the app is closed: the job stays, without a lease.
    expect(await deleteAccount({ confirm: true, requestId: 'del_req_privacy_left' }, ctx, { budgetMs: 0 })).toMatchObject({ ok: true, data: { state: 'running' } });
    expect((await holding(u)).length).toBeGreaterThan(0);
    const swept = await s.trigger('privacy');
    expect(swept).toMatchObject({ ok: true, data: { continued: 1, finished: 1 } });
    expect(await holding(u)).toEqual([]);
    // The customer's retry of the same request finds the record the timer filed.
    expect(ok(await privacy(u, { action: 'deleteAccount', confirm: true, requestId: 'del_req_privacy_left' }))).toMatchObject({ state: 'done', deleted: { profiles: 1 } });
    // Nothing left to sweep.
    expect(await s.trigger('privacy')).toMatchObject({ ok: true, data: { continued: 0, finished: 0 } });
  });
});
