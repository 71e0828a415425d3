import { createLocalSdkApp } from '../sdk';
import { startEmulatorServer, type EmulatorServer } from '..';

/** Transactions as CloudBase runs them: snapshot reads, single-document writes by id, first writer wins. */
let server: EmulatorServer;
let db: ReturnType<ReturnType<typeof createLocalSdkApp>['database']>;
type Tx = Awaited<ReturnType<typeof db.startTransaction>>;

const DECLS = [
  { name: 'acc', purpose: 'test accounts', indexes: [] },
  { name: 'claims', purpose: 'unique test', indexes: [{ name: 'who_what', keys: { who: 1 as const, what: 1 as const }, unique: true }] },
];

beforeAll(async () => {
  server = await startEmulatorServer({ dbPath: ':memory:', collections: DECLS });
  db = createLocalSdkApp(server.url, server.credentials).database();
});
afterAll(() => server.close());
beforeEach(async () => {
  await db.collection('acc').doc('x').set({ n: 10 });
  await db.collection('acc').doc('y').set({ n: 0 });
});
const read = async (id: string) => ((await db.collection('acc').doc(id).get()) as { data: Array<{ n: number }> }).data[0];

describe('transactions', () => {
  test('commit applies every write at once', async () => {
    const tx = await db.startTransaction();
    const x = (await tx.collection('acc').doc('x').get()) as { data: { n: number } };
    await tx.collection('acc').doc('x').update({ n: x.data.n - 3 });
    await tx.collection('acc').doc('y').update({ n: 3 });
    await tx.collection('acc').add({ _id: 'z', n: 1 });
    expect((await read('x')).n).toBe(10); // not visible before commit
    await tx.commit();
    expect([(await read('x')).n, (await read('y')).n, (await read('z')).n]).toEqual([7, 3, 1]);
  });

  test('rollback writes nothing', async () => {
    const tx = await db.startTransaction();
    await tx.collection('acc').doc('x').update({ n: 0 });
    await tx.collection('acc').doc('w').set({ n: 1 });
    await tx.rollback();
    expect((await read('x')).n).toBe(10);
    expect(await read('w')).toBeUndefined();
  });

  test('reads see the snapshot, not later commits', async () => {
    const tx = await db.startTransaction();
    await db.collection('acc').doc('x').update({ n: 99 });
    const seen = (await tx.collection('acc').doc('x').get()) as { data: { n: number } };
    expect(seen.data.n).toBe(10);
    await tx.rollback();
  });

  test('two transactions writing one document: the second gets DATABASE_TRANSACTION_CONFLICT', async () => {
    const t1 = await db.startTransaction();
    const t2 = await db.startTransaction();
    await t1.collection('acc').doc('x').update({ n: 1 });
    await expect(t2.collection('acc').doc('x').update({ n: 2 })).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' });
    await t1.commit();
    expect((await read('x')).n).toBe(1);
  });

  test('a write committed after the snapshot makes the transaction conflict', async () => {
    const tx = await db.startTransaction();
    await tx.collection('acc').doc('x').update({ n: 5 });
    await db.collection('acc').doc('x').update({ n: 50 }); // outside any transaction
    await expect(tx.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' });
    expect((await read('x')).n).toBe(50);
  });

  test('creating the same id in two transactions conflicts', async () => {
    const t1 = await db.startTransaction();
    const t2 = await db.startTransaction();
    await t1.collection('acc').add({ _id: 'dup', n: 1 });
    await expect(t2.collection('acc').add({ _id: 'dup', n: 2 })).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' });
    await t1.commit();
    expect((await read('dup')).n).toBe(1);
    await db.collection('acc').doc('dup').remove();
  });

  test('where().update() inside a transaction is not transactional (as the SDK sends it)', async () => {
    const tx = await db.startTransaction();
    await tx.collection('acc').where({ _id: 'y' }).update({ n: 42 });
    await tx.rollback();
    expect((await read('y')).n).toBe(42); // the rollback did not undo it
  });

  test('a where-query inside a transaction is refused', async () => {
    const tx = await db.startTransaction();
    await expect(tx.collection('acc').where({ n: 10 }).get()).rejects.toMatchObject({ code: 'DATABASE_REQUEST_FAILED' });
    await tx.rollback();
  });

  test('runTransaction retries conflicts: 20 concurrent increments all land', async () => {
    await Promise.all(
      Array.from({ length: 20 }, () =>
        db.runTransaction(async (tx: Tx) => {
          const cur = (await tx.collection('acc').doc('y').get()) as { data: { n: number } };
          await new Promise((r) => setTimeout(r, Math.random() * 5));
          await tx.collection('acc').doc('y').update({ n: cur.data.n + 1 });
        }, 200),
      ),
    );
    expect((await read('y')).n).toBe(20);
    expect(server.emulator.stats().transactionConflicts).toBeGreaterThan(0);
  });

  test('finished or unknown transaction ids are refused', async () => {
    const tx = await db.startTransaction();
    await tx.commit();
    await expect(tx.collection('acc').doc('x').get()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL' });
  });
});

describe('unique indexes', () => {
  test('a second document with the same unique key → DATABASE_DUPLICATE_WRITE', async () => {
    await db.collection('claims').add({ who: 'u1', what: 'trial' });
    await expect(db.collection('claims').add({ who: 'u1', what: 'trial' })).rejects.toMatchObject({ code: 'DATABASE_DUPLICATE_WRITE' });
    await db.collection('claims').add({ who: 'u2', what: 'trial' });
    expect(((await db.collection('claims').count()) as { total: number }).total).toBe(2);
  });
  test('an update into an existing key is refused too', async () => {
    await db.collection('claims').doc('k1').set({ who: 'u3', what: 'a' });
    await db.collection('claims').doc('k2').set({ who: 'u3', what: 'b' });
    await expect(db.collection('claims').doc('k2').update({ what: 'a' })).rejects.toMatchObject({ code: 'DATABASE_DUPLICATE_WRITE' });
  });
  test('two concurrent transactions claiming one key: exactly one commits', async () => {
    const attempt = (id: string) =>
      db
        .runTransaction(async (tx: Tx) => {
          await tx.collection('claims').doc(id).set({ who: 'u9', what: 'gift' });
        }, 0)
        .then(() => 'ok', (e: { code: string }) => e.code);
    const results = await Promise.all([attempt('r1'), attempt('r2')]);
    expect(results.filter((r) => r === 'ok')).toHaveLength(1);
    expect(results.filter((r) => r !== 'ok')).toEqual(['DATABASE_DUPLICATE_WRITE']);
    expect(((await db.collection('claims').where({ who: 'u9' }).count()) as { total: number }).total).toBe(1);
  });
});
