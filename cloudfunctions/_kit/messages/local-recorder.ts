import type { Db } from '../db';
import { runInTransaction } from '../transaction';
import { NO_SUBSCRIPTION, type MessagePort, type SendResult, type SubscribeMessageRequest } from './port';
import { COLL } from '../collections';

export interface RecordedMessageCall {
  _id: string;
  api: 'subscribeMessage.send';
  openid: string;
  /** The request exactly as the WeChat adapter would send it. */
  body: SubscribeMessageRequest;
  result: SendResult;
  at: number;
}

/** A simulated "customer turned this off in WeChat": the next `times` sends to them answer 43101. */
export interface LocalRefusal {
  _id: string;
  times: number;
}

/**
 * Local stand-in for WeChat's subscribeMessage.send: records every request in `message_calls`
 * (id = the message id, so a record is never doubled) and answers ok — unless a refusal was armed
 * for that customer (`POST /local/messages/refuse`, or a test), which answers 43101 like the
 * platform does when the customer has no subscription left. Nothing leaves the machine; the
 * customer's 消息 page shows what would have arrived.
 */
export function localMessageRecorder(db: Db, now: () => number): MessagePort {
  return {
    mode: 'local-recorder',
    async send(req, meta) {
      const refused = await takeRefusal(db, meta.openid);
      const result: SendResult = refused ? { ok: false, code: NO_SUBSCRIPTION, message: 'user refuse to accept the msg (本地模拟)' } : { ok: true };
      const call: RecordedMessageCall = { _id: meta.messageId, api: 'subscribeMessage.send', openid: meta.openid, body: req, result, at: now() };
      const { _id, ...body } = call;
      await db.collection(COLL.message_calls).doc(_id).set(body);
      return result;
    },
  };
}

async function takeRefusal(db: Db, openid: string): Promise<boolean> {
  return runInTransaction(db, async (tx) => {
    const res = (await tx.collection(COLL.local_message_refusals).doc(openid).get()) as { data?: LocalRefusal | LocalRefusal[] };
    const doc = Array.isArray(res.data) ? res.data[0] : res.data;
    if (!doc || doc.times <= 0) return false;
    await tx.collection(COLL.local_message_refusals).doc(openid).set({ times: doc.times - 1 });
    return true;
  });
}

/** Arms `times` platform refusals (43101) for a customer (dev route and tests). */
export async function armLocalRefusal(db: Db, openid: string, times: number): Promise<void> {
  await db.collection(COLL.local_message_refusals).doc(openid).set({ times });
}
