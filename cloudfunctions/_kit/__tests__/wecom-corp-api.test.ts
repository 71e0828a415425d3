import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestStore, type TestStore } from '../../../local/testing/store-harness';
import { getById } from '../db';
import { corpApiWecom } from '../wecom/corp-api-adapter';
import { wecomContactIdOf } from '../wecom/port';
import { COLL } from '../collections';

/**
 * The production WeCom adapter against a fake corp API on loopback (same paths, same JSON): token
 * fetched once and cached, refreshed once when WeCom says it expired, unionid → external_userid →
 * following staff, the contact remembered, mark_tag sent with the documented body.
 */
let s: TestStore;
let fake: http.Server;
let base: string;
const seen: Array<{ method: string; path: string; query: Record<string, string>; body: unknown }> = [];
let tokenSeq = 0;
let expireNextMarkTag = false;

beforeAll(async () => {
  s = await startTestStore();
  fake = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
      seen.push({ method: req.method ?? '', path: url.pathname, query: Object.fromEntries(url.searchParams), body });
      const send = (o: unknown) => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(o));
      };
      const token = url.searchParams.get('access_token');
      switch (url.pathname) {
        case '/cgi-bin/gettoken':
          if (url.searchParams.get('corpid') !== 'ww_corp' || url.searchParams.get('corpsecret') !== 'sec') return send({ errcode: 40001, errmsg: 'invalid credential' });
          return send({ errcode: 0, errmsg: 'ok', access_token: `tok${++tokenSeq}`, expires_in: 7200 });
        case '/cgi-bin/externalcontact/unionid_to_external_userid':
          return send(body.unionid === 'u_known' ? { errcode: 0, errmsg: 'ok', external_userid: 'wmEXT1' } : { errcode: 84061, errmsg: 'not external contact' });
        case '/cgi-bin/externalcontact/get':
          return send({ errcode: 0, errmsg: 'ok', external_contact: { external_userid: url.searchParams.get('external_userid') }, follow_user: [{ userid: 'zhangsan' }, { userid: 'lisi' }] });
        case '/cgi-bin/externalcontact/mark_tag':
          if (expireNextMarkTag) {
            expireNextMarkTag = false;
            return send({ errcode: 42001, errmsg: 'access_token expired' });
          }
          return send(token === `tok${tokenSeq}` ? { errcode: 0, errmsg: 'ok' } : { errcode: 40014, errmsg: 'invalid access_token' });
        default:
          res.statusCode = 404;
          return send({ errcode: 404, errmsg: 'no such api' });
      }
    });
  });
  await new Promise<void>((r) => fake.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(fake.address() as AddressInfo).port}/cgi-bin`;
});
afterAll(async () => {
  await new Promise((r) => fake.close(r));
  await s.close();
});

test('resolve by unionid, prefer the configured staff member, remember the contact; mark_tag body as documented; token cached and refreshed once', async () => {
  const port = corpApiWecom(s.db(), Date.now, { corpId: 'ww_corp', secret: 'sec', followUserId: 'lisi', apiBase: base });
  expect(port.mode).toBe('corp-api');
  expect(await port.resolveContact({ openid: 'o_nounion' })).toBeNull(); // no unionid: cannot be found
  expect(await port.resolveContact({ openid: 'o_stranger', unionid: 'u_other' })).toBeNull();
  const c = await port.resolveContact({ openid: 'o_known', unionid: 'u_known' });
  expect(c).toEqual({ externalUserId: 'wmEXT1', followUserId: 'lisi' });
  expect(await getById(s.db(), COLL.wecom_contacts, wecomContactIdOf('o_known'))).toMatchObject({ externalUserId: 'wmEXT1', followUserId: 'lisi' });
  const calls = seen.length;
  expect(await port.resolveContact({ openid: 'o_known', unionid: 'u_known' })).toEqual(c);
  expect(seen.length).toBe(calls); // remembered: no WeCom call the second time

  const r = await port.markTag({ userid: 'lisi', externalUserId: 'wmEXT1', addTag: ['etA'], removeTag: [] }, { jobId: 'j', openid: 'o_known' });
  expect(r).toEqual({ errcode: 0, errmsg: 'ok' });
  const mark = seen.filter((x) => x.path.endsWith('/mark_tag'));
  expect(mark[0]).toMatchObject({ method: 'POST', body: { userid: 'lisi', external_userid: 'wmEXT1', add_tag: ['etA'], remove_tag: [] } });
  expect(seen.filter((x) => x.path.endsWith('/gettoken'))).toHaveLength(1);

  expireNextMarkTag = true;
  expect(await port.markTag({ userid: 'lisi', externalUserId: 'wmEXT1', addTag: ['etB'], removeTag: [] }, { jobId: 'j', openid: 'o_known' })).toEqual({ errcode: 0, errmsg: 'ok' });
  expect(seen.filter((x) => x.path.endsWith('/gettoken'))).toHaveLength(2);
});

test('wrong credentials are a fault (thrown), never a silent success', async () => {
  const port = corpApiWecom(s.db(), Date.now, { corpId: 'ww_corp', secret: 'wrong', apiBase: base });
  await expect(port.markTag({ userid: 'a', externalUserId: 'b', addTag: ['t'], removeTag: [] }, { jobId: 'j', openid: 'o' })).rejects.toThrow('40001');
});
