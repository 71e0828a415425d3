import { buildContext, type InvocationOptions } from '../../cloudfunctions/_kit/platform/contexts';
import { exampleOf, loadFixture } from '../../cloudfunctions/_kit/platform/fixtures';
import { getById } from '../../cloudfunctions/_kit/db';
import { bundleEnv, emulatorCredentials } from '../../scripts/runtime/emulator-env';
import { bundleDir } from '../../scripts/runtime/install-bundles';
import { prepareRuntime, type PreparedRuntime } from '../../scripts/runtime/prepare';
import { runBundle, type BundleAnswer } from '../../scripts/runtime/run-bundle';
import { startTestStore, type TestStore } from '../testing/store-harness';

/**
 * The platform's documented shapes (cloudfunctions/_kit/platform/fixtures) delivered to the built
 * production bundles under the declared runtime (see bundle-runtime.test.ts for the harness): this
 * is what proves the deployed store accepts what WeChat and CloudBase really send and nothing else.
 * Orders are created through the local store (its in-process functions and pay simulator); the
 * bundles then run against the same emulator through the SDK's own endpoint override only.
 */
let store: TestStore;
let prepared: PreparedRuntime;

beforeAll(async () => {
  prepared = await prepareRuntime();
  store = await startTestStore();
}, 300_000);
afterAll(async () => {
  await store?.close();
});

let seq = 0;
const env = (extra: Record<string, string> = {}) => bundleEnv({ emulatorUrl: `${store.server.url}/tcb`, envId: 'local', credentials: emulatorCredentials(store.server), extra });

function run(fn: string, event: unknown, context: unknown, extraEnv: Record<string, string> = {}): Promise<BundleAnswer> {
  return runBundle({ nodePath: prepared.node.nodePath, bundleDir: bundleDir(fn), event, context, env: env(extraEnv), timeoutMs: 60_000 });
}

const ctx = (fn: string, o: Omit<InvocationOptions, 'requestId' | 'functionName'>) => buildContext({ requestId: `req_bp_${seq++}`, functionName: fn, appid: 'wx_local_dev', ...o });

async function pendingOrder(openid: string) {
  const r = await store.call(openid, 'order', { action: 'create', items: [{ productId: 'prd_mask', qty: 1 }], payWith: 'wechat', requestId: store.rid('bp') });
  expect(r.ok).toBe(true);
  return r.data as { orderId: string; payment: { outTradeNo: string; totalFen: number } };
}

/** The documented notify (fixture event.pay-callback) for one of our payments. */
function notifyFor(order: { payment: { outTradeNo: string; totalFen: number } }, openid: string) {
  return {
    ...exampleOf('event.pay-callback'),
    openid,
    subOpenid: openid,
    outTradeNo: order.payment.outTradeNo,
    totalFee: order.payment.totalFen,
    cashFee: order.payment.totalFen,
    transactionId: `42000045612026120${String(seq++).padStart(11, '0')}`,
  };
}

const statusOf = async (openid: string, orderId: string) => (await store.call(openid, 'order', { action: 'get', orderId })).data.status as string;

