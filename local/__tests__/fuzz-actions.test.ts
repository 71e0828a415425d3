import { listFunctionNames } from '../gateway/functions';
import { startTestStore, type TestStore } from '../testing/store-harness';
import { fuzzAction, judge, WriteProbe, type FuzzContext } from '../testing/fuzz/runner';
import { fuzzTargets } from '../testing/fuzz/targets';

/**
 * Every action of every deployed function, fuzzed through the gateway (and, for callers the gateway
 * cannot express, through the platform's invoke): payloads around well-formed inputs derived from
 * each action's own zod schema — random declared values, nasty replacements at any depth, unknown
 * and prototype-polluting keys, huge strings, deep nesting, numbers JSON carries but JS cannot keep
 * — from the customer, the operator, nobody, and the platform source. See local/testing/fuzz/runner.ts
 * for the properties. FUZZ_RUNS per action (default 100 here; `npm run soak` runs 1,000), FUZZ_SEED to replay.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 100);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

// At module load: an action with no derivable input and no override fails the whole file by name.
const targets = fuzzTargets();

let s: TestStore;
let ctx: FuzzContext;
const unhandled: unknown[] = [];
const onUnhandled = (e: unknown) => unhandled.push(e);
beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  s = await startTestStore();
  ctx = { server: s.server, probe: new WriteProbe(s.server.dataDir, s.documents), customer: 'cust_fuzz', operator: 'op_admin' };
});
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  ctx.probe.close();
  await s.close();
});

test('the enumeration covers every function and the actions we know of', () => {
  const fns = new Set(targets.map((t) => t.fn));
  expect([...fns].sort()).toEqual(listFunctionNames());
  const names = targets.map((t) => `${t.fn}.${t.action}`);
  for (const known of ['order.create', 'wallet.topUp', 'membership.buy', 'payCallback.notify', 'scheduler.sweep', 'ops.saveProduct', 'settings.update', 'coupon.claim', 'segment.syncTags']) expect(names).toContain(known);
  // Most inputs come from the schemas themselves; the hand-written table stays small.
  expect(targets.filter((t) => t.base === 'override').length).toBeLessThan(targets.length / 5);
});

describe('the properties can fail', () => {
  test('the write probe sees a write (and nothing else)', async () => {
    const before = ctx.probe.snapshot();
    expect((await s.call('cust_probe', 'wallet', { action: 'balance', extra: 1 })).ok).toBe(false);
    expect(ctx.probe.snapshot()).toBe(before);
    expect((await s.call('cust_probe', 'customer', { action: 'visit' })).ok).toBe(true);
    expect(ctx.probe.snapshot()).not.toBe(before);
  });

  test.each([
    ['a fault', { ok: false, error: { code: 'INTERNAL', message: '系统繁忙，请稍后重试。' } }, 'order', /INTERNAL/],
    ['an English message', { ok: false, error: { code: 'NOT_FOUND', message: 'order not found' } }, 'order', /not in Chinese/],
    ['a code nobody declared', { ok: false, error: { code: 'OOPS', message: '出错了' } }, 'order', /unknown error code/],
    ['not an envelope', { status: 'fine' }, 'order', /not an envelope/],
    ['a payCallback fault', { errcode: -1, errmsg: 'boom' }, 'payCallback', /payCallback fault/],
  ])('judge flags %s', (_name, body, fn, problem) => {
    expect(judge({ fn }, 'customer', { status: 200, body }).problem).toMatch(problem);
  });

  test('judge accepts typed answers', () => {
    expect(judge({ fn: 'order' }, 'customer', { status: 200, body: { ok: true, data: {} } })).toEqual({ ok: true });
    expect(judge({ fn: 'order' }, 'customer', { status: 400, body: { ok: false, error: { code: 'INVALID_INPUT', message: '提交的信息有误。' } } })).toEqual({ ok: false, code: 'INVALID_INPUT' });
  });
});

describe.each(targets.map((t) => [`${t.fn}.${t.action}`, t] as const))('%s', (_name, t) => {
  test(`${RUNS} payloads: typed answers, auth from identity only, no writes on refusal`, async () => {
    const stats = await fuzzAction(ctx, t, { runs: RUNS, seed: SEED });
    expect(stats.runs).toBe(RUNS);
    // The payloads really reach refusals (a generator that only produced valid input would prove little).
    expect(stats.refused).toBeGreaterThan(0);
    expect(unhandled).toEqual([]);
  }, 120_000);
});
