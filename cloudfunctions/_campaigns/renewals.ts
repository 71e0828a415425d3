import type { Settings } from '../../shared/settings';
import { profileIdOf, type CustomerProfile } from '../../shared/segments/profile';
import { businessDate, DAY_MS } from '../../shared/time';
import { getById, type Db } from '../_kit/db';
import { idFromKey } from '../_kit/ids';
import type { Logger } from '../_kit/logger';
import type { MessagePort } from '../_kit/messages';
import { runInTransaction } from '../_kit/transaction';
import { type MembershipDoc } from '../../shared/documents';
import { txCreate, txGet } from '../_kit/tx';
import { type MessageDoc } from './docs';
import { reserveMessage, sendReserved, type SkipReason } from './send';
import { COLL } from '../_kit/collections';
import { formatYuan } from '../../shared/money/format';
import { runningTermSavings } from '../_payments/membership-refund';

const STATE_ID = 'renewal-reminders';
const BATCH = 100;

interface RunState {
  _id: string;
  lastRunAt: number;
}

export interface ReminderReport {
  sent: number;
  skipped: number;
  /** Of the skipped: no 会员到期提醒 template configured (设置 › 消息模板). */
  noTemplate: number;
  failed: number;
  more: boolean;
}

const SKIP_TEXT: Record<SkipReason, string> = {
  'no-grant': '顾客没有可用的订阅',
  capped: '已达联系上限',
  'offer-too-deep': '所处阶段不接收这类消息',
  'no-template': '未配置「会员到期提醒」订阅消息模板（设置 › 消息模板）',
};

/**
 * The reminder's words (template fields are 20 characters at most — WeChat's 「thing」): the days left
 * in the title, and what the membership saved this term (本期已省, the member card's figure) when it
 * saved anything, else why renewing now matters.
 */
export function renewalReminderText(days: number, savedFen: number): { title: string; detail: string } {
  return { title: `会员还有 ${days} 天到期`, detail: savedFen > 0 ? `本期会员已为您节省${formatYuan(savedFen)}` : '续费后会员价与权益不断档' };
}

export const renewalMessageIdOf = (membershipId: string, expiresAt: number, days: number) => idFromKey('msg', 'renew', membershipId, String(expiresAt), String(days));

/**
 * Membership renewal reminders (PRODUCT.md: 30/7/1 days before expiry), through the same machinery
 * and contact policy as campaigns: a reminder "d days before" falls due when expiry − d days
 * passes, so each run looks only at memberships whose due moment passed since the last run (an
 * expiresAt range per reminder day — an index seek, not a scan of members). The message id derives
 * from membership + expiry + d: a renewal (new expiry) gets its own reminders, a re-run none twice.
 */
export async function sendRenewalReminders(db: Db, now: () => number, log: Logger, settings: Settings, port: MessagePort, budgetMs: number): Promise<ReminderReport> {
  const started = Date.now();
  const to = now();
  const state = await getById<RunState>(db, COLL.scheduler_state, STATE_ID);
  const from = state?.lastRunAt ?? to - DAY_MS;
  const report: ReminderReport = { sent: 0, skipped: 0, noTemplate: 0, failed: 0, more: false };
  const _ = db.command;
  for (const days of settings.renewalReminderDays) {
    let after = from + days * DAY_MS;
    for (;;) {
      if (Date.now() - started > budgetMs) return { ...report, more: true }; // lastRunAt not advanced: the next run repeats, ids dedupe
      const due = (await db.collection(COLL.memberships).where(_.and([{ expiresAt: _.gt(after) }, { expiresAt: _.lte(to + days * DAY_MS) }])).orderBy('expiresAt', 'asc').limit(BATCH).get()) as { data: MembershipDoc[] };
      for (const m of due.data) await remind(db, m, days, to, settings, port, now, report, log);
      if (due.data.length < BATCH) break;
      after = due.data[due.data.length - 1].expiresAt;
    }
  }
  await db.collection(COLL.scheduler_state).doc(STATE_ID).set({ lastRunAt: to });
  return report;
}

async function remind(db: Db, m: MembershipDoc, days: number, now: number, settings: Settings, port: MessagePort, clock: () => number, report: ReminderReport, log: Logger): Promise<void> {
  if (!m.terms.some((t) => !t.refunded) || m.expiresAt <= now) return;
  const id = renewalMessageIdOf(m._id, m.expiresAt, days);
  const profile = await getById<CustomerProfile>(db, COLL.profiles, profileIdOf(m.openid));
  // 本期已省 is a query over the customer's orders: read before the transaction, which reads by id only.
  const text = renewalReminderText(days, (await runningTermSavings(db, m, now))?.savedFen ?? 0);
  const reserved = await runInTransaction(db, async (tx) => {
    if (await txGet(tx, COLL.messages, id)) return null;
    const message: Omit<MessageDoc, 'state' | 'createdAt' | 'version' | 'templateId'> = {
      _id: id,
      openid: m.openid,
      kind: 'renewal',
      source: { membershipId: m._id, reminderDays: days, expiresAt: m.expiresAt },
      ...text,
      page: 'pages/member/index',
      until: m.expiresAt,
    };
    const r = await reserveMessage(tx, { openid: m.openid, segments: profile?.segments, depth: 'none', bigSale: false, message, now }, settings);
    if (r.ok) return r.message;
    await txCreate<MessageDoc>(tx, COLL.messages, { ...message, templateId: settings.messageTemplates.renewal.templateId, state: 'skipped', error: { code: r.reason, message: `未发送：${SKIP_TEXT[r.reason]}（到期 ${businessDate(m.expiresAt)}）` }, createdAt: now, version: 1 });
    report.skipped++;
    if (r.reason === 'no-template') report.noTemplate++;
    return null;
  });
  if (!reserved) return;
  const state = await sendReserved(db, port, reserved, settings, clock);
  if (state === 'sent') report.sent++;
  else {
    report.failed++;
    log.log('warn', 'renewal reminder not delivered', { messageId: id, state });
  }
}
