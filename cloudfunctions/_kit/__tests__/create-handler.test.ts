import { z } from 'zod';
import { fail, ok } from '../../../shared/errors/result';
import { startEmulatorServer } from '../../../local/emulator';
import { applyFunctionEnv } from '../../../local/emulator/credentials';
import { action, createHandler } from '../create-handler';
import { fixedClock } from '../clock';
import { getDb } from '../db';
import { buildContext as platformContext } from '../platform/contexts';
import { TIMER_SOURCE } from '../sources';
import { ConflictError } from '../transaction';

let server: Awaited<ReturnType<typeof startEmulatorServer>>;
beforeAll(async () => {
  server = await startEmulatorServer({ dbPath: ':memory:' });
  // The functions' SDK finds the emulator and its keys the way it finds CloudBase's on SCF.
  applyFunctionEnv(server.url, server.credentials);
  process.env.TCB_LOCAL_URL = server.url;
  process.env.LOG_LEVEL = 'silent';
});
afterAll(async () => {
  await server.close();
});

const clock = fixedClock(Date.UTC(2026, 10, 22, 4));
const handler = createHandler({
  name: 'kit-test',
  clock,
  onTimer: 'tick',
  actions: {
    whoami: action({
      input: z.object({ delayMs: z.number().int().min(0).max(50).optional() }).strict(),
      auth: 'customer',
      run: async (input, ctx) => {
        // A real await between reading identity and answering, so concurrent calls interleave.
        await ctx.db.collection('settings').doc('global').get();
        if (input.delayMs) await new Promise((r) => setTimeout(r, input.delayMs));
        return ok({ openid: ctx.openid, now: ctx.now() });
      },
    }),
    secret: action({ input: z.object({}).strict(), auth: 'operator', run: async (_i, ctx) => ok({ operator: ctx.openid }) }),
    tick: action({ input: z.object({}).strict(), auth: 'system', sources: ['timer'], run: async () => ok({ ticked: true }) }),
    echo: action({ input: z.object({ n: z.number().int(), requestId: z.string().min(8) }).strict(), auth: 'customer', run: async (i) => ok(i) }),
    refuse: action({ input: z.object({}).strict(), auth: 'customer', run: async () => fail('INSUFFICIENT_BALANCE', '余额不足') }),
    boom: action({
      input: z.object({}).strict(),
      auth: 'customer',
      run: async () => {
        throw new Error('secret internal detail: password=hunter2');
      },
    }),
    busy: action({
      input: z.object({}).strict(),
      auth: 'customer',
      run: async () => {
        throw new ConflictError(8);
      },
    }),
  },
});

const client = (openid?: string) => platformContext({ requestId: `req_${Math.random().toString(36).slice(2)}`, functionName: 'kit-test', source: 'wx_client', openid });

describe('createHandler: auth levels', () => {
  test('a customer action needs a platform identity', async () => {
    expect(await handler({ action: 'whoami' }, client())).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await handler({ action: 'whoami' }, client('cust_a'))).toMatchObject({ ok: true, data: { openid: 'cust_a', now: clock.now() } });
  });

  test('identity in the payload is ignored (userInfo stripped, context wins)', async () => {
    const res = await handler({ action: 'whoami', userInfo: { openId: 'op_admin', appId: 'x' } }, client('cust_a'));
    expect(res).toMatchObject({ ok: true, data: { openid: 'cust_a' } });
  });

  test('operator actions check the role from settings on the server', async () => {
    expect(await handler({ action: 'secret' }, client('cust_a'))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // No settings document yet → defaults, which name nobody (only local mode's demo seed writes op_admin).
    expect(await handler({ action: 'secret' }, client('op_admin'))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await getDb().collection('settings').doc('global').set({ operators: ['op_new'], owners: ['op_owner'] });
    expect(await handler({ action: 'secret' }, client('op_new'))).toMatchObject({ ok: true, data: { operator: 'op_new' } });
    expect(await handler({ action: 'secret' }, client('op_owner'))).toMatchObject({ ok: true });
    expect(await handler({ action: 'secret' }, client('op_admin'))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await getDb().collection('settings').doc('global').remove();
  });

  test('system actions accept only their platform source', async () => {
    expect(await handler({ action: 'tick' }, client('op_admin'))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const timer = platformContext({ requestId: 'req_timer', functionName: 'kit-test', source: TIMER_SOURCE });
    expect(await handler({ action: 'tick' }, timer)).toMatchObject({ ok: true, data: { ticked: true } });
    // The platform's timer event has no action; it is routed to onTimer.
    expect(await handler({ Type: 'Timer', TriggerName: 't', Time: '2026-11-22T00:00:00Z' }, timer)).toMatchObject({ ok: true });
    // ...but the same event shape from a client does not pass the source check.
    expect(await handler({ Type: 'Timer', TriggerName: 't' }, client('cust_a'))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('createHandler: input and outcomes', () => {
  test.each([
    ['wrong type', { action: 'echo', n: 'one', requestId: 'req_12345678' }],
    ['float where int', { action: 'echo', n: 1.5, requestId: 'req_12345678' }],
    ['missing field', { action: 'echo', n: 1 }],
    ['extra field', { action: 'echo', n: 1, requestId: 'req_12345678', priceFen: 1 }],
  ])('%s → INVALID_INPUT with zod details', async (_name, event) => {
    const res = await handler(event, client('cust_a'));
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.error.code).toBe('INVALID_INPUT');
      expect(Array.isArray(res.error.details)).toBe(true);
      expect(res.error.message).toMatch(/提交的信息有误/);
    }
  });

  test.each([
    ['null event', null],
    ['array event', [1, 2]],
    ['string event', 'list'],
    ['missing action', { n: 1 }],
    ['non-string action', { action: 5 }],
  ])('%s → INVALID_INPUT', async (_name, event) => {
    expect(await handler(event, client('cust_a'))).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  test('unknown actions (including prototype names) → UNKNOWN_ACTION', async () => {
    for (const a of ['nope', 'toString', '__proto__', 'constructor']) {
      expect(await handler({ action: a }, client('cust_a'))).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ACTION' } });
    }
  });

  test('valid input passes through', async () => {
    expect(await handler({ action: 'echo', n: 3, requestId: 'req_12345678' }, client('cust_a'))).toEqual({ ok: true, data: { n: 3, requestId: 'req_12345678' } });
  });

  test('business refusals are returned as-is', async () => {
    expect(await handler({ action: 'refuse' }, client('cust_a'))).toEqual({ ok: false, error: { code: 'INSUFFICIENT_BALANCE', message: '余额不足' } });
  });

  test('thrown faults become INTERNAL without internals', async () => {
    const res = await handler({ action: 'boom' }, client('cust_a'));
    expect(res).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(res)).not.toMatch(/hunter2|stack|Error/);
  });

  test('exhausted transaction retries become CONFLICT', async () => {
    expect(await handler({ action: 'busy' }, client('cust_a'))).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });
});

describe('createHandler: identity isolation', () => {
  test('200 concurrent invocations each see only their own caller', async () => {
    const ids = Array.from({ length: 200 }, (_, i) => `cust_${i}`);
    const results = await Promise.all(ids.map((id, i) => handler({ action: 'whoami', delayMs: (i * 7) % 20 }, client(id))));
    results.forEach((r, i) => expect(r).toMatchObject({ ok: true, data: { openid: ids[i] } }));
  });

  test('process.env identity never leaks into a call', async () => {
    process.env.WX_OPENID = 'env_intruder';
    try {
      expect(await handler({ action: 'whoami' }, client())).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    } finally {
      delete process.env.WX_OPENID;
    }
  });
});
