import { makeAutoObservable, runInAction } from 'mobx';
import { userMessage } from '@shared/errors/messages';
import { fullDate } from '../format/date';
import type { DeviceStorage } from '../services/device-storage';
import { MESSAGE_KINDS, type GrantsView, type MessageKind, type MessagesService, type SubscribeResult } from '../services/messages';
import type { IntentIds } from '../services/request-id';
import type { SubscribeService } from '../services/subscribe';
import { failure, info, success, type Notice } from './notice';

/** The natural moments the app asks for subscriptions (issue 6): after a payment, and on 会员. */
export type SubscribeMoment = 'payment' | 'member';

export const KIND_LABELS: Record<MessageKind, string> = { promotion: '优惠通知', renewal: '会员到期提醒' };

/** The H5 stand-in for WeChat's dialog: which messages it asks for, each with its tick. */
export interface SubscribeSheetState {
  moment: SubscribeMoment;
  items: Array<{ kind: MessageKind; templateId: string; checked: boolean }>;
}

/** Device note: the day the customer said 以后再说 to the after-payment card. */
export const LATER_KEY = 'subscribe-later-day';

/**
 * Subscription messages on the customer's side: how many one-time grants remain per kind
 * (`messages.grants`), asking for more at natural moments, recording each answer once
 * (`messages.subscribeResult` with a request id), and the unread count for 我的 › 消息.
 *
 * Never nag: the after-payment card appears at most once per order, never when both kinds still
 * have a grant, and not again on a day the customer said 以后再说. The 会员 page only asks when
 * the customer taps its button.
 */
export class MessagesStore {
  grants: GrantsView | undefined = undefined;
  /** The card offered at a moment (after a payment: for that order). */
  offer: { moment: SubscribeMoment; key: string } | undefined = undefined;
  asking: SubscribeMoment | undefined = undefined;
  sheet: SubscribeSheetState | undefined = undefined;
  notice: { moment: SubscribeMoment; notice: Notice } | undefined = undefined;
  /** Unread messages among the newest page of the inbox (undefined until asked). */
  unread: number | undefined = undefined;
  private readonly offered = new Set<string>();
  private answerSheet: ((results: Record<string, SubscribeResult> | undefined) => void) | undefined = undefined;
  private seq = 0;
  private generation = 0;

  constructor(
    private readonly service: MessagesService,
    private readonly platform: SubscribeService,
    private readonly intents: IntentIds,
    private readonly device: DeviceStorage,
    private readonly now: () => number = Date.now,
  ) {
    makeAutoObservable<MessagesStore, 'service' | 'platform' | 'intents' | 'device' | 'now' | 'offered' | 'answerSheet' | 'seq' | 'generation'>(this, {
      service: false,
      platform: false,
      intents: false,
      device: false,
      now: false,
      offered: false,
      answerSheet: false,
      seq: false,
      generation: false,
    });
  }

  /**
   * The kinds the store can send: a template id is configured for them (设置 › 消息模板). A
   * fresh deployment has none, and WeChat's dialog cannot ask for a template that does not exist.
   */
  get askableKinds(): MessageKind[] {
    const g = this.grants;
    return g ? MESSAGE_KINDS.filter((k) => g[k].templateId.length > 0) : [];
  }

  /** Every kind the store sends still has a grant (or it sends none): nothing to ask for. */
  get fullySubscribed(): boolean {
    return this.grants !== undefined && this.askableKinds.every((k) => this.grants![k].remaining > 0);
  }

  async loadGrants(): Promise<void> {
    const generation = this.generation;
    const reply = await this.service.grants();
    if (generation !== this.generation) return;
    // A failure keeps what we knew; the card simply is not offered.
    if (reply.ok) runInAction(() => (this.grants = reply.data));
  }

  /**
   * A payment just succeeded: offer the card once for this order — unless both kinds still have
   * a grant, or the customer put it off today on this device.
   */
  async offerAfterPayment(orderId: string): Promise<void> {
    const key = `pay:${orderId}`;
    if (this.offered.has(key) || this.device.get(LATER_KEY) === fullDate(this.now())) return;
    this.offered.add(key);
    await this.loadGrants();
    if (!this.grants || this.fullySubscribed) return;
    runInAction(() => (this.offer = { moment: 'payment', key }));
  }

  /** 以后再说: no after-payment card again today on this device. */
  later(): void {
    this.offer = undefined;
    this.device.set(LATER_KEY, fullDate(this.now()));
  }