describe('the payCallback bundle and what WeChat Pay really sends', () => {
  test('a documented callback with SOURCE wx_paycallback pays the order; a redelivery changes nothing', async () => {
    const u = 'cust_bundle_pay';
    const order = await pendingOrder(u);
    const event = notifyFor(order, u);
    const first = await run('payCallback', event, ctx('payCallback', { source: 'wx_paycallback' }));
    expect(first).toMatchObject({ ok: true });
    // Exactly the documented answer (fixture reply.pay-callback), or WeChat redelivers for two days.
    expect(first.result).toEqual({ ...exampleOf('reply.pay-callback'), errmsg: expect.any(String) });
    expect((first.result as { errcode: number }).errcode).toBe(0);
    expect(await statusOf(u, order.orderId)).toBe('paid');

    const before = store.documents();
    const again = await run('payCallback', event, ctx('payCallback', { source: 'wx_paycallback' }));
    expect((again.result as { errcode: number }).errcode).toBe(0);
    expect(store.documents()).toBe(before);
    expect(await statusOf(u, order.orderId)).toBe('paid');
  }, 120_000);

  test('the legacy context format of the same callback is accepted too', async () => {
    const u = 'cust_bundle_pay_legacy';
    const order = await pendingOrder(u);
    const answer = await run('payCallback', notifyFor(order, u), ctx('payCallback', { source: 'wx_paycallback', format: 'legacy' }));
    expect((answer.result as { errcode: number }).errcode).toBe(0);
    expect(await statusOf(u, order.orderId)).toBe('paid');
  }, 120_000);

  const forged: Array<[string, () => unknown]> = [
    ['a customer (wx_client)', () => ctx('payCallback', { source: 'wx_client', openid: 'cust_bundle_forger' })],
    ['a customer through another function (wx_client,scf)', () => ctx('payCallback', { source: 'wx_client,scf', openid: 'cust_bundle_forger' })],
    ['another function (scf)', () => ctx('payCallback', { source: 'scf' })],
    ['our old guess (wx_pay)', () => ctx('payCallback', { source: 'wx_pay' })],
    ['no source at all', () => { const { environment: _e, ...bare } = ctx('payCallback', { source: 'wx_paycallback' }); return bare; }],
  ];
  test.each(forged)('a callback from %s changes nothing', async (name, context) => {
    const u = `cust_bundle_forged_${name.replace(/[^a-z]/g, '')}`; // one customer each: a customer may hold only 3 unpaid orders
    const order = await pendingOrder(u);
    const before = store.documents();
    const answer = await run('payCallback', notifyFor(order, u), context());
    expect(answer.ok).toBe(true);
    expect((answer.result as { errcode: number }).errcode).not.toBe(0);
    expect(store.documents()).toBe(before);
    expect(await statusOf(u, order.orderId)).toBe('created');
  }, 120_000);

  test('a documented callback with the wrong amount changes nothing', async () => {
    const u = 'cust_bundle_amount';
    const order = await pendingOrder(u);
    const before = store.documents();
    const event = { ...notifyFor(order, u), totalFee: order.payment.totalFen - 1, cashFee: order.payment.totalFen - 1 };
    const answer = await run('payCallback', event, ctx('payCallback', { source: 'wx_paycallback' }));
    expect((answer.result as { errcode: number }).errcode).not.toBe(0);
    expect(store.documents()).toBe(before);
    expect(await statusOf(u, order.orderId)).toBe('created');
  }, 120_000);
});

describe('the refundCallback bundle and the refund result', () => {
  /** A WeChat-paid order refunded in full, its refund held PROCESSING at WeChat (no result sent yet). */
  async function heldRefund(u: string) {
    const order = await pendingOrder(u);
    expect((await store.pay(order.payment.outTradeNo)).data.callback.errcode).toBe(0);
    await store.holdRefunds(1);
    const rf = await store.call(u, 'order', { action: 'refund', orderId: order.orderId, requestId: store.rid('bp_rf') });
    expect(rf.ok).toBe(true);
    const refundId = rf.data.refundId as string;
    const event = { ...exampleOf('event.refund-result'), outTradeNo: order.payment.outTradeNo, outRefundNo: refundId, totalFee: order.payment.totalFen, settlementTotalFee: order.payment.totalFen, refundFee: order.payment.totalFen, settlementRefundFee: order.payment.totalFen };
    return { orderId: order.orderId, refundId, event };
  }
  const refundStates = async (u: string, orderId: string) => (await store.call(u, 'order', { action: 'get', orderId })).data.refunds.map((r: { status: string }) => r.status);
  afterEach(() => store.holdRefunds(0));

  test('the documented result with SOURCE wx_paycallback completes the refund (both context formats); forged sources change nothing', async () => {
    const u = 'cust_bundle_refund';
    const r = await heldRefund(u);
    expect(await refundStates(u, r.orderId)).toEqual(['pending']);
    const before = store.documents();
    for (const source of ['wx_client', 'wx_client,scf', 'scf', 'wx_trigger']) {
      const forged = await run('refundCallback', r.event, ctx('refundCallback', { source, ...(source.startsWith('wx_client') ? { openid: u } : {}) }));
      expect([source, (forged.result as { errcode: number }).errcode]).toEqual([source, 403]);
    }
    expect(store.documents()).toBe(before);
    expect(await refundStates(u, r.orderId)).toEqual(['pending']);

    const done = await run('refundCallback', r.event, ctx('refundCallback', { source: 'wx_paycallback', format: 'legacy' }));
    expect(done.result).toEqual({ ...exampleOf('reply.pay-callback'), errmsg: expect.any(String) });
    expect(await refundStates(u, r.orderId)).toEqual(['succeeded']);
    const after = store.documents();
    const again = await run('refundCallback', r.event, ctx('refundCallback', { source: 'wx_paycallback' }));
    expect((again.result as { errcode: number }).errcode).toBe(0);
    expect(store.documents()).toBe(after);
  }, 180_000);
});

/** Every function with a timer trigger in its config.json, and the trigger's name. */
const TIMERS: Array<[string, string]> = ['scheduler', 'campaign', 'segment', 'privacy'].map((fn) => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cfg = require(`../../cloudfunctions/${fn}/config.json`) as { triggers: Array<{ name: string; type: string }> };
  return [fn, cfg.triggers.find((t) => t.type === 'timer')!.name];
});

