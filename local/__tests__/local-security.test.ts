import { mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getDb } from '../../cloudfunctions/_kit/db';
import { CREDENTIALS_FILE, readCredentialsFile } from '../emulator/credentials';
import { createLocalSdkApp } from '../emulator/sdk';
import { startLocalServer, type LocalServer } from '../server';
import { closeIdleSockets, request } from '../testing/http-client';
import { rawTcbRequest } from '../testing/tcb-sign';

/**
 * `npm start` as seen from the rest of the machine: /tcb takes only requests signed with this
 * start's keys (handed to the in-process functions and written to DATA_DIR for tools), and no
 * web page — another site's, or a DNS-rebinding one — can drive /tcb, /fn or /local.
 */
let server: LocalServer;
let dataDir: string;

beforeAll(async () => {
  process.env.LOG_LEVEL = 'silent';
  process.env.SILENCE = 'true';
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sec-'));
  const h5Dir = path.join(dir, 'h5');
  mkdirSync(h5Dir);
  writeFileSync(path.join(h5Dir, 'index.html'), '<!doctype html><title>会员储值商城</title>');
  dataDir = path.join(dir, 'data');
  server = await startLocalServer({ port: 0, dataDir, fresh: true, quiet: true, h5Dir });
});
afterAll(async () => {
  await server?.close();
});

const tcbUrl = () => `${server.url}/tcb`;
const walletCount = async () => ((await getDb().collection('wallets').count()) as { total: number }).total;
const mintWallet = { action: 'database.insertDocument', collectionName: 'wallets', data: [JSON.stringify({ _id: 'wallet_evil', openid: 'evil', balanceFen: { $numberInt: '9999999' } })], envName: 'local' };

describe('the keys of this start', () => {
  test('are written to DATA_DIR/tcb-credentials.json, readable by the owner only', () => {
    const file = path.join(dataDir, CREDENTIALS_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readCredentialsFile(dataDir)).toMatchObject({ ...server.credentials, env: 'local', serviceUrl: tcbUrl(), pid: process.pid });
  });

  test('are what the in-process functions sign with, the way SCF hands them over', async () => {
    expect(process.env.TENCENTCLOUD_SECRETID).toBe(server.credentials.secretId);
    expect(JSON.parse(process.env.TCB_CONTEXT_CNFG!)).toEqual({ URL: tcbUrl() });
    const res = await request(`${server.url}/fn/catalog`, { body: JSON.stringify({ action: 'list' }), headers: { 'x-dev-openid': 'cust_demo' } });
    expect(JSON.parse(res.text)).toMatchObject({ ok: true });
  });

  test('let a tool that reads the file use the real SDK', async () => {
    const db = createLocalSdkApp(tcbUrl(), readCredentialsFile(dataDir)).database();
    expect(((await db.collection('products').count()) as { total: number }).total).toBeGreaterThan(0);
  });
});

