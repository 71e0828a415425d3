import { startEmulatorServer, type EmulatorServer } from '..';
import { rawTcbRequest } from '../../testing/tcb-sign';
import { safeRegExp } from '../regex-guard';
import { createLocalSdkApp } from '../sdk';

/**
 * A regex query cannot stall the emulator: every one runs on V8's linear-time engine (or is
 * refused with a clear error before it runs), through the real SDK's db.RegExp.
 */
let server: EmulatorServer;
let db: ReturnType<ReturnType<typeof createLocalSdkApp>['database']>;
const LONG = 'a'.repeat(50_000) + 'b';

beforeAll(async () => {
  process.env.SILENCE = 'true';
  server = await startEmulatorServer({ dbPath: ':memory:' });
  db = createLocalSdkApp(server.url, server.credentials).database();
  await db.createCollection('names');
  await db.collection('names').add([
    { _id: 'long', s: LONG },
    { _id: 'as', s: 'aaaa' },
    { _id: 'hello', s: 'Hello World' },
    { _id: 'idcard', s: '11010519491231002X' },
    { _id: 'accent', s: 'CAFÉ' },
  ]);
});
afterAll(() => server.close());

const ids = (res: unknown) => (res as { data: Array<{ _id: string }> }).data.map((d) => d._id).sort();
const find = async (regexp: string, options = '') => ids(await db.collection('names').where({ s: db.RegExp({ regexp, options }) }).limit(100).get());

describe('catastrophic patterns finish, with the right answer', () => {
  test.each([
    ['(a+)+$', ''],
    ['(a+)+$', 'i'],
    ['(a|aa)+$', ''],
    ['(a|aa)+$', 'i'],
    ['^(a*)*$', 'ms'],
    ['^a*a*a*a*a*a*$', ''],
  ])('%s /%s on a 50 000-character string', async (pattern, options) => {
    const t = performance.now();
    expect(await find(pattern, options)).toEqual(['as']);
    // Backtracking would take longer than the age of the universe here; linear is milliseconds.
    expect(performance.now() - t).toBeLessThan(3000);
  });

  test('the server answers another request at once afterwards', async () => {
    const t = performance.now();
    await find('(a+)+$');
    expect(((await db.collection('names').count()) as { total: number }).total).toBe(5);
    expect(performance.now() - t).toBeLessThan(3000);
  });
});

describe('ordinary patterns mean what JavaScript says', () => {
  test.each([
    ['hello', 'i', ['hello']],
    ['hello', '', []],
    ['^HELLO w', 'i', ['hello']],
    ['[^a-z ]orld', 'i', []],
    ['café', 'i', ['accent']],
    ['^\\d{17}[\\dXx]$', '', ['idcard']],
    ['^[a-z]{2,20}$', 'i', ['as']],
    ['(?<word>wor)ld', 'i', ['hello']],
    ['^a{3,}$', '', ['as']],
  ])('%s /%s', async (pattern, options, expected) => {
    expect(await find(pattern, options)).toEqual(expected);
  });

  test('the stored regex keeps the pattern and options the caller wrote', async () => {
    await db.collection('names').add({ _id: 'stored', s: 'x', rule: db.RegExp({ regexp: '^ab+c', options: 'i' }) });
    const doc = ((await db.collection('names').doc('stored').get()) as { data: Array<{ rule: unknown }> }).data[0];
    // Not the rewritten linear form ([\u0041\u0061]…) nor its `l` flag.
    expect(doc.rule).toEqual({ pattern: '^ab+c', options: 'i' });
    await db.collection('names').doc('stored').remove();
  });

  test('the linear form matches exactly what the pattern matches (sample strings)', () => {
    const samples = ['', 'a', 'A', 'ab', 'AB', 'aB-', 'k', '\u212a', 'ſ', 'S', 'Σσς', 'é', 'É', '12', 'x\ny', '-', 'Z]', 'abcABC'];
    const patterns: Array<[string, string]> = [['[a-c]+', 'i'], ['[^b]', 'i'], ['k', 'i'], ['s', 'i'], ['σ', 'i'], ['[-b]', 'i'], ['x.y', 's'], ['^y', 'm'], ['\\x41', 'i'], ['[\\w-]{2}', 'i'], ['a{0,20}b', 'i'], ['z\\]', 'i']];
    for (const [p, o] of patterns) {
      const plain = new RegExp(p, o);
      const linear = safeRegExp(p, o);
      // mingo copies regexes with new RegExp(re): the copy must stay linear and equivalent.
      const copy = new RegExp(linear);
      expect(copy.flags).toContain('l');
      for (const s of samples) expect([p, o, s, linear.test(s), copy.test(s)]).toEqual([p, o, s, plain.test(s), plain.test(s)]);
    }
  });
});

