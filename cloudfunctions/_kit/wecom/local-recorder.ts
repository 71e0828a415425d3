import type { Db } from '../db';
import { newId } from '../ids';
import { type MarkTagRequest, type WecomCallMeta, type WecomPort, type WecomResult } from './port';
import { COLL } from '../collections';

export interface RecordedCall {
  _id: string;
  api: 'externalcontact/mark_tag';
  jobId: string;
  openid: string;
  /** The request body exactly as the corp API adapter would POST it. */
  body: { userid: string; external_userid: string; add_tag: string[]; remove_tag: string[] };
  result: WecomResult;
  at: number;
}

/**
 * Local stand-in for WeCom: every customer is a contact of one local staff member, every call
 * succeeds and is stored in `wecom_calls` (operators inspect it with `segment.wecomSyncLog`), so a
 * sync can be tried end to end without a WeCom corp. Nothing leaves the machine.
 */
export function localWecomRecorder(db: Db, now: () => number): WecomPort {
  const followUserId = process.env.WECOM_FOLLOW_USERID || 'local_staff';
  return {
    mode: 'local-recorder',
    async resolveContact(c) {
      return { externalUserId: `wm_local_${c.openid}`, followUserId };
    },
    async markTag(req: MarkTagRequest, meta: WecomCallMeta) {
      const result: WecomResult = { errcode: 0, errmsg: 'ok' };
      const call: RecordedCall = {
        _id: newId('wcl'),
        api: 'externalcontact/mark_tag',
        jobId: meta.jobId,
        openid: meta.openid,
        body: { userid: req.userid, external_userid: req.externalUserId, add_tag: req.addTag, remove_tag: req.removeTag },
        result,
        at: now(),
      };
      await db.collection(COLL.wecom_calls).add(call);
      return result;
    },
  };
}
