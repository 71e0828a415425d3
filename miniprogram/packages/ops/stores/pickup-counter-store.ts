import { makeAutoObservable, runInAction } from 'mobx';
import type { MemberPickupsView } from '@shared/api/ops';
import { parseMemberCode } from '@shared/membership/member-code';
import type { OpsService } from '../../../services/ops';
import type { IntentIds } from '../../../services/request-id';
import { success, type Notice } from '../../../stores/notice';
import { refusal, sendOnce } from './outcome';

/**
 * 到店核销 (the counter): the operator scans the customer's 会员码 (wx.scanCode) or types it, sees
 * what this customer may collect — 到店自提 orders, welcome packs, tier gifts — ticks what is handed
 * over and confirms. The server checks the code (it changes every minute) and spends it once.
 */
export class PickupCounterStore {
  code = '';
  /** Why the typed code cannot be a member code (nothing was sent). */
  problem: string | undefined = undefined;
  looking = false;
  confirming = false;
  view: MemberPickupsView | undefined = undefined;
  /** The code the view was read with (confirmation sends the same one). */
  checkedCode: string | undefined = undefined;
  chosenOrders = new Set<string>();
  chosenGifts = new Set<string>();
  notice: Notice | undefined = undefined;
  /** The server said this person is not an operator. */
  forbidden = false;

  constructor(
    private readonly service: OpsService,
    private readonly intents: IntentIds,
  ) {
    makeAutoObservable<PickupCounterStore, 'service' | 'intents'>(this, { service: false, intents: false });
  }

  setCode(v: string): void {
    this.code = v.slice(0, 64);
    this.problem = undefined;
  }

  get chosenCount(): number {
    return this.chosenOrders.size + this.chosenGifts.size;
  }

  /** 核对: what the code's customer may collect; every waiting item starts ticked. */
  async lookup(code = this.code): Promise<void> {
    if (!parseMemberCode(code)) {
      this.problem = '会员码是 16 位数字（卡号 10 位 + 动态码 6 位），请核对后重新输入，或直接扫码。';
      return;
    }
    this.looking = true;
    this.notice = undefined;
    const reply = await this.service.memberPickups(code);
    runInAction(() => {
      this.looking = false;
      if (!reply.ok) {
        this.view = undefined;
        this.forbidden = reply.error.code === 'FORBIDDEN';
        this.notice = refusal(reply.error);
        return;
      }
      this.view = reply.data;
      this.checkedCode = code;
      this.chosenOrders = new Set(reply.data.orders.map((o) => o.orderId));
      this.chosenGifts = new Set(reply.data.gifts.map((g) => g.entitlementId));
      if (reply.data.orders.length + reply.data.gifts.length === 0) this.notice = success('这位顾客现在没有待自提的订单或礼品。');
    });
  }

  /** A scanned QR: its text is the code. */
  scanned(text: string): Promise<void> {
    this.setCode(text);
    return this.lookup(text);
  }

  toggleOrder(orderId: string): void {
    const next = new Set(this.chosenOrders);
    if (!next.delete(orderId)) next.add(orderId);
    this.chosenOrders = next;
  }

  toggleGift(entitlementId: string): void {
    const next = new Set(this.chosenGifts);
    if (!next.delete(entitlementId)) next.add(entitlementId);
    this.chosenGifts = next;
  }

  /** 确认交付: one request id per code, so a retry after a lost answer hands nothing over twice. */
  async confirm(): Promise<void> {
    const code = this.checkedCode;
    if (!code || this.chosenCount === 0 || this.confirming) return;
    this.confirming = true;
    this.notice = undefined;
    const count = this.chosenCount;
    const reply = await sendOnce(this.intents, `pickup:${code}`, 'pick', (requestId) => this.service.confirmPickup(code, [...this.chosenOrders], [...this.chosenGifts], requestId));
    runInAction(() => {
      this.confirming = false;
      if (!reply.ok) {
        this.notice = refusal(reply.error);
        return;
      }
      this.view = reply.data;
      this.chosenOrders = new Set();
      this.chosenGifts = new Set();
      this.code = '';
      this.notice = success(`已交付 ${count} 项，已记入操作记录。`);
    });
  }

  dismissNotice(): void {
    this.notice = undefined;
  }

  reset(): void {
    this.code = '';
    this.problem = undefined;
    this.view = undefined;
    this.checkedCode = undefined;
    this.chosenOrders = new Set();
    this.chosenGifts = new Set();
    this.notice = undefined;
    this.looking = false;
    this.confirming = false;
  }
}
