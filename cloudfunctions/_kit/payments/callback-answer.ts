import type { Envelope } from '../../../shared/errors/envelope';

/**
 * The answer WeChat Pay's callbacks expect (fixture reply.pay-callback): errcode 0 = received;
 * anything else is redelivered for up to two days. 403 for a caller that is not the platform, -1 for a
 * fault, 1 for an event we refuse.
 */
export const wechatAnswer = (env: Envelope<unknown>): { errcode: number; errmsg: string } =>
  env.ok ? { errcode: 0, errmsg: 'OK' } : { errcode: env.error.code === 'FORBIDDEN' ? 403 : env.error.code === 'INTERNAL' ? -1 : 1, errmsg: env.error.message };