describe('refused at /tcb, nothing written', () => {
  test.each([
    ['unsigned', () => rawTcbRequest(tcbUrl(), server.credentials, mintWallet, { unsigned: true }), 200, 'SIGN_PARAM_INVALID'],
    ['signed with made-up keys (the old secretId "local")', () => rawTcbRequest(tcbUrl(), { secretId: 'local', secretKey: 'local' }, mintWallet), 200, 'SIGN_PARAM_INVALID'],
    ['a cross-site page, even with the right keys', () => rawTcbRequest(tcbUrl(), server.credentials, mintWallet, { headers: { origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' } }), 403, 'EMULATOR_BROWSER_REFUSED'],
    ['a DNS-rebinding page (foreign Host)', () => rawTcbRequest(tcbUrl(), server.credentials, mintWallet, { headers: { host: `evil.example:${server.port}` } }), 403, 'EMULATOR_FOREIGN_HOST'],
  ])('%s', async (_name, send, status, code) => {
    const before = await walletCount();
    const res = await send();
    expect([res.status, JSON.parse(res.text).code]).toEqual([status, code]);
    expect(await walletCount()).toBe(before);
  });

  test('a plain cross-site form POST (what any web page can send without CORS)', async () => {
    const before = await walletCount();
    const res = await request(tcbUrl(), { body: JSON.stringify(mintWallet), headers: { origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' } });
    expect(res.status).toBe(403);
    expect(await walletCount()).toBe(before);
  });
});

describe('the functions and dev tools are for this site and the command line only', () => {
  const asOwnerFromEvil = { 'x-dev-openid': 'op_admin', origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' };
  test.each([
    ['cross-site POST to a function', '/fn/catalog', 'POST', asOwnerFromEvil, 403],
    ['cross-site POST to the clock', '/local/clock', 'POST', { origin: 'http://evil.example' }, 403],
    ['cross-site POST to the pay simulator', '/local/pay/whatever/succeed', 'POST', { origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' }, 403],
    ['CORS preflight to a function', '/fn/catalog', 'OPTIONS', { origin: 'http://evil.example', 'access-control-request-method': 'POST' }, 403],
    ['a DNS-rebinding page reading the store', '/', 'GET', { host: `evil.example:0` }, 403],
    ['a DNS-rebinding page calling a function', '/fn/catalog', 'POST', { host: 'evil.example', 'x-dev-openid': 'cust_demo' }, 403],
  ])('%s → refused, no CORS headers', async (_name, p, method, headers, status) => {
    const res = await request(server.url + p, { method, body: method === 'POST' ? JSON.stringify({ action: 'list' }) : undefined, headers: headers as Record<string, string> });
    expect(res.status).toBe(status);
    expect(Object.keys(res.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
  });

  test('a cross-site clock change changes nothing', async () => {
    const offset = async () => JSON.parse((await request(`${server.url}/local/clock`, { method: 'GET' })).text).data.offsetMs;
    const before = await offset();
    await request(`${server.url}/local/clock`, { body: JSON.stringify({ offsetMs: 86_400_000 }), headers: { origin: 'http://evil.example' } });
    expect(await offset()).toBe(before);
  });

  test.each([
    ['the H5 app itself (same origin)', { origin: '', 'sec-fetch-site': 'same-origin' }],
    ['the H5 app opened as localhost', { origin: 'localhost', 'sec-fetch-site': 'same-origin' }],
    ['curl / a script (no browser headers)', {}],
  ])('%s is served', async (_name, extra) => {
    const host = (extra as { origin?: string }).origin === 'localhost' ? `localhost:${server.port}` : `127.0.0.1:${server.port}`;
    const headers: Record<string, string> = { 'x-dev-openid': 'cust_demo', host };
    if ('origin' in extra) headers.origin = `http://${host}`;
    if ('sec-fetch-site' in extra) headers['sec-fetch-site'] = (extra as Record<string, string>)['sec-fetch-site'];
    const res = await request(`${server.url}/fn/catalog`, { body: JSON.stringify({ action: 'list' }), headers });
    expect([res.status, JSON.parse(res.text).ok]).toEqual([200, true]);
  });
});

describe('storage files keep working for the H5 app', () => {
  test('the app\'s own page uploads and shows an image; another site cannot upload', async () => {
    const ticket = JSON.parse((await rawTcbRequest(tcbUrl(), server.credentials, { action: 'storage.getUploadMetadata', path: 'products/sec-test.png', envName: 'local' })).text).data as { url: string; authorization: string; fileId: string };
    const own = `127.0.0.1:${server.port}`;
    const put = (headers: Record<string, string>) => request(ticket.url, { method: 'PUT', body: 'png-bytes', headers: { authorization: ticket.authorization, ...headers } });
    expect((await put({ origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await put({ origin: `http://${own}`, 'sec-fetch-site': 'same-origin' })).status).toBe(200);
    const link = JSON.parse((await rawTcbRequest(tcbUrl(), server.credentials, { action: 'storage.batchGetDownloadUrl', file_list: [{ fileid: ticket.fileId, max_age: 60 }], envName: 'local' })).text);
    const url = link.data?.download_list?.[0]?.tempFileURL as string | undefined;
    expect(url).toMatch(/\/tcb\/files\//);
    const img = await request(url!, { method: 'GET', headers: { 'sec-fetch-site': 'same-origin' } });
    expect([img.status, img.text]).toEqual([200, 'png-bytes']);
  });
});

describe('a restart', () => {
  test('makes new keys; the old ones are refused', async () => {
    const old = server.credentials;
    const port = server.port;
    await server.close();
    closeIdleSockets(); // keep-alive sockets to the stopped server
    server = await startLocalServer({ port, dataDir, quiet: true, h5Dir: os.tmpdir() });
    expect(server.credentials.secretId).not.toBe(old.secretId);
    expect(readCredentialsFile(dataDir).secretId).toBe(server.credentials.secretId);
    const stale = await rawTcbRequest(tcbUrl(), old, { action: 'database.calculateDocument', collectionName: 'wallets', envName: 'local' });
    expect(JSON.parse(stale.text)).toMatchObject({ code: 'SIGN_PARAM_INVALID', message: 'secret id error' });
    // The functions in this process picked the new keys up (the SDK reads them per request).
    const res = await request(`${server.url}/fn/catalog`, { body: JSON.stringify({ action: 'list' }), headers: { 'x-dev-openid': 'cust_demo' } });
    expect(JSON.parse(res.text)).toMatchObject({ ok: true });
  });
});
