import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getDb } from '../../cloudfunctions/_kit/db';
import { localMessageRecorder } from '../../cloudfunctions/_kit/messages/local-recorder';
import { startLocalServer, type LocalServer } from '../server';
import { rawTcbRequest } from '../testing/tcb-sign';

let server: LocalServer;
let h5Dir: string;

beforeAll(async () => {
  process.env.LOG_LEVEL = 'silent';
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gw-'));
  h5Dir = path.join(dir, 'h5');
  mkdirSync(h5Dir);
  writeFileSync(path.join(h5Dir, 'index.html'), '<!doctype html><title>会员储值商城</title>');
  writeFileSync(path.join(dir, 'secret.txt'), 'outside the web root');
  server = await startLocalServer({ port: 0, dataDir: path.join(dir, 'data'), fresh: true, quiet: true, h5Dir });
});
afterAll(async () => {
  await server?.close();
});

const post = (p: string, body: string | object, headers: Record<string, string> = {}) =>
  fetch(server.url + p, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
const asCustomer = { 'x-dev-openid': 'cust_demo' };

async function countAll(): Promise<Record<string, number>> {
  const db = getDb();
  const out: Record<string, number> = {};
  for (const c of ['products', 'settings', 'settings_changes']) out[c] = ((await db.collection(c).count()) as { total: number }).total;
  return out;
}

describe('local gateway: /fn', () => {
  test('calls the real handler with the dev identity', async () => {
    const res = await post('/fn/catalog', { action: 'list' }, asCustomer);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.ok).toBe(true);
    expect(body.data.products.length).toBeGreaterThanOrEqual(5);
  });

  test.each([
    ['missing identity', '/fn/catalog', { action: 'list' }, {}, 401, 'UNAUTHENTICATED'],
    ['malformed identity', '/fn/catalog', { action: 'list' }, { 'x-dev-openid': 'a b<script>' }, 401, 'UNAUTHENTICATED'],
    ['malformed JSON', '/fn/catalog', '{"action": "list"', asCustomer, 400, 'INVALID_INPUT'],
    ['unknown function', '/fn/nope', { action: 'list' }, asCustomer, 404, 'NOT_FOUND'],
    ['unknown action', '/fn/catalog', { action: 'drop' }, asCustomer, 400, 'UNKNOWN_ACTION'],
    ['wrong type of action', '/fn/catalog', { action: 5 }, asCustomer, 400, 'INVALID_INPUT'],
    ['extra fields', '/fn/catalog', { action: 'list', priceFen: 1 }, asCustomer, 400, 'INVALID_INPUT'],
    ['array body', '/fn/catalog', [1, 2], asCustomer, 400, 'INVALID_INPUT'],
  ])('%s → %i %s, nothing written, still serving', async (_n, p, body, headers, status, code) => {
    const before = await countAll();
    const res = await post(p, body as object, headers as Record<string, string>);
    expect(res.status).toBe(status);
    expect(await res.json()).toMatchObject({ ok: false, error: { code } });
    expect(await countAll()).toEqual(before);
    expect((await post('/fn/catalog', { action: 'list' }, asCustomer)).status).toBe(200);
  });

  test('oversized body (> 1 MB) → 413 PAYLOAD_TOO_LARGE, still serving', async () => {
    const big = JSON.stringify({ action: 'list', pad: 'x'.repeat(1024 * 1024 + 10) });
    const res = await post('/fn/catalog', big, asCustomer);
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE' } });
    expect((await post('/fn/catalog', { action: 'list' }, asCustomer)).status).toBe(200);
  });

  test('GET on a function is refused', async () => {
    const res = await fetch(server.url + '/fn/catalog');
    expect(res.status).toBe(405);
  });
});

describe('local gateway: /local tools', () => {
  test('clock offset round-trips and bad input is refused', async () => {
    const set = await post('/local/clock', { offsetMs: 86_400_000 });
    expect(set.status).toBe(200);
    // The server's now lies between the moments before and after asking, however slow the answer.
    const asked = Date.now();
    const got = await (await fetch(server.url + '/local/clock')).json();
    expect(got.data.offsetMs).toBe(86_400_000);
    expect(got.data.now).toBeGreaterThanOrEqual(asked + 86_400_000);
    expect(got.data.now).toBeLessThanOrEqual(Date.now() + 86_400_000);
    expect((await post('/local/clock', { offsetMs: 1.5 })).status).toBe(400);
    expect((await post('/local/clock', 'nope')).status).toBe(400);
    await post('/local/clock', { offsetMs: 0 });
  });

  test('messages/refuse arms 43101 refusals for the next sends to that customer, then they go through', async () => {
    const armed = await post('/local/messages/refuse', { openid: 'cust_refuses', times: 1 });
    expect(armed.status).toBe(200);
    const port = localMessageRecorder(getDb(), Date.now);
    const req = { touser: 'cust_refuses', templateId: 'tpl-promotion', page: 'pages/index/index', data: {}, miniprogramState: 'developer' as const, lang: 'zh_CN' as const };
    expect(await port.send(req, { messageId: 'msg_gw_1', openid: 'cust_refuses' })).toMatchObject({ ok: false, code: '43101' });
    expect(await port.send(req, { messageId: 'msg_gw_2', openid: 'cust_refuses' })).toEqual({ ok: true });
    expect((await post('/local/messages/refuse', { openid: 'cust_refuses', times: -1 })).status).toBe(400);
    expect((await post('/local/messages/refuse', { times: 1 })).status).toBe(400);
  });

  test('trigger refuses functions without a timer trigger', async () => {
    const res = await post('/local/trigger/catalog', {});
    expect(res.status).toBe(404);
    expect((await post('/local/trigger/nope', {})).status).toBe(404);
  });
});

describe('local gateway: static H5 and emulator mount', () => {
  test('serves the H5 index and refuses path escapes', async () => {
    const res = await fetch(server.url + '/');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('会员储值商城');
    const escape = await fetch(server.url + '/..%2fsecret.txt');
    expect(await escape.text()).not.toContain('outside the web root');
  });

  test('/tcb answers malformed requests CloudBase-style and keeps serving', async () => {
    // Signed (the emulator refuses anything else before reading it), but not JSON.
    const res = await rawTcbRequest(`${server.url}/tcb`, server.credentials, {}, { sendBody: '{not json' });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toMatchObject({ code: 'INVALID_PARAM', message: expect.any(String) });
    expect((await post('/fn/catalog', { action: 'list' }, asCustomer)).status).toBe(200);
  });
});
