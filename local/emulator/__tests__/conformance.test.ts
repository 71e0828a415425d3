import { rawTcbRequest } from '../../testing/tcb-sign';
import { createLocalSdkApp } from '../sdk';
import { startEmulatorServer, type EmulatorServer } from '..';

/**
 * Emulator conformance through the real @cloudbase/node-sdk: every operator and option our code
 * uses, with CloudBase's limits. If one of these fails, production code tested locally could lie.
 */
let server: EmulatorServer;
let db: ReturnType<ReturnType<typeof createLocalSdkApp>['database']>;

beforeAll(async () => {
  server = await startEmulatorServer({ dbPath: ':memory:' });
  db = createLocalSdkApp(server.url, server.credentials).database();
  await db.createCollection('items');
  await db.createCollection('many');
  const items = [
    { _id: 'a', n: 1, s: 'x', tags: ['red', 'big'], nested: { k: 1 } },
    { _id: 'b', n: 2, s: 'y', tags: ['red'] },
    { _id: 'c', n: 3, s: 'x', tags: [] },
    { _id: 'd', n: 4, s: 'z', opt: true },
    { _id: 'e', n: 5, s: 'y', opt: false },
  ];
  await db.collection('items').add(items);
  const many = Array.from({ length: 1500 }, (_, i) => ({ _id: `m${String(i).padStart(4, '0')}`, i }));
  for (let i = 0; i < many.length; i += 500) await db.collection('many').add(many.slice(i, i + 500));
});
afterAll(() => server.close());

const ids = (res: unknown) => ((res as { data: Array<{ _id: string }> }).data.map((d) => d._id)).sort();

describe('query operators', () => {
  const _ = () => db.command;
  test.each([
    ['eq', () => ({ s: 'x' }), ['a', 'c']],
    ['eq via command', () => ({ n: _().eq(2) }), ['b']],
    ['neq', () => ({ s: _().neq('x') }), ['b', 'd', 'e']],
    ['gt', () => ({ n: _().gt(3) }), ['d', 'e']],
    ['gte', () => ({ n: _().gte(3) }), ['c', 'd', 'e']],
    ['lt', () => ({ n: _().lt(2) }), ['a']],
    ['lte', () => ({ n: _().lte(2) }), ['a', 'b']],
    ['in', () => ({ s: _().in(['y', 'z']) }), ['b', 'd', 'e']],
    ['nin', () => ({ s: _().nin(['y', 'z']) }), ['a', 'c']],
    ['exists true', () => ({ opt: _().exists(true) }), ['d', 'e']],
    ['exists false', () => ({ opt: _().exists(false) }), ['a', 'b', 'c']],
    ['and', () => ({ n: _().gt(1).and(_().lt(4)) }), ['b', 'c']],
    ['or', () => _().or([{ n: 1 }, { s: 'z' }]), ['a', 'd']],
    ['array element match', () => ({ tags: 'red' }), ['a', 'b']],
    ['nested field', () => ({ 'nested.k': 1 }), ['a']],
    ['boolean', () => ({ opt: false }), ['e']],
  ])('%s', async (_name, where, expected) => {
    expect(ids(await db.collection('items').where(where() as never).get())).toEqual(expected);
  });
});

describe('orderBy / skip / limit and the 100/1000 rules', () => {
  test('orderBy desc with skip and limit', async () => {
    const res = (await db.collection('items').orderBy('n', 'desc').skip(1).limit(2).get()) as { data: Array<{ _id: string }> };
    expect(res.data.map((d) => d._id)).toEqual(['d', 'c']);
  });
  test('two sort keys', async () => {
    const res = (await db.collection('items').orderBy('s', 'asc').orderBy('n', 'desc').get()) as { data: Array<{ _id: string }> };
    expect(res.data.map((d) => d._id)).toEqual(['c', 'a', 'e', 'b', 'd']);
  });
  test('no limit → 100 documents', async () => {
    expect(((await db.collection('many').get()) as { data: unknown[] }).data).toHaveLength(100);
  });
  test('limit above 1000 → 1000 documents', async () => {
    expect(((await db.collection('many').limit(5000).get()) as { data: unknown[] }).data).toHaveLength(1000);
  });
  test('the emulator itself caps a raw request asking for more', async () => {
    const reply = await server.emulator.handle({ action: 'database.getDocument', collectionName: 'many', limit: 1200 });
    expect((reply.data as { list: unknown[] }).list).toHaveLength(1000);
  });
  test('paging with skip reaches every document exactly once', async () => {
    const seen = new Set<string>();
    for (let skip = 0; skip < 1500; skip += 1000) {
      const res = (await db.collection('many').orderBy('i', 'asc').skip(skip).limit(1000).get()) as { data: Array<{ _id: string }> };
      res.data.forEach((d) => seen.add(d._id));
    }
    expect(seen.size).toBe(1500);
  });
  test('field projection', async () => {
    const res = (await db.collection('items').where({ _id: 'a' }).field({ n: true }).get()) as { data: Array<Record<string, unknown>> };
    expect(res.data[0]).toEqual({ _id: 'a', n: 1 });
  });
});

