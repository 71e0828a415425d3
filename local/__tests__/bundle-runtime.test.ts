import { execFileSync } from 'node:child_process';
import { buildContext } from '../../cloudfunctions/_kit/platform/contexts';
import { pinnedVersionOf } from '../../scripts/build-functions';
import { bundleEnv, emulatorCredentials } from '../../scripts/runtime/emulator-env';
import { builtBundleNames, bundleDir } from '../../scripts/runtime/install-bundles';
import { declaredRuntime } from '../../scripts/runtime/node-binary';
import { prepareRuntime, type PreparedRuntime } from '../../scripts/runtime/prepare';
import { runBundle } from '../../scripts/runtime/run-bundle';
import { NODE_PACKAGE_VERSION } from '../../scripts/runtime/runtimes';
import { startTestStore, type TestStore } from '../testing/store-harness';

/**
 * The deployed artefact under the runtime it is deployed on: the built bundle (dist/functions,
 * built by `npm test` before jest), its dependencies installed from its generated package.json as
 * CloudBase installs them, run by the declared runtime's node binary in a child process, reaching
 * the local emulator only through the SDK's own endpoint override (no TCB_LOCAL_URL, so the
 * bundle's production code paths run). An unreachable registry fails here; it is never skipped.
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

const invoke = (fn: string, event: unknown, openid = 'cust_runtime') =>
  runBundle({
    nodePath: prepared.node.nodePath,
    bundleDir: bundleDir(fn),
    event,
    context: buildContext({ requestId: `req_rt_${Date.now()}`, functionName: fn, source: 'wx_client', openid, appid: 'wx_local_dev' }),
    env: bundleEnv({ emulatorUrl: `${store.server.url}/tcb`, envId: 'local', credentials: emulatorCredentials(store.server) }),
  });

describe('bundles under the declared CloudBase runtime', () => {
  test('the child runs the node of the runtime cloudbaserc.json declares', async () => {
    const runtime = declaredRuntime();
    expect(prepared.node.runtime).toBe(runtime);
    const answer = await invoke('catalog', { action: 'settings' });
    expect(answer.nodeVersion).toBe(`v${NODE_PACKAGE_VERSION[runtime]}`);
    // …and it is not the node running jest, or this test would prove nothing.
    expect(answer.nodeVersion).not.toBe(process.version);
  });

  test('catalog.list through the real emulator returns the seeded products', async () => {
    const answer = await invoke('catalog', { action: 'list' });
    expect(answer).toMatchObject({ ok: true });
    const envelope = answer.result as { ok: boolean; data: { products: Array<{ _id: string; priceFen: number; costFen?: number }> } };
    expect(envelope.ok).toBe(true);
    const ids = envelope.data.products.map((p) => p._id);
    expect(ids[0]).toBe('prd_essence_new');
    expect(ids).toContain('prd_serum_trial');
    for (const p of envelope.data.products) {
      expect(Number.isInteger(p.priceFen)).toBe(true);
      expect(p.costFen).toBeUndefined();
    }
    // Same answer as the in-process handler the gateway runs: the bundle is that code. Image temp
    // URLs are signed per request (each process signs its own, with its own expiry), so they are
    // compared as the files they name.
    const viaGateway = await store.call('cust_runtime', 'catalog', { action: 'list' });
    const unsigned = (data: unknown) => JSON.parse(JSON.stringify(data).replace(/\?sign=[0-9a-f]+&t=\d+/g, ''));
    expect(JSON.stringify(envelope.data)).toMatch(/\/tcb\/files\/.+\.png\?sign=/);
    expect(unsigned(envelope.data)).toEqual(unsigned(viaGateway.data));
  });

  test('zod answers bad input in Chinese from the bundle (only the zh-CN and en locales are bundled)', async () => {
    const answer = await invoke('order', { action: 'create', items: [{ productId: 'prd_serum', qty: 'two' }], payWith: 'balance', requestId: 'rt_bad_input_1' });
    const envelope = answer.result as { ok: boolean; error: { code: string; message: string } };
    expect(envelope).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    // zh-CN's wording for a wrong type (无效输入：期望 number，实际接收 string), not the English default.
    expect(envelope.error.message).toMatch(/无效输入|期望/);
    expect(envelope.error.message).not.toMatch(/expected|Invalid input/i);
  });

  test('every bundle loads and answers under the runtime (unknown action → typed refusal)', async () => {
    const names = builtBundleNames();
    expect(names.length).toBeGreaterThan(10);
    const answers = await Promise.all(names.map(async (fn) => ({ fn, answer: await invoke(fn, { action: 'noSuchAction' }) })));
    for (const { fn, answer } of answers) {
      expect({ fn, ok: answer.ok, error: answer.error }).toEqual({ fn, ok: true, error: undefined });
      // The WeChat Pay callbacks answer WeChat's {errcode} shape; every other function our envelope.
      if (fn === 'payCallback' || fn === 'refundCallback') expect(answer.result).toMatchObject({ errcode: expect.any(Number) });
      else expect(answer.result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ACTION' } });
    }
  }, 120_000);

  test('the pinned wx-server-sdk loads under the runtime from a bundle\'s installed dependencies', () => {
    const withWx = builtBundleNames().find((fn) => fn === 'ops')!;
    const out = execFileSync(prepared.node.nodePath, ['-e', "const c = require('wx-server-sdk'); process.stdout.write(JSON.stringify({ v: process.version, sdk: require('wx-server-sdk/package.json').version, init: typeof c.init }))"], {
      cwd: bundleDir(withWx),
      env: { PATH: process.env.PATH ?? '', TENCENTCLOUD: 'true' } as Record<string, string> as NodeJS.ProcessEnv,
      encoding: 'utf8',
    });
    expect(JSON.parse(out)).toEqual({ v: prepared.node.version, sdk: pinnedVersionOf('wx-server-sdk'), init: 'function' });
  });
});
