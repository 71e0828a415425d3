import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { getLocalClockOffset, setLocalClockOffset, systemClock } from '../../cloudfunctions/_kit/clock';
import type { Db } from '../../cloudfunctions/_kit/db';
import { armLocalRefusal } from '../../cloudfunctions/_kit/messages/local-recorder';
import { TIMER_SOURCE } from '../../cloudfunctions/_kit/sources';
import type { FunctionRegistry } from './functions';
import { readJsonBody } from '../http-body';
import { envelopeError, sendJson, statusFor } from './http-util';

const clockInput = z.object({ offsetMs: z.number().int().min(-10 * 365 * 86_400_000).max(10 * 365 * 86_400_000) }).strict();

const clockState = () => ({ ok: true, data: { offsetMs: getLocalClockOffset(), now: systemClock.now(), iso: new Date(systemClock.now()).toISOString() } });

/** GET/POST /local/clock — dev-only time travel (API.md). */
export async function handleClock(req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method === 'GET') return sendJson(res, 200, clockState());
  if (req.method !== 'POST') return sendJson(res, 405, envelopeError('INVALID_INPUT', '请使用 GET 或 POST。'));
  const parsed = await readJson(req, res);
  if (parsed === undefined) return;
  const input = clockInput.safeParse(parsed);
  if (!input.success) return sendJson(res, 400, envelopeError('INVALID_INPUT', 'offsetMs 必须是整数毫秒（±10 年以内）。'));
  setLocalClockOffset(input.data.offsetMs);
  sendJson(res, 200, clockState());
}

/** POST /local/trigger/<fn> — fires the function's timer trigger now, with SOURCE = timer. */
export async function handleTrigger(name: string, registry: FunctionRegistry, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'POST') return sendJson(res, 405, envelopeError('INVALID_INPUT', '请使用 POST。'));
  req.resume();
  if (!registry.has(name)) return sendJson(res, 404, envelopeError('NOT_FOUND', `没有名为 ${name.slice(0, 40)} 的云函数。`));
  if (!registry.hasTimer(name)) return sendJson(res, 404, envelopeError('NOT_FOUND', `云函数 ${name} 没有声明定时触发器（config.json triggers）。`));
  const event = { Type: 'Timer', TriggerName: 'local', Time: new Date(systemClock.now()).toISOString(), Message: '' };
  const envelope = (await registry.invoke(name, event, { source: TIMER_SOURCE })) as { ok: boolean; error?: { code: string } };
  sendJson(res, statusFor(envelope), envelope);
}

const refuseInput = z.object({ openid: z.string().min(1).max(64), times: z.number().int().min(0).max(100).default(1) }).strict();

/**
 * POST /local/messages/refuse {openid, times} — the next `times` subscription messages to this
 * customer are refused with 43101 (as WeChat does when they have no subscription left), so a
 * person can watch the refusal path (grant zeroed, cap slot given back) in `npm start`.
 */
export async function handleMessagesRefuse(db: Db, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'POST') return sendJson(res, 405, envelopeError('INVALID_INPUT', '请使用 POST。'));
  const parsed = await readJson(req, res);
  if (parsed === undefined) return;
  const input = refuseInput.safeParse(parsed);
  if (!input.success) return sendJson(res, 400, envelopeError('INVALID_INPUT', '请提供 openid（字符串）和 times（0–100 的整数）。'));
  await armLocalRefusal(db, input.data.openid, input.data.times);
  sendJson(res, 200, { ok: true, data: { openid: input.data.openid, times: input.data.times } });
}

async function readJson(req: IncomingMessage, res: ServerResponse): Promise<unknown | undefined> {
  const body = await readJsonBody(req);
  if (body.ok) return body.value;
  if (body.reason === 'too-large') sendJson(res, 413, envelopeError('PAYLOAD_TOO_LARGE', '请求内容超过 1 MB。'));
  else sendJson(res, 400, envelopeError('INVALID_INPUT', '请求体不是合法的 JSON。'));
  return undefined;
}
