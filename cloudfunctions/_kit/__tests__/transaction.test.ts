import { startEmulatorServer } from '../../../local/emulator';
import { applyFunctionEnv } from '../../../local/emulator/credentials';
import { fail, ok } from '../../../shared/errors/result';
import { getDb } from '../db';
import { isConflict, runInTransaction } from '../transaction';

let server: Awaited<ReturnType<typeof startEmulatorServer>>;
beforeAll(async () => {
  server = await startEmulatorServer({ dbPath: ':memory:' });
  // The functions' SDK finds the emulator and its keys the way it finds CloudBase's on SCF.
  applyFunctionEnv(server.url, server.credentials);
  process.env.TCB_LOCAL_URL = server.url;
});
afterAll(async () => {
  await server.close();
});

describe('runInTransaction', () => {
  test('concurrent read-modify-write on one document loses no update (conflicts retried)', async () => {
    const db = getDb();
    await db.collection('settings').doc('counter').set({ n: 0 });
    let retries = 0;
    const N = 25;
    await Promise.all(
      Array.from({ length: N }, () =>
        runInTransaction(
          db,
          async (tx) => {
            const res = (await tx.collection('settings').doc('counter').get()) as { data: { n: number } | Array<{ n: number }> };
            const doc = Array.isArray(res.data) ? res.data[0] : res.data;
            await tx.collection('settings').doc('counter').update({ n: doc.n + 1 });
            return ok(doc.n);
          },
          { attempts: 50, onRetry: () => void retries++ },
        ),
      ),
    );
    const after = (await db.collection('settings').doc('counter').get()) as { data: Array<{ n: number }> };
    expect(after.data[0].n).toBe(N);
    expect(retries).toBeGreaterThan(0);
  });

  test('a returned refusal rolls back: nothing written', async () => {
    const db = getDb();
    await db.collection('settings').doc('refuse').set({ n: 1 });
    const res = await runInTransaction(db, async (tx) => {
      await tx.collection('settings').doc('refuse').update({ n: 99 });
      return fail('INSUFFICIENT_BALANCE', 'no');
    });
    expect(res.ok).toBe(false);
    const after = (await db.collection('settings').doc('refuse').get()) as { data: Array<{ n: number }> };
    expect(after.data[0].n).toBe(1);
  });

  test('a thrown fault rolls back and propagates', async () => {
    const db = getDb();
    await db.collection('settings').doc('fault').set({ n: 1 });
    await expect(
      runInTransaction(db, async (tx) => {
        await tx.collection('settings').doc('fault').update({ n: 2 });
        throw new Error('injected');
      }),
    ).rejects.toThrow('injected');
    const after = (await db.collection('settings').doc('fault').get()) as { data: Array<{ n: number }> };
    expect(after.data[0].n).toBe(1);
  });

  test('recognises both conflict spellings', () => {
    expect(isConflict({ code: 'DATABASE_TRANSACTION_CONFLICT' })).toBe(true);
    expect(isConflict({ code: 'ResourceUnavailable.TransactionConflict' })).toBe(true);
    expect(isConflict({ code: 'DATABASE_DUPLICATE_WRITE' })).toBe(false);
    expect(isConflict(new Error('x'))).toBe(false);
  });
});
