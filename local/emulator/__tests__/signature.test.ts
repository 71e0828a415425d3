import Database from 'better-sqlite3';
import { EJSON } from 'bson';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmulatorServer, type EmulatorServer } from '..';
import { loadFixture, shapeMismatches } from '../../../cloudfunctions/_kit/platform/fixtures';
import { rawTcbRequest } from '../../testing/tcb-sign';
import { generateCredentials } from '../credentials';
import { createLocalSdkApp } from '../sdk';

/**
 * The emulator refuses what CloudBase refuses — a request not signed by the current key pair —
 * and what only a web page would send. Every refusal has CloudBase's error shape and writes
 * nothing: SQLite's data_version (seen from a connection of our own) and the document count are
 * the same before and after.
 */
let server: EmulatorServer;
let probe: Database.Database;

beforeAll(async () => {
  process.env.SILENCE = 'true';
  const dir = mkdtempSync(path.join(os.tmpdir(), 'emu-sign-'));
  server = await startEmulatorServer({ dbPath: path.join(dir, 'db.sqlite'), collections: [{ name: 'wallets', indexes: [], purpose: 'what an attacker would like to mint' }] });
  await createLocalSdkApp(server.url, server.credentials).database().collection('wallets').add({ _id: 'w1', balanceFen: 100 });
  probe = new Database(path.join(dir, 'db.sqlite'), { readonly: true, fileMustExist: true });
});
afterAll(async () => {
  probe.close();
  await server.close();
});

const snapshot = () => `${probe.pragma('data_version', { simple: true })}:${server.emulator.stats().documents}`;

/** What an attacker would most like to do: mint a wallet. */
const mint = (id: string) => ({
  action: 'database.insertDocument',
  collectionName: 'wallets',
  data: [EJSON.stringify({ _id: id, balanceFen: 1_000_000 }, { relaxed: false })],
  envName: 'local',
});

const now = () => Math.floor(Date.now() / 1000);

describe('a correctly signed request works (so the refusals below are about the signature)', () => {
  test('the real SDK, signing with the emulator credentials', async () => {
    const db = createLocalSdkApp(server.url, server.credentials).database();
    const got = (await db.collection('wallets').doc('w1').get()) as { data: Array<{ balanceFen: number }> };
    expect(got.data[0].balanceFen).toBe(100);
  });

  test('a hand-signed insert is accepted and writes', async () => {
    const before = snapshot();
    const res = await rawTcbRequest(server.url, server.credentials, mint('w_signed'));
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toMatchObject({ data: { insertedIds: ['w_signed'] } });
    expect(snapshot()).not.toBe(before);
  });
});