  /**
   * Asks the platform (WeChat's dialog, or the H5 sheet) for the kinds without a grant — on 会员,
   * where the customer asked, for every kind — and records the answer once.
   */
  async ask(moment: SubscribeMoment): Promise<void> {
    if (this.asking) return;
    if (!this.grants) await this.loadGrants();
    const grants = this.grants;
    if (!grants) {
      this.notice = { moment, notice: failure('暂时无法打开订阅设置，请检查网络后重试。') };
      return;
    }
    const askable = this.askableKinds;
    if (!askable.length) {
      this.notice = { moment, notice: info('店铺还没有开通消息通知，暂时无需订阅。') };
      return;
    }
    const missing = askable.filter((k) => grants[k].remaining <= 0);
    const kinds = moment === 'member' || !missing.length ? askable : missing;
    this.offer = undefined;
    this.notice = undefined;
    this.asking = moment;
    try {
      const answer = await this.platform.request(
        kinds.map((k) => grants[k].templateId),
        (ids) => this.openSheet(moment, kinds, ids),
      );
      if (!answer.ok) {
        runInAction(() => (this.notice = { moment, notice: failure(answer.message) }));
        return;
      }
      const results: Partial<Record<MessageKind, SubscribeResult>> = {};
      for (const k of kinds) {
        const r = answer.results[grants[k].templateId];
        if (r) results[k] = r;
      }
      if (!Object.keys(results).length) return; // dismissed without an answer
      await this.record(moment, results);
    } finally {
      runInAction(() => (this.asking = undefined));
    }
  }

  private async record(moment: SubscribeMoment, results: Partial<Record<MessageKind, SubscribeResult>>): Promise<void> {
    // One id per answer: a retry after a lost reply adds the grants once.
    const intent = `subscribe:${++this.seq}`;
    const rid = this.intents.idFor(intent, 'sub');
    let reply = await this.service.subscribeResult(results, rid);
    // WeChat has granted already: a lost reply is retried once with the same id (recorded once).
    if (!reply.ok && reply.error.code === 'INTERNAL') reply = await this.service.subscribeResult(results, rid);
    this.intents.settleUnlessUnknown(intent, reply);
    runInAction(() => {
      if (!reply.ok) {
        this.notice = { moment, notice: failure(userMessage(reply.error.code, reply.error.message)) };
        return;
      }
      this.grants = reply.data;
      this.notice = { moment, notice: answerNotice(results) };
    });
  }

  private openSheet(moment: SubscribeMoment, kinds: MessageKind[], ids: string[]): Promise<Record<string, SubscribeResult> | undefined> {
    return new Promise((resolve) => {
      runInAction(() => {
        this.sheet = { moment, items: kinds.map((kind, i) => ({ kind, templateId: ids[i], checked: true })) };
        this.answerSheet = resolve;
      });
    });
  }

  toggleSheetItem(kind: MessageKind): void {
    if (!this.sheet) return;
    this.sheet = { ...this.sheet, items: this.sheet.items.map((i) => (i.kind === kind ? { ...i, checked: !i.checked } : i)) };
  }

  /** 允许: the ticked messages are accepted, the others rejected (as WeChat's dialog does). */
  allowSheet(): void {
    const s = this.sheet;
    if (s) this.closeSheet(Object.fromEntries(s.items.map((i) => [i.templateId, i.checked ? 'accept' : 'reject'])));
  }

  /** 拒绝: every message in the dialog is rejected. */
  rejectSheet(): void {
    const s = this.sheet;
    if (s) this.closeSheet(Object.fromEntries(s.items.map((i) => [i.templateId, 'reject' as const])));
  }

  private closeSheet(results: Record<string, SubscribeResult> | undefined): void {
    const answer = this.answerSheet;
    this.sheet = undefined;
    this.answerSheet = undefined;
    answer?.(results);
  }

  dismissNotice(): void {
    this.notice = undefined;
  }

  /** Unread among the newest inbox page: one indexed read, for the 我的 entry. */
  async loadUnread(): Promise<void> {
    const generation = this.generation;
    const reply = await this.service.inbox();
    if (generation !== this.generation || !reply.ok) return;
    runInAction(() => (this.unread = reply.data.items.filter((i) => i.openedAt === undefined).length));
  }

  /** A message was opened in the inbox. */
  markOpened(): void {
    if (this.unread) this.unread -= 1;
  }

  reset(): void {
    this.generation++;
    if (this.sheet) this.closeSheet(undefined);
    this.grants = undefined;
    this.offer = undefined;
    this.asking = undefined;
    this.notice = undefined;
    this.unread = undefined;
    this.offered.clear();
  }
}

/** What the customer just agreed to, in words: one message per grant, never more. */
export function answerNotice(results: Partial<Record<MessageKind, SubscribeResult>>): Notice {
  const accepted = MESSAGE_KINDS.filter((k) => results[k] === 'accept').map((k) => `「${KIND_LABELS[k]}」`);
  if (accepted.length) return success(`已订阅${accepted.join('')}：每次订阅我们最多发一条，有优惠或会员快到期时通过微信服务通知告诉您。`);
  return info('已拒绝，我们不会发送这些消息。需要时可在「会员」页重新订阅。');
}
