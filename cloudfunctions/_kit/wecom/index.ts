import type { Db } from '../db';
import { corpApiWecom } from './corp-api-adapter';
import { localWecomRecorder } from './local-recorder';
import type { WecomPort } from './port';

export * from './port';

/**
 * Which WeCom adapter this instance uses: the corp API when `WECOM_CORP_ID` and `WECOM_SECRET` are
 * set (deployed `segment` function's environment), the local recorder in local mode (the gateway
 * sets TCB_LOCAL_URL), otherwise none — sync is refused with WECOM_NOT_CONFIGURED rather than
 * pretending to have tagged anyone.
 */
export function wecomAdapter(db: Db, now: () => number): WecomPort | null {
  const corpId = process.env.WECOM_CORP_ID;
  const secret = process.env.WECOM_SECRET;
  if (corpId && secret) return corpApiWecom(db, now, { corpId, secret, ...(process.env.WECOM_FOLLOW_USERID ? { followUserId: process.env.WECOM_FOLLOW_USERID } : {}) });
  if (process.env.TCB_LOCAL_URL) return localWecomRecorder(db, now);
  return null;
}