describe('refused: CloudBase error shape, nothing written', () => {
  const other = generateCredentials();
  const cases: Array<[string, () => ReturnType<typeof rawTcbRequest>, number, string, RegExp]> = [
    ['unsigned', () => rawTcbRequest(server.url, server.credentials, mint('w_x1'), { unsigned: true }), 200, 'SIGN_PARAM_INVALID', /missing authorization/],
    ['garbled Authorization', () => rawTcbRequest(server.url, server.credentials, mint('w_g1'), { authorization: 'TC3-HMAC-SHA256 Credential=oops' }), 200, 'SIGN_PARAM_INVALID', /malformed authorization/],
    ['a Bearer token instead of a signature', () => rawTcbRequest(server.url, server.credentials, mint('w_g2'), { authorization: 'Bearer 0123456789abcdef' }), 200, 'SIGN_PARAM_INVALID', /malformed authorization/],
    ['signed with another key pair', () => rawTcbRequest(server.url, other, mint('w_x2')), 200, 'SIGN_PARAM_INVALID', /secret id error/],
    ['right secret id, wrong secret key', () => rawTcbRequest(server.url, { secretId: server.credentials.secretId, secretKey: other.secretKey }, mint('w_x3')), 200, 'SIGN_PARAM_INVALID', /signature mismatch/],
    ['body altered after signing', () => rawTcbRequest(server.url, server.credentials, mint('w_x4'), { sendBody: JSON.stringify(mint('w_x4_evil')) }), 200, 'SIGN_PARAM_INVALID', /signature mismatch/],
    [
      'an unsigned parameter added',
      () => rawTcbRequest(server.url, server.credentials, mint('w_x5'), { sendBody: JSON.stringify({ ...mint('w_x5'), transactionId: 'tx_evil' }) }),
      200,
      'SIGN_PARAM_INVALID',
      /not signed/,
    ],
    [
      'a parameter hidden behind one that differs only in case',
      () => rawTcbRequest(server.url, server.credentials, mint('w_x6'), { sendBody: JSON.stringify({ ...mint('w_x6'), collectionName: 'orders', COLLECTIONNAME: 'wallets' }) }),
      200,
      'SIGN_PARAM_INVALID',
      /appears twice/,
    ],
    ['expired timestamp (601 s old)', () => rawTcbRequest(server.url, server.credentials, mint('w_x7'), { timestamp: now() - 601 }), 200, 'SIGN_PARAM_INVALID', /signature is expired/],
    ['timestamp an hour ahead', () => rawTcbRequest(server.url, server.credentials, mint('w_x8'), { timestamp: now() + 3600 }), 200, 'SIGN_PARAM_INVALID', /future/],
    ['foreign Host (DNS rebinding), even signed', () => rawTcbRequest(server.url, server.credentials, mint('w_x9'), { headers: { host: `evil.example:${new URL(server.url).port}` } }), 403, 'EMULATOR_FOREIGN_HOST', /not this emulator/],
    ['cross-site Origin, even signed', () => rawTcbRequest(server.url, server.credentials, mint('w_x10'), { headers: { origin: 'http://evil.example' } }), 403, 'EMULATOR_BROWSER_REFUSED', /browser/],
    ['Sec-Fetch-Site: cross-site, even signed', () => rawTcbRequest(server.url, server.credentials, mint('w_x11'), { headers: { 'sec-fetch-site': 'cross-site' } }), 403, 'EMULATOR_BROWSER_REFUSED', /browser/],
    ['CORS preflight (OPTIONS)', () => rawTcbRequest(server.url, server.credentials, mint('w_x12'), { method: 'OPTIONS', headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' } }), 403, 'EMULATOR_BROWSER_REFUSED', /preflight/],
  ];

  test.each(cases)('%s', async (_name, send, status, code, message) => {
    const before = snapshot();
    const res = await send();
    expect(res.status).toBe(status);
    const body = JSON.parse(res.text) as Record<string, unknown>;
    expect(body).toEqual({ code, message: expect.stringMatching(message), requestId: expect.stringMatching(/^[0-9a-f]{32}$/) });
    // CloudBase's error envelope, as the SDK reads it (fixture tcb.reply.error).
    expect(shapeMismatches(loadFixture('tcb.reply.error'), body)).toEqual([]);
    expect(Object.keys(res.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    expect(snapshot()).toBe(before);
  });

  test('a request signed with the right key still passes right after (the refusals were not flukes)', async () => {
    const res = await rawTcbRequest(server.url, server.credentials, mint('w_after'));
    expect(JSON.parse(res.text)).toMatchObject({ data: { insertedIds: ['w_after'] } });
  });

  test('the real SDK with wrong keys gets SIGN_PARAM_INVALID thrown, and writes nothing', async () => {
    const before = snapshot();
    const db = createLocalSdkApp(server.url, other).database();
    await expect(db.collection('wallets').add({ _id: 'w_sdk_wrong', balanceFen: 1 })).rejects.toMatchObject({ code: 'SIGN_PARAM_INVALID' });
    await expect(db.collection('wallets').get()).rejects.toMatchObject({ code: 'SIGN_PARAM_INVALID' });
    expect(snapshot()).toBe(before);
  });

  test('no reply carries CORS headers, accepted ones included', async () => {
    const res = await rawTcbRequest(server.url, server.credentials, { action: 'database.calculateDocument', collectionName: 'wallets', envName: 'local' });
    expect(JSON.parse(res.text)).toMatchObject({ data: { total: expect.any(Number) } });
    expect(Object.keys(res.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
  });
});

describe('storage objects keep their own signed URLs', () => {
  test('another site cannot upload, not even with a valid upload URL; the SDK still can', async () => {
    const app = createLocalSdkApp(server.url, server.credentials);
    const up = await app.uploadFile({ cloudPath: 'guard/a.txt', fileContent: Buffer.from('hello') });
    const meta = (await app.getTempFileURL({ fileList: [up.fileID] })) as { fileList: Array<{ tempFileURL: string }> };
    const tempUrl = meta.fileList[0].tempFileURL;
    expect(await (await fetch(tempUrl)).text()).toBe('hello');
    // A cross-site PUT to a files URL, and a preflight for one, are refused before COS's own checks.
    const put = await fetch(tempUrl, { method: 'PUT', body: 'evil', headers: { origin: 'http://evil.example' } });
    expect(put.status).toBe(403);
    const pre = await fetch(tempUrl, { method: 'OPTIONS', headers: { origin: 'http://evil.example', 'access-control-request-method': 'PUT' } });
    expect(pre.status).toBe(403);
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
    expect(await (await fetch(tempUrl)).text()).toBe('hello');
  });
});
