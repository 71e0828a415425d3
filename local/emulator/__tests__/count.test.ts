import { Query } from 'mingo';
import type { CollectionDecl } from '../../../shared/schemas/indexes';
import { createLocalSdkApp } from '../sdk';
import { startEmulatorServer, type EmulatorServer } from '..';

/**
 * count() through the real SDK: an equality on an index prefix is answered from the index alone
 * (no document visited); every other filter counts what find matches. Both must equal what mingo
 * says the documents match — including arrays (multikey), missing fields and mixed types.
 */
const DECLS: CollectionDecl[] = [
  {
    name: 'pr',
    purpose: 'count test',
    indexes: [
      { name: 'segments_openid', keys: { segments: 1, openid: 1 } },
      { name: 'tags_list', keys: { kind: 1, list: 1 } },
    ],
  },
];
let server: EmulatorServer;
let db: ReturnType<ReturnType<typeof createLocalSdkApp>['database']>;
const docs: Array<Record<string, unknown>> = [];

beforeAll(async () => {
  server = await startEmulatorServer({ dbPath: ':memory:', collections: DECLS });
  db = createLocalSdkApp(server.url, server.credentials).database();
  for (let i = 0; i < 1200; i++) {
    const d: Record<string, unknown> = { _id: `p${i}`, openid: `o${String(i).padStart(5, '0')}`, kind: i % 2 ? 'a' : 'b', list: [i % 3, i % 5] };
    if (i % 7 !== 0) d.segments = [`layer:${i % 4}`, `purchases:${i % 3}`, ...(i % 11 === 0 ? ['tag:x', 'tag:x2'] : [])];
    if (i % 13 === 0) d.segments = 'layer:1'; // a scalar where others hold arrays
    if (i % 17 === 0) d.segments = [];
    docs.push(d);
  }
  for (let i = 0; i < docs.length; i += 400) await db.collection('pr').add(docs.slice(i, i + 400));
});
afterAll(() => server.close());

const expected = (filter: Record<string, unknown>) => docs.filter((d) => new Query(filter).test(d)).length;
const count = async (where: Record<string, unknown>) => ((await db.collection('pr').where(where).count()) as { total: number }).total;

test.each<[string, Record<string, unknown>]>([
  ['multikey equality (index only)', { segments: 'layer:1' }],
  ['another key', { segments: 'tag:x' }],
  ['a key nobody has', { segments: 'layer:9' }],
  ['equality on the whole covered prefix', { segments: 'purchases:2', openid: 'o00005' }],
])('%s', async (_n, where) => {
  const { fullScans, indexOnlyCounts } = server.emulator.stats();
  expect(await count(where)).toBe(expected(where));
  expect(server.emulator.stats().lastPlan).toMatchObject({ index: 'segments_openid', examined: expected(where) });
  expect(server.emulator.stats()).toMatchObject({ fullScans, indexOnlyCounts: indexOnlyCounts + 1 });
});

test('filters the index cannot answer alone are still right (they visit documents)', async () => {
  const _ = db.command;
  const { indexOnlyCounts } = server.emulator.stats();
  expect(await count({ segments: 'layer:2', openid: _.gt('o00600') })).toBe(expected({ segments: 'layer:2', openid: { $gt: 'o00600' } }));
  expect(await count({ segments: null })).toBe(expected({ segments: null }));
  // A later index field holding arrays: one document has several entries under one prefix.
  expect(await count({ kind: 'a' })).toBe(expected({ kind: 'a' }));
  expect(await count({})).toBe(docs.length);
  expect(server.emulator.stats().indexOnlyCounts).toBe(indexOnlyCounts);
});

test('the index count follows writes (insert, update that moves a key, remove)', async () => {
  const before = await count({ segments: 'tag:new' });
  await db.collection('pr').add({ _id: 'n1', openid: 'n1', segments: ['tag:new', 'layer:0'] });
  await db.collection('pr').doc('p1').update({ segments: ['tag:new'] });
  expect(await count({ segments: 'tag:new' })).toBe(before + 2);
  await db.collection('pr').doc('n1').remove();
  expect(await count({ segments: 'tag:new' })).toBe(before + 1);
});
