import { exampleOf, fixtureNames, loadFixture, shapeMismatches } from '../platform/fixtures';
import { buildContext } from '../platform/contexts';
import { readCaller } from '../identity';
import { classifySource } from '../sources';

/**
 * Trust is decided by the values the real platform sends — read from the fixtures, which cite the
 * documents — so going back to a guessed value (`wx_pay`, `timer`) fails here.
 */
const timerEvent = exampleOf('event.timer');

describe('platform fixtures', () => {
  test.each(fixtureNames())('%s cites its documents and its example conforms to itself', (name) => {
    const f = loadFixture(name);
    expect(f.doc.length).toBeGreaterThan(0);
    expect(f.what.length).toBeGreaterThan(10);
    expect(shapeMismatches(f, f.example)).toEqual([]);
  });

  test('the shape check catches an extra key, a missing key, a wrong type and a bad encoding', () => {
    const f = loadFixture('event.pay-callback');
    const n = exampleOf('event.pay-callback');
    expect(shapeMismatches(f, { ...n, invented: 1 })).toEqual(['invented: not sent by the platform']);
    const { outTradeNo: _omit, ...missing } = n;
    expect(shapeMismatches(f, missing)).toEqual(['outTradeNo: missing']);
    expect(shapeMismatches(f, { ...n, totalFee: '1' })).toEqual(['totalFee: expected number, got string']);
    const c = loadFixture('context.client');
    expect(shapeMismatches(c, { ...exampleOf<Record<string, unknown>>('context.client'), environment: '{not json' })).toEqual(['environment: not valid json']);
    const env = JSON.parse(exampleOf<{ environment: string }>('context.client').environment);
    expect(shapeMismatches(c, { ...exampleOf<Record<string, unknown>>('context.client'), environment: JSON.stringify({ ...env, WX_ROLE: 'owner' }) })).toEqual(['environment.WX_ROLE: not sent by the platform']);
  });
});