describe('count and aggregate', () => {
  test('count with a filter', async () => {
    expect(((await db.collection('items').where({ s: 'x' }).count()) as { total: number }).total).toBe(2);
    expect(((await db.collection('many').count()) as { total: number }).total).toBe(1500);
  });
  test('aggregate match / group / sort', async () => {
    const $ = db.command.aggregate;
    const res = (await db
      .collection('items')
      .aggregate()
      .match({ n: db.command.gte(2) })
      .group({ _id: '$s', total: $.sum('$n'), count: $.sum(1) })
      .sort({ total: -1 })
      .end()) as { data: unknown[] };
    expect(res.data).toEqual([
      { _id: 'y', total: 7, count: 2 },
      { _id: 'z', total: 4, count: 1 },
      { _id: 'x', total: 3, count: 1 },
    ]);
  });
  test('aggregate without limit returns 20 (CloudBase default), with limit up to 10000', async () => {
    expect(((await db.collection('many').aggregate().match({}).end()) as { data: unknown[] }).data).toHaveLength(20);
    expect(((await db.collection('many').aggregate().match({}).limit(1500).end()) as { data: unknown[] }).data).toHaveLength(1500);
  });
});

describe('update operators', () => {
  beforeEach(async () => {
    await db.collection('items').doc('u').set({ n: 1, list: [1], set: ['a'], gone: 'x', obj: { a: 1 } });
  });
  const read = async () => ((await db.collection('items').doc('u').get()) as { data: Array<Record<string, unknown>> }).data[0];

  test('inc / set / remove / push / addToSet in one update', async () => {
    const _ = db.command;
    const res = (await db
      .collection('items')
      .doc('u')
      .update({ n: _.inc(5), 'obj.b': 2, gone: _.remove(), list: _.push([2, 3]), set: _.addToSet('a') })) as { updated: number };
    expect(res.updated).toBe(1);
    expect(await read()).toEqual({ _id: 'u', n: 6, list: [1, 2, 3], set: ['a'], obj: { a: 1, b: 2 } });
  });
  test('integers stay integers, dates stay dates', async () => {
    const at = new Date('2026-11-23T00:00:00Z');
    await db.collection('items').doc('u').update({ n: 2, at });
    const doc = await read();
    expect(Number.isInteger(doc.n)).toBe(true);
    expect(doc.at).toEqual(at);
  });
  test('serverDate resolves on the server', async () => {
    // Stamped between sending the update and reading it back, however slow the box.
    const sent = Date.now();
    await db.collection('items').doc('u').update({ at: db.serverDate() });
    const doc = await read();
    expect((doc.at as Date).getTime()).toBeGreaterThanOrEqual(sent);
    expect((doc.at as Date).getTime()).toBeLessThanOrEqual(Date.now());
  });
  test('where().update() counts what it changed', async () => {
    const res = (await db.collection('items').where({ _id: 'u', n: 1 }).update({ n: 9 })) as { updated: number };
    expect(res.updated).toBe(1);
    const again = (await db.collection('items').where({ _id: 'u', n: 1 }).update({ n: 9 })) as { updated: number };
    expect(again.updated).toBe(0);
  });
  test('set replaces the document; remove deletes it', async () => {
    await db.collection('items').doc('u').set({ only: true });
    expect(await read()).toEqual({ _id: 'u', only: true });
    expect(((await db.collection('items').doc('u').remove()) as { deleted: number }).deleted).toBe(1);
    expect(await read()).toBeUndefined();
  });
  test('updateAndReturn gives the new document', async () => {
    const res = (await db.collection('items').where({ _id: 'u' }).updateAndReturn({ n: db.command.inc(1) })) as { doc: { n: number } };
    expect(res.doc.n).toBe(2);
  });
});

describe('errors come back as CloudBase codes', () => {
  test('duplicate _id → DATABASE_DUPLICATE_WRITE, nothing written', async () => {
    await expect(db.collection('items').add({ _id: 'a', n: 100 })).rejects.toMatchObject({ code: 'DATABASE_DUPLICATE_WRITE' });
    expect(((await db.collection('items').doc('a').get()) as { data: Array<{ n: number }> }).data[0].n).toBe(1);
  });
  test('unknown collection → DATABASE_COLLECTION_NOT_EXIST', async () => {
    await expect(db.collection('nope').get()).rejects.toMatchObject({ code: 'DATABASE_COLLECTION_NOT_EXIST' });
  });
  test.each([
    ['not JSON', 'not json', 'INVALID_PARAM'],
    ['unknown action', JSON.stringify({ action: 'database.dropDatabase' }), 'INVALID_ACTION'],
    ['array body', '[1,2]', 'INVALID_PARAM'],
    ['bad limit', JSON.stringify({ action: 'database.getDocument', collectionName: 'items', limit: -3 }), 'INVALID_PARAM'],
    ['bad query', JSON.stringify({ action: 'database.getDocument', collectionName: 'items', query: '{"n":{"$nope":1}}' }), 'DATABASE_REQUEST_FAILED'],
    ['oversized body', JSON.stringify({ action: 'database.insertDocument', collectionName: 'items', data: ['x'.repeat(1024 * 1024 + 10)] }), 'EXCEED_REQUEST_SIZE_LIMIT'],
  ])('%s → HTTP 200 {code, message}, emulator keeps serving', async (_n, body, code) => {
    const before = server.emulator.stats().documents;
    // Signed like the SDK signs (a body that is not a JSON object is sent as is, signed as empty).
    let params: Record<string, unknown> = {};
    try {
      const v: unknown = JSON.parse(body);
      if (v && typeof v === 'object' && !Array.isArray(v)) params = v as Record<string, unknown>;
    } catch {
      // not JSON: sent as is
    }
    const res = await rawTcbRequest(server.url, server.credentials, params, { sendBody: body });
    expect(res.status).toBe(200);
    const json = JSON.parse(res.text) as { code: string; message: string };
    expect(json.code).toBe(code);
    expect(typeof json.message).toBe('string');
    expect(server.emulator.stats().documents).toBe(before);
    expect(((await db.collection('items').where({ _id: 'a' }).get()) as { data: unknown[] }).data).toHaveLength(1);
  });
});
