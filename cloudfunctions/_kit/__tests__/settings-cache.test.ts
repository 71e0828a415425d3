import { startEmulatorServer } from '../../../local/emulator';
import { applyFunctionEnv } from '../../../local/emulator/credentials';
import { getDb } from '../db';
import { changingSettings, forgetSettings, loadSettings } from '../settings-store';

/**
 * Settings per warm instance (issue 18): one read serves the calls that follow; a change this
 * instance commits, or an explicit fresh read (operator actions), is seen at once; a failed read
 * is not remembered. Through the real SDK, counting the emulator's wire requests.
 */
let server: Awaited<ReturnType<typeof startEmulatorServer>>;
beforeAll(async () => {
  server = await startEmulatorServer({ dbPath: ':memory:' });
  applyFunctionEnv(server.url, server.credentials);
  process.env.TCB_LOCAL_URL = server.url;
  process.env.LOG_LEVEL = 'silent';
});
afterAll(() => server.close());

const reads = () => server.emulator.wireCalls()['database.getDocument'] ?? 0;
const store = (maxUnpaidOrders: number) => getDb().collection('settings').doc('global').set({ maxUnpaidOrders });

test('read once, then served from the instance; a direct write is not seen until forgotten', async () => {
  await store(4);
  forgetSettings();
  const r0 = reads();
  expect((await loadSettings(getDb())).maxUnpaidOrders).toBe(4);
  expect((await loadSettings(getDb())).maxUnpaidOrders).toBe(4);
  expect(reads() - r0).toBe(1);
  await store(6);
  expect((await loadSettings(getDb())).maxUnpaidOrders).toBe(4);
  forgetSettings();
  expect((await loadSettings(getDb())).maxUnpaidOrders).toBe(6);
  expect(reads() - r0).toBe(2);
});

test('fresh reads the document and refreshes what later calls get', async () => {
  await store(3);
  expect((await loadSettings(getDb(), { fresh: true })).maxUnpaidOrders).toBe(3);
  await store(5);
  expect((await loadSettings(getDb())).maxUnpaidOrders).toBe(3);
  expect((await loadSettings(getDb(), { fresh: true })).maxUnpaidOrders).toBe(5);
  expect((await loadSettings(getDb())).maxUnpaidOrders).toBe(5);
});

test('a settings change forgets the cache once it has settled, failed or not', async () => {
  await loadSettings(getDb(), { fresh: true });
  await changingSettings(store(7));
  expect((await loadSettings(getDb())).maxUnpaidOrders).toBe(7);
  await store(8);
  await expect(changingSettings(Promise.reject(new Error('boom')))).rejects.toThrow('boom');
  expect((await loadSettings(getDb())).maxUnpaidOrders).toBe(8);
});

test('an invalid stored document is a fault, and it is not remembered', async () => {
  await getDb().collection('settings').doc('global').set({ maxUnpaidOrders: -1 });
  forgetSettings();
  await expect(loadSettings(getDb())).rejects.toThrow();
  await store(2);
  expect((await loadSettings(getDb())).maxUnpaidOrders).toBe(2);
});
