import { contactDecision, sendsInWindow, WINDOW_MS, type OfferDepth } from '../../shared/promotions/contact-policy';
import type { MessageKind, Settings } from '../../shared/schemas/settings';
import { formatDateTime } from '../../shared/time';
import type { Db } from '../_kit/db';
import type { Logger } from '../_kit/logger';
import { NO_SUBSCRIPTION, type MessagePort } from '../_kit/messages';
import { recordPlatformCall } from '../_kit/platform-health';
import { runInTransaction, type Tx } from '../_kit/transaction';
import { txCreate, txGet, txReplace } from '../_kit/tx';
import { contactIdOf, grantIdOf, type ContactDoc, type GrantDoc, type MessageDoc, type MessageState } from './docs';
import { COLL } from '../_kit/collections';

/** Why a message was not reserved: each is skipped and counted, and none of them uses a grant or a cap slot. */
export type SkipReason = 'offer-too-deep' | 'capped' | 'no-grant' | 'no-template';
export type ReserveResult = { ok: true; message: MessageDoc } | { ok: false; reason: SkipReason };

export interface ReserveRequest {
  openid: string;
  /** The customer's segment keys (their life stage picks the policy). */
  segments: readonly string[] | undefined;
  depth: OfferDepth;
  bigSale: boolean;
  message: Omit<MessageDoc, 'state' | 'createdAt' | 'version' | 'templateId'>;
  now: number;
}

/**
 * Decides and reserves one message inside the caller's transaction: a template configured for its
 * kind, the contact policy (offer depth for the customer's stage, then the cap over the rolling 7
 * days) and a remaining one-time subscription grant. When all allow it, the send is counted against
 * the cap, the grant is used and the message is written `reserved` — all in `tx`, so two launches
 * reaching one customer at once conflict on the contact record and the loser re-decides with the
 * winner's send counted: the cap holds under concurrency. The platform call happens after the
 * commit (sendReserved).
 *
 * No template id for the kind (a fresh deployment before 设置 › 消息模板 is filled in): WeChat
 * would refuse the send, so it is decided first and nothing is touched — the customer keeps their
 * grant and their cap slot for when the template is configured.
 */
export async function reserveMessage(tx: Tx, req: ReserveRequest, settings: Settings): Promise<ReserveResult> {
  if (!templateConfigured(settings, req.message.kind)) return { ok: false, reason: 'no-template' };
  const contact = await txGet<ContactDoc>(tx, COLL.contact_records, contactIdOf(req.openid));
  const decision = contactDecision({ segments: req.segments, sentAt: contact?.sentAt ?? [], depth: req.depth, bigSale: req.bigSale, now: req.now }, settings);
  if (!decision.ok) return { ok: false, reason: decision.reason };
  const kind = req.message.kind;
  const grant = await txGet<GrantDoc>(tx, COLL.subscription_grants, grantIdOf(req.openid, kind));
  if (!grant || grant.remaining <= 0) return { ok: false, reason: 'no-grant' };

  const sentAt = [...sendsInWindow(contact?.sentAt ?? [], req.now), req.now];
  const nextContact: ContactDoc = { _id: contactIdOf(req.openid), openid: req.openid, sentAt, version: (contact?.version ?? 0) + 1 };
  await (contact ? txReplace(tx, COLL.contact_records, nextContact) : txCreate(tx, COLL.contact_records, nextContact));
  await txReplace(tx, COLL.subscription_grants, { ...grant, remaining: grant.remaining - 1, consumed: grant.consumed + 1, updatedAt: req.now, version: grant.version + 1 });
  const message: MessageDoc = { ...req.message, templateId: settings.messageTemplates[kind].templateId, state: 'reserved', createdAt: req.now, version: 1 };
  await txCreate(tx, COLL.messages, message);
  return { ok: true, message };
}

/** Whether the kind has a template id (PLATFORM.md: ids are per Mini Program, never defaults). */
export const templateConfigured = (settings: Settings, kind: MessageKind): boolean => settings.messageTemplates[kind].templateId.trim().length > 0;

/** The template data: our three parts under the template's own keyword names. */
export function templateData(m: MessageDoc, settings: Settings): Record<string, { value: string }> {
  const f = settings.messageTemplates[m.kind].fields;
  return { [f.title]: { value: m.title }, [f.detail]: { value: m.detail }, [f.until]: { value: formatDateTime(m.until) } };
}

