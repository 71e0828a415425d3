import type { IncomingMessage, ServerResponse } from 'node:http';
import { CLIENT_SOURCES } from '../../cloudfunctions/_kit/sources';
import type { FunctionRegistry } from './functions';
import { readJsonBody } from '../http-body';
import { envelopeError, sendJson, statusFor } from './http-util';

export const DEV_OPENID_HEADER = 'x-dev-openid';
const OPENID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * POST /fn/<name>: body = the event, identity = the dev login header, supplied to the handler in
 * its context exactly as WeChat does for a Mini Program callFunction (API.md local mode).
 */
export async function handleFunctionCall(name: string, registry: FunctionRegistry, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'POST') {
    res.setHeader('allow', 'POST');
    return sendJson(res, 405, envelopeError('INVALID_INPUT', '请使用 POST 调用云函数。'));
  }
  if (!registry.has(name)) {
    req.resume();
    return sendJson(res, 404, envelopeError('NOT_FOUND', `没有名为 ${name.slice(0, 40)} 的云函数。`));
  }
  const body = await readJsonBody(req);
  if (!body.ok) {
    return body.reason === 'too-large'
      ? sendJson(res, 413, envelopeError('PAYLOAD_TOO_LARGE', '请求内容超过 1 MB，请精简后重试。'))
      : sendJson(res, 400, envelopeError('INVALID_INPUT', '请求体不是合法的 JSON。'));
  }
  const event = body.value;
  const openid = req.headers[DEV_OPENID_HEADER];
  if (typeof openid !== 'string' || openid.length === 0) {
    return sendJson(res, 401, envelopeError('UNAUTHENTICATED', '请先在本地开发登录页选择一个账号（请求头 x-dev-openid）。'));
  }
  if (!OPENID_PATTERN.test(openid)) {
    return sendJson(res, 401, envelopeError('UNAUTHENTICATED', 'x-dev-openid 只能包含字母、数字、- 和 _，最长 64 位。'));
  }
  const envelope = (await registry.invoke(name, event, { source: CLIENT_SOURCES[0], openid })) as { ok: boolean; error?: { code: string } };
  sendJson(res, statusFor(envelope), envelope);
}
