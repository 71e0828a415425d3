import type { Db } from '../db';
import { localMessageRecorder } from './local-recorder';
import type { MessagePort } from './port';
import { wechatMessages } from './wechat-adapter';

export * from './port';

/**
 * The local recorder in local mode (the gateway sets TCB_LOCAL_URL), WeChat's cloud call
 * otherwise. Deployed functions never see TCB_LOCAL_URL.
 */
export function messagePort(db: Db, now: () => number): MessagePort {
  return process.env.TCB_LOCAL_URL ? localMessageRecorder(db, now) : wechatMessages;
}