describe('refused with a clear error, nothing evaluated or written', () => {
  const all = async () => ((await db.collection('names').limit(100).get()) as { data: unknown[] }).data;
  test.each([
    ['a backreference', '(a)\\1', '', 'DATABASE_REQUEST_FAILED', /backreferences/],
    ['a lookahead', '(?=a)a', '', 'DATABASE_REQUEST_FAILED', /lookahead/],
    ['a group counted past 16', '(ab){20}', '', 'DATABASE_REQUEST_FAILED', /linear time/],
    ['option x', 'a', 'x', 'DATABASE_REQUEST_FAILED', /option "x" is not supported \(CloudBase allows i, m, s\)/],
    ['option g (refused by bson already)', 'a', 'g', 'INVALID_PARAM', /option \[g\] is not supported/],
    ['an identity escape', '\\q', '', 'DATABASE_REQUEST_FAILED', /not an escape/],
    ['a 5000-character pattern', 'x'.repeat(5000), '', 'DATABASE_REQUEST_FAILED', /longer than 4096/],
  ])('%s', async (_name, pattern, options, code, message) => {
    const before = await all();
    const query = db.collection('names').where({ s: db.RegExp({ regexp: pattern, options }) });
    await expect(query.get()).rejects.toMatchObject({ code, message: expect.stringMatching(message) });
    await expect(query.update({ s: 'minted' })).rejects.toMatchObject({ code });
    await expect(query.remove()).rejects.toMatchObject({ code });
    expect(await all()).toEqual(before);
  });

  test('a legacy {$regex} in extended JSON is a regex like any other: linear', async () => {
    const res = await rawTcbRequest(server.url, server.credentials, { action: 'database.getDocument', collectionName: 'names', query: JSON.stringify({ s: { $regex: '^(a+)+$' } }), envName: 'local' });
    expect(JSON.parse(res.text).data.list.map((d: string) => JSON.parse(d)._id)).toEqual(['as']);
  });

  test.each([
    ['a $regex string', { s: { $regex: '(a+)+$' } }, /db\.RegExp/],
    ['$options beside a regex', { s: { $regex: { $regularExpression: { pattern: 'a', options: '' } }, $options: 'i' } }, /db\.RegExp/],
  ])('hand-made query, not extended JSON: %s', async (_name, query, message) => {
    // mingo would compile these itself, with the backtracking engine.
    const res = await rawTcbRequest(server.url, server.credentials, { action: 'database.getDocument', collectionName: 'names', query, envName: 'local' });
    expect(JSON.parse(res.text)).toMatchObject({ code: 'DATABASE_REQUEST_FAILED', message: expect.stringMatching(message) });
  });

  test('aggregation regex expressions (not CloudBase operators) are refused', async () => {
    const stages = [{ stageKey: '$project', stageValue: JSON.stringify({ m: { $regexMatch: { input: '$s', regex: '(a+)+$' } } }) }];
    const res = await rawTcbRequest(server.url, server.credentials, { action: 'database.aggregateDocuments', collectionName: 'names', stages, envName: 'local' });
    expect(JSON.parse(res.text)).toMatchObject({ code: 'DATABASE_REQUEST_FAILED', message: expect.stringMatching(/\$regexMatch is not a CloudBase aggregation operator/) });
  });
});
