import http from 'node:http';
import https from 'node:https';
import type { Db } from '../db';
import { getById } from '../db';
import { wecomContactIdOf, type MarkTagRequest, type WecomContact, type WecomPort, type WecomResult } from './port';
import { COLL } from '../collections';

const DEFAULT_API = 'https://qyapi.weixin.qq.com/cgi-bin';
/** errcodes meaning "this access_token is no longer good": fetch a new one once and retry. */
const TOKEN_ERRORS = new Set([40001, 40014, 42001]);
const TIMEOUT_MS = 5_000;

/**
 * JSON over HTTPS with node:https. Written for the Nodejs16.13 runtime (no global fetch); the
 * declared runtime is now Nodejs20.19 (scripts/runtime/runtimes.ts), where this still works and
 * keeps the request timeout explicit.
 */
function httpsJson<T>(method: 'GET' | 'POST', url: string, body?: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const req = (url.startsWith('http:') ? http : https).request(url, { method, timeout: TIMEOUT_MS, headers: payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as T);
        } catch (e) {
          reject(new Error(`wecom ${method} ${url.split('?')[0]}: not JSON (HTTP ${res.statusCode})`));
        }
      });
    });
    req.on('timeout', () => req.destroy(new Error(`wecom ${url.split('?')[0]}: timed out after ${TIMEOUT_MS} ms`)));
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

interface CachedToken {
  token: string;
  expiresAt: number;
}

interface StoredContact extends WecomContact {
  _id: string;
  openid: string;
  resolvedAt: number;
}

/**
 * Production adapter: the WeCom corp API with the self-built app's credentials from the function's
 * environment (`WECOM_CORP_ID`, `WECOM_SECRET`; the app must be listed under 客户联系 → 可调用接口的应用).
 *
 * - access_token: GET /gettoken?corpid&corpsecret, cached per warm instance until 5 minutes
 *   before `expires_in` (WeCom throttles gettoken), refreshed once when a call reports it invalid.
 * - contact: a mini-program customer is found by unionid (POST
 *   /externalcontact/unionid_to_external_userid {unionid, openid}; needs the mini program and the
 *   corp under the same verified subject), then GET /externalcontact/get for the staff member who
 *   follows them (`WECOM_FOLLOW_USERID` preferred when they follow the customer). Resolved contacts are
 *   kept in `wecom_contacts` (an operator may also fill that collection from WeCom's contact export).
 * - tags: POST /externalcontact/mark_tag {userid, external_userid, add_tag, remove_tag}.
 */
export function corpApiWecom(db: Db, now: () => number, env: { corpId: string; secret: string; followUserId?: string; apiBase?: string }): WecomPort {
  const API = env.apiBase ?? DEFAULT_API;
  let cached: CachedToken | null = null;

  async function token(force = false): Promise<string> {
    if (!force && cached && cached.expiresAt > Date.now()) return cached.token;
    const url = `${API}/gettoken?corpid=${encodeURIComponent(env.corpId)}&corpsecret=${encodeURIComponent(env.secret)}`;
    const res = await httpsJson<WecomResult & { access_token?: string; expires_in?: number }>('GET', url);
    if (res.errcode !== 0 || !res.access_token) throw new Error(`wecom gettoken failed: ${res.errcode} ${res.errmsg}`);
    cached = { token: res.access_token, expiresAt: Date.now() + Math.max(60, (res.expires_in ?? 7200) - 300) * 1000 };
    return cached.token;
  }

  async function call<T extends WecomResult>(path: string, body?: unknown): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const t = await token(attempt > 0);
      const sep = path.includes('?') ? '&' : '?';
      const json = await httpsJson<T>(body === undefined ? 'GET' : 'POST', `${API}/${path}${sep}access_token=${encodeURIComponent(t)}`, body);
      if (TOKEN_ERRORS.has(json.errcode) && attempt === 0) continue;
      return json;
    }
  }

  return {
    mode: 'corp-api',
    async resolveContact(c) {
      const known = await getById<StoredContact>(db, COLL.wecom_contacts, wecomContactIdOf(c.openid));
      if (known) return { externalUserId: known.externalUserId, followUserId: known.followUserId };
      if (!c.unionid) return null;
      const conv = await call<WecomResult & { external_userid?: string }>('externalcontact/unionid_to_external_userid', { unionid: c.unionid, openid: c.openid });
      if (conv.errcode !== 0 || !conv.external_userid) return null;
      const detail = await call<WecomResult & { follow_user?: Array<{ userid: string }> }>(`externalcontact/get?external_userid=${encodeURIComponent(conv.external_userid)}`);
      const follows = (detail.follow_user ?? []).map((f) => f.userid);
      const followUserId = env.followUserId && follows.includes(env.followUserId) ? env.followUserId : follows[0];
      if (detail.errcode !== 0 || !followUserId) return null;
      const contact: WecomContact = { externalUserId: conv.external_userid, followUserId };
      const { _id, ...doc } = { _id: wecomContactIdOf(c.openid), openid: c.openid, ...contact, resolvedAt: now() } satisfies StoredContact;
      await db.collection(COLL.wecom_contacts).doc(_id).set(doc);
      return contact;
    },
    async markTag(req: MarkTagRequest) {
      const r = await call<WecomResult>('externalcontact/mark_tag', { userid: req.userid, external_userid: req.externalUserId, add_tag: req.addTag, remove_tag: req.removeTag });
      return { errcode: r.errcode, errmsg: r.errmsg };
    },
  };
}