describe('timers as the platform fires them', () => {
  const timerEvent = (name: string) => ({ ...exampleOf('event.timer'), TriggerName: name, Time: new Date().toISOString().replace(/\.\d+Z$/, 'Z') });

  test('every function with a timer trigger is covered here', () => {
    const { readdirSync, existsSync, readFileSync } = jest.requireActual<typeof import('node:fs')>('node:fs');
    const root = `${__dirname}/../../cloudfunctions`;
    const withTimer = readdirSync(root)
      .filter((d) => existsSync(`${root}/${d}/config.json`))
      .filter((d) => (JSON.parse(readFileSync(`${root}/${d}/config.json`, 'utf8')) as { triggers?: Array<{ type: string }> }).triggers?.some((t) => t.type === 'timer'));
    expect(withTimer.sort()).toEqual(TIMERS.map(([fn]) => fn).sort());
  });

  test.each(TIMERS)('%s runs from a DevTools-deployed timer (SOURCE wx_trigger)', async (fn, trigger) => {
    const answer = await run(fn, timerEvent(trigger), ctx(fn, { source: 'wx_trigger' }));
    expect(answer).toMatchObject({ ok: true, result: { ok: true } });
  }, 120_000);

  test.each(TIMERS)('%s runs from a CLI/SCF timer (no TCB keys, TRIGGER_SRC=timer in the process)', async (fn, trigger) => {
    const scf = loadFixture('context.timer.scf') as { example: Record<string, unknown>; processEnv: Record<string, string> };
    const context = { ...scf.example, function_name: fn, namespace: 'local', request_id: `req_scf_${seq++}` };
    // SCF also sets the region beside TENCENTCLOUD_RUNENV=SCF (docs 583/32748); the SDK reads it when RUNENV is SCF.
    const answer = await run(fn, timerEvent(trigger), context, { ...scf.processEnv, TENCENTCLOUD_REGION: 'ap-shanghai' });
    expect(answer).toMatchObject({ ok: true, result: { ok: true } });
  }, 120_000);

  test('a timer event sent by a customer is refused', async () => {
    const [fn, trigger] = TIMERS[0];
    const answer = await run(fn, timerEvent(trigger), ctx(fn, { source: 'wx_client', openid: 'cust_bundle_timer_forger' }));
    expect(answer.result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  }, 120_000);

  test('the scheduler bundle really sweeps: an expired unpaid order is closed', async () => {
    const u = 'cust_bundle_expire';
    const order = await pendingOrder(u);
    await store.db().collection('orders').doc(order.orderId).update({ expiresAt: Date.now() - 60_000 });
    const answer = await run('scheduler', timerEvent('every-minute'), ctx('scheduler', { source: 'wx_trigger' }));
    expect(answer.result).toMatchObject({ ok: true });
    const doc = await getById<{ status: string }>(store.db(), 'orders', order.orderId);
    expect(doc?.status).not.toBe('created');
    expect(await statusOf(u, order.orderId)).not.toBe('created');
  }, 120_000);
});

describe('a customer call in both context formats', () => {
  test.each(['json', 'legacy'] as const)('format %s: the customer is identified and sees only their own orders', async (format) => {
    const me = `cust_bundle_me_${format}`;
    const other = `cust_bundle_other_${format}`;
    const mine = await pendingOrder(me);
    const theirs = await pendingOrder(other);
    const answer = await run('order', { action: 'list' }, ctx('order', { source: 'wx_client', openid: me, format }));
    expect(answer.result).toMatchObject({ ok: true });
    const ids = JSON.stringify((answer.result as { data: unknown }).data);
    expect(ids).toContain(mine.orderId);
    expect(ids).not.toContain(theirs.orderId);
    // Asking for someone else's order by id is refused the same way in both formats.
    const peek = await run('order', { action: 'get', orderId: theirs.orderId }, ctx('order', { source: 'wx_client', openid: me, format }));
    expect(peek.result).toMatchObject({ ok: false });
  }, 120_000);

  test('a payload claiming an identity is ignored: without the platform\'s openid the call is unauthenticated', async () => {
    const answer = await run('order', { action: 'list', openid: 'cust_bundle_me_json', userInfo: { openId: 'cust_bundle_me_json' } }, ctx('order', { source: 'wx_client' }));
    expect(answer.result).toMatchObject({ ok: false });
    expect(['UNAUTHENTICATED', 'INVALID_INPUT']).toContain((answer.result as { error: { code: string } }).error.code);
  }, 120_000);
});