describe('who is calling, from each documented context', () => {
  test('a customer, new format: client with the openid of the context', () => {
    expect(readCaller(exampleOf('context.client'))).toEqual({ source: 'client', rawSource: 'wx_client', openid: 'oPoo341Im-roYxAd3WD3D_6J-4bA', unionid: 'o6_bmasdasdsad6_2sgVt7hMZOPfL', appid: 'wx8888888888888888' });
  });

  test('a customer, legacy `environ` format (parsed by the SDK): the same identity', () => {
    expect(readCaller(exampleOf('context.client.legacy'))).toEqual({ source: 'client', rawSource: 'wx_devtools', openid: 'aaaaaa', appid: 'aaaaa' });
  });

  test('a chain that started at a phone is a customer in both formats, never a system caller', () => {
    expect(readCaller(exampleOf('context.function-chain')).source).toBe('client');
    // Legacy: the SDK's parser turns `wx_client,scf` into an array.
    const legacy = buildContext({ requestId: 'r1', functionName: 'order', source: 'wx_client,scf', openid: 'cust_a', format: 'legacy' });
    expect(readCaller(legacy)).toMatchObject({ source: 'client', rawSource: 'wx_client,scf', openid: 'cust_a' });
    expect(classifySource(['wx_client', 'scf'])).toBe('client');
  });

  test('the pay callback is exactly wx_paycallback and carries no customer', () => {
    expect(readCaller(exampleOf('context.pay-callback'))).toEqual({ source: 'pay-callback', rawSource: 'wx_paycallback', appid: 'wx8888888888888888' });
  });

  test('a DevTools timer is exactly wx_trigger', () => {
    expect(readCaller(exampleOf('context.timer.devtools'), timerEvent)).toMatchObject({ source: 'timer', rawSource: 'wx_trigger' });
  });

  describe('an SCF timer (created by the CLI / manager API): no TCB keys, TRIGGER_SRC=timer in the process', () => {
    const saved = { TRIGGER_SRC: process.env.TRIGGER_SRC, TENCENTCLOUD_RUNENV: process.env.TENCENTCLOUD_RUNENV, TENCENTCLOUD_REGION: process.env.TENCENTCLOUD_REGION, SCF_NAMESPACE: process.env.SCF_NAMESPACE };
    // SCF sets these beside TRIGGER_SRC (the SDK logs an error when they are missing in SCF).
    beforeEach(() => Object.assign(process.env, { TENCENTCLOUD_REGION: 'ap-shanghai', SCF_NAMESPACE: 'prod-1a2b3c' }));
    afterEach(() => {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    });
    const scf = loadFixture('context.timer.scf');

    test('with the platform marker and the Timer event: a timer', () => {
      Object.assign(process.env, scf.processEnv);
      expect(readCaller(exampleOf('context.timer.scf'), timerEvent)).toEqual({ source: 'timer' });
    });

    test('without the marker, or with another event, or with a context of its own: not a timer', () => {
      delete process.env.TRIGGER_SRC;
      expect(readCaller(exampleOf('context.timer.scf'), timerEvent).source).toBe('unknown');
      Object.assign(process.env, scf.processEnv);
      expect(readCaller(exampleOf('context.timer.scf'), { action: 'sweep' }).source).toBe('unknown');
      // A customer's call in a warm instance whose env says timer: its own keys win.
      expect(readCaller(exampleOf('context.client'), timerEvent).source).toBe('client');
      const noSource = { ...exampleOf('context.timer.scf'), environment: JSON.stringify({ TRIGGER_SRC: 'tcb' }) };
      expect(readCaller(noSource, timerEvent).source).toBe('unknown');
    });
  });

  test.each([
    ['our old guess for the pay callback', 'wx_pay'],
    ['our old guess for the timer', 'timer'],
    ['a client claiming to be the pay callback', 'wx_client,wx_paycallback'],
    ['a pay callback relayed by a function', 'wx_paycallback,scf'],
    ['an HTTP API call', 'wx_http'],
  ])('%s (%s) is neither a pay callback nor a timer', (_what, raw) => {
    const c = readCaller(buildContext({ requestId: 'r', functionName: 'payCallback', source: raw }));
    expect(['pay-callback', 'timer']).not.toContain(c.source);
  });

  test('identity never comes from the process environment or a malformed context', () => {
    const saved = { ...process.env };
    Object.assign(process.env, { WX_OPENID: 'op_admin', TCB_SOURCE: 'wx_paycallback', WX_CONTEXT_KEYS: 'WX_OPENID', TCB_CONTEXT_KEYS: 'TCB_SOURCE' });
    try {
      expect(readCaller({ request_id: 'r' })).toEqual({ source: 'unknown' });
      expect(readCaller({ environment: '{broken' })).toEqual({ source: 'unknown' });
      expect(readCaller({ environment: JSON.stringify({ TCB_SOURCE: 'wx_client' }) })).toEqual({ source: 'client', rawSource: 'wx_client' });
      expect(readCaller(null)).toEqual({ source: 'unknown' });
    } finally {
      for (const k of ['WX_OPENID', 'TCB_SOURCE', 'WX_CONTEXT_KEYS', 'TCB_CONTEXT_KEYS']) if (!(k in saved)) delete process.env[k];
    }
  });

  test('the local platform builds contexts in the fixtures’ shapes', () => {
    const cases: Array<[string, Parameters<typeof buildContext>[0]]> = [
      ['context.client', { requestId: 'r', functionName: 'order', source: 'wx_client', openid: 'cust_a', unionid: 'u1', appid: 'wx_local_dev' }],
      ['context.client.legacy', { requestId: 'r', functionName: 'order', source: 'wx_client', openid: 'cust_a', appid: 'wx_local_dev', format: 'legacy' }],
      ['context.function-chain', { requestId: 'r', functionName: 'order', source: 'wx_client,scf', openid: 'cust_a', appid: 'wx_local_dev' }],
      ['context.pay-callback', { requestId: 'r', functionName: 'payCallback', source: 'wx_paycallback', appid: 'wx_local_dev' }],
      ['context.timer.devtools', { requestId: 'r', functionName: 'scheduler', source: 'wx_trigger', appid: 'wx_local_dev' }],
    ];
    for (const [name, opts] of cases) expect([name, shapeMismatches(loadFixture(name), buildContext(opts))]).toEqual([name, []]);
  });
});
