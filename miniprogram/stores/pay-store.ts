import { makeAutoObservable, runInAction } from 'mobx';
import { userMessage } from '@shared/errors/messages';
import type { PaymentHandle } from '@shared/schemas/payment';
import { isPaidStatus, type OrderService, type OrderView } from '../services/order';
import type { PayService } from '../services/pay';
import type { IntentIds } from '../services/request-id';
import { failure, info, type Notice } from './notice';

/** How a pay attempt ended, as far as the customer needs to know. */
export type PayOutcome =
  | { kind: 'paid'; order: OrderView }
  /** The customer closed the cashier: the order stays pending and can be paid later. */
  | { kind: 'cancelled' }
  /** The order ended without being paid (closed, or the money was sent back). */
  | { kind: 'closed'; order: OrderView; message: string }
  /** The cashier finished but the server has not confirmed yet: the customer checks back later. */
  | { kind: 'pending'; message: string }
  | { kind: 'failed'; message: string };

export interface PayRequest {
  /** Which page's sheet host shows the sheet (tab pages stay mounted; only one may show it). */
  host: string;
  orderId: string;
  payment: PaymentHandle;
  /** What is being paid for, shown in the sheet. */
  title: string;
}

export type PayPhase = 'idle' | 'sheet' | 'paying' | 'confirming';

export interface PayStoreOptions {
  pollMs?: number;
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

const PENDING_MESSAGE = '支付结果确认中，请稍后在「我的订单」中查看。如已扣款，款项不会丢失。';

/**
 * One pay flow for the whole app: ask the platform to pay (services/pay.ts), then — because the
 * cashier's "success" is not the server's — poll `order.get` until the order leaves 'created'.
 * In local mode the platform step is the app's own pay sheet, whose state lives here so any page
 * can host it.
 */
export class PayStore {
  phase: PayPhase = 'idle';
  request: PayRequest | undefined = undefined;
  /** The app's own pay sheet is up (local mode only; WeChat's cashier is not ours to draw). */
  sheetOpen = false;
  private answer: ((confirmed: boolean) => void) | undefined = undefined;
  private readonly pollMs: number;
  private readonly timeoutMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;

  constructor(
    private readonly pay: PayService,
    private readonly orders: OrderService,
    opts: PayStoreOptions = {},
  ) {
    this.pollMs = opts.pollMs ?? 500;
    this.timeoutMs = opts.timeoutMs ?? 15_000;
    this.sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.now = opts.now ?? Date.now;
    makeAutoObservable<PayStore, 'pay' | 'orders' | 'answer' | 'pollMs' | 'timeoutMs' | 'sleep' | 'now'>(this, {
      pay: false,
      orders: false,
      answer: false,
      pollMs: false,
      timeoutMs: false,
      sleep: false,
      now: false,
    });
  }

  get busy(): boolean {
    return this.phase !== 'idle';
  }

  /** The sheet to show on `host`, if any. */
  sheetFor(host: string): { request: PayRequest; phase: PayPhase; sheetOpen: boolean } | undefined {
    return this.request && this.request.host === host && this.phase !== 'idle' ? { request: this.request, phase: this.phase, sheetOpen: this.sheetOpen } : undefined;
  }

  async run(request: PayRequest): Promise<PayOutcome> {
    if (this.busy) return { kind: 'failed', message: '正在处理另一笔支付，请完成后再试。' };
    this.request = request;
    this.phase = 'paying';
    try {
      const result = await this.pay.pay(request.payment, (payment) => this.openSheet(payment));
      runInAction(() => (this.sheetOpen = false));
      if (result.kind === 'cancelled') return { kind: 'cancelled' };
      if (result.kind === 'failed') return result;
      runInAction(() => (this.phase = 'confirming'));
      return await this.waitForServer(request.orderId);
    } finally {
      runInAction(() => {
        this.phase = 'idle';
        this.request = undefined;
        this.answer = undefined;
        this.sheetOpen = false;
      });
    }
  }

  /** 确认支付 in the sheet. */
  confirmSheet(): void {
    if (this.phase !== 'sheet') return;
    this.phase = 'paying';
    this.answer?.(true);
  }

  /** 取消 in the sheet: the order stays pending. */
  cancelSheet(): void {
    if (this.phase !== 'sheet') return;
    this.answer?.(false);
  }

  private openSheet(payment: PaymentHandle): Promise<boolean> {
    return new Promise<boolean>((resolve) => {
      runInAction(() => {
        if (this.request) this.request = { ...this.request, payment };
        this.phase = 'sheet';
        this.sheetOpen = true;
        this.answer = resolve;
      });
    });
  }

  private async waitForServer(orderId: string): Promise<PayOutcome> {
    const deadline = this.now() + this.timeoutMs;
    for (;;) {
      const reply = await this.orders.get(orderId);
      if (reply.ok && reply.data.status !== 'created') {
        const order = reply.data;
        if (isPaidStatus(order.status)) return { kind: 'paid', order };
        return {
          kind: 'closed',
          order,
          message: order.status === 'cancelled' ? '订单已关闭，未完成支付。如已扣款，款项将原路退回。' : `订单${order.statusLabel}，款项将原路退回。`,
        };
      }
      // A refusal other than a fault (e.g. NOT_FOUND) will not change by asking again.
      if (!reply.ok && reply.error.code !== 'INTERNAL') return { kind: 'failed', message: userMessage(reply.error.code, reply.error.message) };
      if (this.now() >= deadline) return { kind: 'pending', message: PENDING_MESSAGE };
      await this.sleep(this.pollMs);
    }
  }

  /** Account switch: a sheet left open belongs to the previous identity. */
  reset(): void {
    if (this.phase === 'sheet') this.answer?.(false);
  }
}

/** What to tell the customer when a payment did not complete: still confirming is news, the rest are failures. */
const unfinishedNotice = (outcome: { kind: 'closed' | 'pending' | 'failed'; message: string }): Notice =>
  outcome.kind === 'pending' ? info(outcome.message) : failure(outcome.message);

/**
 * A payment that ended without money (closed, still confirming, failed): a closed order's intent is
 * settled, so the next tap places a new order; the others keep it, so a retry finds the same one.
 * Returns what to tell the customer.
 */
export function unfinishedPayment(outcome: { kind: 'closed' | 'pending' | 'failed'; message: string }, intents: Pick<IntentIds, 'settle'>, intent: string): Notice {
  if (outcome.kind === 'closed') intents.settle(intent);
  return unfinishedNotice(outcome);
}
