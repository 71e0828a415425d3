import type { CollectionDecl } from '../../../shared/schemas/indexes';
import { createLocalSdkApp } from '../sdk';
import { startEmulatorServer, type EmulatorServer } from '..';

/** Queries on declared indexes never scan the collection; the plan and the answer must both be right. */
const DECLS: CollectionDecl[] = [
  {
    name: 'ev',
    purpose: 'index test',
    indexes: [
      { name: 'who_at', keys: { who: 1 as const, at: -1 as const } },
      { name: 'keys', keys: { keys: 1 as const } },
    ],
  },
];
let server: EmulatorServer;
let db: ReturnType<ReturnType<typeof createLocalSdkApp>['database']>;
const N = 3000;

beforeAll(async () => {
  server = await startEmulatorServer({ dbPath: ':memory:', collections: DECLS });
  db = createLocalSdkApp(server.url, server.credentials).database();
  const docs = Array.from({ length: N }, (_, i) => ({ _id: `e${i}`, who: `u${i % 100}`, at: i, keys: [`layer:${i % 3}`, `p:${i % 4}`] }));
  for (let i = 0; i < N; i += 500) await db.collection('ev').add(docs.slice(i, i + 500));
});
afterAll(() => server.close());

const plan = () => server.emulator.stats().lastPlan;

test('equality + order on a compound index reads only what it returns', async () => {
  const scans = server.emulator.stats().fullScans;
  const res = (await db.collection('ev').where({ who: 'u7' }).orderBy('at', 'desc').limit(3).get()) as { data: Array<{ at: number }> };
  expect(res.data.map((d) => d.at)).toEqual([2907, 2807, 2707]);
  expect(plan()).toEqual({ collection: 'ev', index: 'who_at', examined: 3 });
  expect(server.emulator.stats().fullScans).toBe(scans);
});

test('ascending order on a descending key walks the index backwards', async () => {
  const res = (await db.collection('ev').where({ who: 'u7' }).orderBy('at', 'asc').limit(2).get()) as { data: Array<{ at: number }> };
  expect(res.data.map((d) => d.at)).toEqual([7, 107]);
  expect(plan()).toMatchObject({ index: 'who_at', examined: 2 });
});

test('range on the second key', async () => {
  const _ = db.command;
  const res = (await db.collection('ev').where({ who: 'u1', at: _.gte(1000).and(_.lt(1300)) }).get()) as { data: Array<{ at: number }> };
  expect(res.data.map((d) => d.at).sort((a, b) => a - b)).toEqual([1001, 1101, 1201]);
  expect(plan()).toMatchObject({ index: 'who_at', examined: 3 });
});

test('$in on the leading key', async () => {
  const res = (await db.collection('ev').where({ who: db.command.in(['u1', 'u2']) }).count()) as { total: number };
  expect(res.total).toBe(60);
  expect(plan()).toMatchObject({ index: 'who_at', examined: 60 });
});

test('multikey array index: one element matches, paging by key is stable', async () => {
  const res = (await db.collection('ev').where({ keys: 'layer:2' }).count()) as { total: number };
  expect(res.total).toBe(1000);
  expect(plan()).toMatchObject({ index: 'keys', examined: 1000 });
});

test('a query on an unindexed field is counted as a full scan', async () => {
  const before = server.emulator.stats().fullScans;
  await db.collection('ev').where({ nope: 1 }).get();
  expect(server.emulator.stats().fullScans).toBe(before + 1);
  expect(plan()).toMatchObject({ index: null, examined: N });
});

test('writes keep the index current', async () => {
  await db.collection('ev').doc('e7').update({ who: 'moved' });
  expect(((await db.collection('ev').where({ who: 'moved' }).get()) as { data: unknown[] }).data).toHaveLength(1);
  expect(((await db.collection('ev').where({ who: 'u7' }).count()) as { total: number }).total).toBe(29);
  await db.collection('ev').doc('e7').remove();
  expect(((await db.collection('ev').where({ who: 'moved' }).get()) as { data: unknown[] }).data).toHaveLength(0);
});