/** Called inside the finishing transaction with the message's final state (campaign bookkeeping). */
export type OnFinished = (tx: Tx, state: MessageState) => Promise<void>;

/**
 * Sends a reserved message through the platform and records the answer. Refused (43101: the
 * customer has no subscription left) → our grant count drops to 0 and the cap slot is given back
 * (nothing arrived); another failure → the slot and the grant are given back. Sent exactly once:
 * only a message still `reserved` is sent, and a crash after the platform call leaves it reserved,
 * which the launch later marks `unknown` instead of sending again (a customer never gets two).
 */
export async function sendReserved(db: Db, port: MessagePort, message: MessageDoc, settings: Settings, now: () => number, onFinished?: OnFinished): Promise<MessageState> {
  const res = await port.send(
    { touser: message.openid, templateId: message.templateId, page: message.page, data: templateData(message, settings), miniprogramState: miniprogramState(), lang: 'zh_CN' },
    { messageId: message._id, openid: message.openid },
  );
  const state: MessageState = res.ok ? 'sent' : res.code === NO_SUBSCRIPTION ? 'refused' : 'failed';
  return runInTransaction(db, async (tx) => {
    const cur = await txGet<MessageDoc>(tx, COLL.messages, message._id);
    if (!cur || cur.state !== 'reserved') return cur?.state ?? state;
    const t = now();
    await txReplace(tx, COLL.messages, { ...cur, state, ...(res.ok ? { sentAt: t } : { error: { code: res.code, message: res.message } }), version: cur.version + 1 });
    if (!res.ok) await giveBack(tx, cur, state, t);
    await onFinished?.(tx, state);
    return state;
  });
}

async function giveBack(tx: Tx, m: MessageDoc, state: MessageState, now: number): Promise<void> {
  const contact = await txGet<ContactDoc>(tx, COLL.contact_records, contactIdOf(m.openid));
  if (contact) {
    const i = contact.sentAt.indexOf(m.createdAt);
    const sentAt = i < 0 ? contact.sentAt : [...contact.sentAt.slice(0, i), ...contact.sentAt.slice(i + 1)];
    await txReplace(tx, COLL.contact_records, { ...contact, sentAt: sentAt.filter((x) => x > now - WINDOW_MS), version: contact.version + 1 });
  }
  const grant = await txGet<GrantDoc>(tx, COLL.subscription_grants, grantIdOf(m.openid, m.kind));
  if (grant) {
    // The platform says none are left: trust it. Any other failure did not use the grant.
    const remaining = state === 'refused' ? 0 : grant.remaining + 1;
    await txReplace(tx, COLL.subscription_grants, { ...grant, remaining, consumed: Math.max(0, grant.consumed - 1), updatedAt: now, version: grant.version + 1 });
  }
}

/**
 * The port a function sends through, recording each answer in platform_health under that function
 * (上线检查 reads it: -604101 means the function's `subscribeMessage.send` permission has not
 * taken effect). The adapters stay as they are; this is where sends are made from.
 */
export function recordingPort(port: MessagePort, db: Db, fn: string, now: () => number, log?: Logger): MessagePort {
  return {
    mode: port.mode,
    async send(req, meta) {
      const res = await port.send(req, meta);
      await recordPlatformCall(db, { fn, api: 'subscribeMessage.send', adapter: port.mode === 'wechat' ? 'wechat' : 'local', result: res, at: now() }, log);
      return res;
    },
  };
}

/** The Mini Program version messages open: formal unless the deployment says otherwise. */
const miniprogramState = (): 'developer' | 'trial' | 'formal' => {
  const v = process.env.MINIPROGRAM_STATE;
  return v === 'developer' || v === 'trial' ? v : 'formal';
};

/**
 * Marks a message a crash left `reserved` (sent or not — we cannot know) as `unknown`. Never
 * re-sent: a missed message is better than a duplicate. Its cap slot and grant stay used.
 */
export async function markUnknown(tx: Tx, messageId: string, now: number): Promise<boolean> {
  const cur = await txGet<MessageDoc>(tx, COLL.messages, messageId);
  if (!cur || cur.state !== 'reserved') return false;
  await txReplace(tx, COLL.messages, { ...cur, state: 'unknown', error: { code: 'UNKNOWN', message: `发送中断（${formatDateTime(now)}），为避免重复不再补发` }, version: cur.version + 1 });
  return true;
}

export type { MessageKind };
