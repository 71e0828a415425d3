import { moneyReceived, type Acks } from './acks';
import { Unanswered, type Envelope, type StoreClient } from './client';

/** One request; `onOk` records what was acknowledged and returns what the client does next (e.g. pay after create). */
interface Step {
  label: string;
  openid: string;
  send: (c: StoreClient) => Promise<Envelope>;
  onOk: (data: any) => Step | void | Promise<Step | void>;
}

export interface LoadStats {
  attempted: number;
  acked: number;
  refused: Record<string, number>;
  /** CONFLICT answers (当前操作繁忙) by the step that got them: each is a customer told to try again. */
  conflictsByStep: Record<string, number>;
  /** Requests the kill cut off (no answer). */
  lost: number;
  /** Lost requests retried after the restart with the same requestId and then acknowledged. */
  replayedOk: number;
  redeliveries: number;
  /** Answers that are not typed refusals (INTERNAL, a redelivery not acknowledged…): violations. */
  faults: string[];
}

/**
 * A mixed customer load on a store that may be killed at any moment: top-ups and WeChat orders
 * paid through the pay simulator, balance orders (some with coupons), refunds, membership buys and
 * refunds, stored-value refunds, coupon claims, daily visits, trial orders, and WeChat Pay
 * redelivering callbacks at random. Every acknowledged fact goes to `acks`; every request the kill
 * cut off is kept and retried after the restart with the same requestId.
 */
export class MixedLoad {
  readonly stats: LoadStats = { attempted: 0, acked: 0, refused: {}, conflictsByStep: {}, lost: 0, replayedOk: 0, redeliveries: 0, faults: [] };
  private lost: Step[] = [];
  private held = false;
  private gate: Promise<void> = Promise.resolve();
  private open: () => void = () => {};
  private stopping = false;
  private workers: Promise<void>[] = [];
  /** Workers waiting at the gate (all of them = the load is quiet). */
  private parked = 0;
  private seq = 0;
  private products: Array<{ _id: string; kind: string }> = [];
  private trials: string[] = [];
  private templateId: string | null = null;
  private readonly unusedCoupons = new Map<string, string[]>();
  readonly customers: string[];

  constructor(private readonly client: StoreClient, private readonly acks: Acks, private readonly opts: { customers: number; workers: number; random: () => number }) {
    this.customers = Array.from({ length: opts.customers }, (_, i) => `soak_c${String(i).padStart(3, '0')}`);
  }

  private rid(tag: string) {
    return `${tag}_${Date.now().toString(36)}_${(this.seq++).toString(36)}`;
  }
  private pick<T>(xs: T[]): T {
    return xs[Math.floor(this.opts.random() * xs.length)];
  }

  /** The catalog to buy from and a claimable coupon template (made by the seeded operator). */
  async setup(): Promise<void> {
    const list = await this.client.call('soak_setup', 'catalog', { action: 'list' });
    if (!list.ok) throw new Error(`catalog.list: ${list.error?.message}`);
    const products = list.data.products as Array<{ _id: string; kind: string; memberEarlyAccessUntil?: number; stock?: unknown; priceFen: number }>;
    this.products = products.filter((p) => p.kind === 'regular' && !p.memberEarlyAccessUntil && p.stock === undefined && p.priceFen <= 70_000);
    this.trials = products.filter((p) => p.kind === 'trial').map((p) => p._id);
    if (!this.products.length) throw new Error('no regular products to buy in the seeded catalog');
    const template = { name: '满100减10', offer: { code: 'amount-off', args: { amountFen: 1000 } }, minSpendFen: 10_000, validity: { kind: 'days', days: 30 }, perCustomerLimit: 5, totalQuantity: 80, claimable: true };
    const t = await this.client.call('op_admin', 'coupon', { action: 'saveTemplate', template, requestId: this.rid('soak_tpl') });
    if (!t.ok) throw new Error(`coupon.saveTemplate: ${t.error?.message}`);
    this.templateId = t.data.templateId;
  }

  /** Runs one step (and what follows it). A cut-off step is kept for replay. */
  private async exec(step: Step, replay = false): Promise<void> {
    for (let s: Step | void = step; s; ) {
      this.stats.attempted++;
      let r: Envelope;
      try {
        r = await s.send(this.client);
      } catch (e) {
        if (!(e instanceof Unanswered)) throw e;
        this.stats.lost++;
        this.lost.push(s);
        return;
      }
      if (!r.ok) {
        const code = r.error?.code ?? '?';
        this.stats.refused[code] = (this.stats.refused[code] ?? 0) + 1;
        if (code === 'CONFLICT') this.stats.conflictsByStep[s.label] = (this.stats.conflictsByStep[s.label] ?? 0) + 1;
        if (code === 'INTERNAL' || !r.error) this.stats.faults.push(`${s.label} for ${s.openid}: ${JSON.stringify(r).slice(0, 200)}`);
        return;
      }
      this.stats.acked++;
      if (replay) this.stats.replayedOk++;
      s = await s.onOk(r.data);
    }
  }

  // ---- the steps ------------------------------------------------------------------------------

  private payStep(openid: string, orderId: string): Step {
    return {
      label: 'pay',
      openid,
      send: (c) => {
        this.acks.payAttempts.add(orderId);
        return c.pay(orderId);
      },
      onOk: (d) => (d.callback?.errcode === 0 ? this.confirmStep(openid, orderId) : undefined),
    };
  }

  /** After paying, the app reads the order: only a paid order is acknowledged as paid (an over-cap top-up is refunded instead). */
  private confirmStep(openid: string, orderId: string): Step {
    return {
      label: 'order.get',
      openid,
      send: (c) => c.call(openid, 'order', { action: 'get', orderId }),
      onOk: (d) => {
        if (moneyReceived(d.status)) this.acks.paid(orderId);
      },
    };
  }

  private createStep(openid: string, fn: string, body: Record<string, unknown>, kind: 'product' | 'topup' | 'membership', payNow: boolean): Step {
    return {
      label: `${fn}.${body.action}`,
      openid,
      send: (c) => c.call(openid, fn, body),
      onOk: (d) => {
        const payWith = kind === 'product' ? (body.payWith as 'wechat' | 'balance' | 'combined') : (body.payWith as 'balance' | undefined) ?? 'wechat';
        this.acks.order({ orderId: d.orderId, openid, kind, payWith, totalFen: d.totalFen ?? d.payment?.totalFen ?? 0, paid: payWith === 'balance' && moneyReceived(d.status) });
        if (body.couponId) this.unusedCoupons.set(openid, (this.unusedCoupons.get(openid) ?? []).filter((x) => x !== body.couponId));
        return payWith !== 'balance' && payNow && d.payment ? this.payStep(openid, d.orderId) : undefined;
      },
    };
  }

  private refundStep(openid: string, what: 'order' | 'membership' | 'wallet', fn: string, body: Record<string, unknown>, orderId?: string): Step {
    return {
      label: `${fn}.refund`,
      openid,
      send: (c) => c.call(openid, fn, body),
      onOk: (d) => this.acks.refund({ refundId: d.refundId, openid, what, ...(orderId ? { orderId } : {}), amountFen: d.amountFen }),
    };
  }

  /** One random customer action (weights: what a busy store looks like, plus the risky paths). */
  private nextStep(): Step | null {
    const openid = this.pick(this.customers);
    const r = this.opts.random() * 100;
    const product = () => ({ items: [{ productId: this.pick(this.products)._id, qty: 1 + Math.floor(this.opts.random() * 2) }], delivery: { method: 'pickup' } });
    if (r < 18) {
      const plan = this.opts.random() < 0.2 ? { planId: this.pick(['topup-500', 'topup-1000']) } : { amountFen: 1_000 + Math.floor(this.opts.random() * 60) * 500 };
      return this.createStep(openid, 'wallet', { action: 'topUp', ...plan, acceptTerms: true, requestId: this.rid('tu') }, 'topup', this.opts.random() < 0.92);
    }
    if (r < 40) {
      const coupons = this.unusedCoupons.get(openid) ?? [];
      const couponId = coupons.length && this.opts.random() < 0.5 ? coupons[0] : undefined;
      return this.createStep(openid, 'order', { action: 'create', ...product(), payWith: 'balance', ...(couponId ? { couponId } : {}), requestId: this.rid('ob') }, 'product', false);
    }
    if (r < 53) return this.createStep(openid, 'order', { action: 'create', ...product(), payWith: 'wechat', requestId: this.rid('ow') }, 'product', this.opts.random() < 0.9);
    if (r < 58) {
      // 组合支付: the checkout's confirmation (quote), then the order with the confirmed balance part, then WeChat's part.
      const order = product();
      const payNow = this.opts.random() < 0.85;
      return {
        label: 'order.combinedQuote',
        openid,
        send: (c) => c.call(openid, 'order', { action: 'combinedQuote', items: order.items }),
        onOk: (d) => this.createStep(openid, 'order', { action: 'create', ...order, payWith: 'combined', balanceFen: d.balanceFen, requestId: this.rid('oc') }, 'product', payNow),
      };
    }
    if (r < 68) {
      const o = this.acks.ordersOf(openid, (x) => x.kind === 'product' && x.paid && !x.refunded);
      if (!o.length) return null;
      const target = this.pick(o);
      return this.refundStep(openid, 'order', 'order', { action: 'refund', orderId: target.orderId, requestId: this.rid('rf') }, target.orderId);
    }
    if (r < 73) return this.createStep(openid, 'membership', { action: 'buy', planId: 'annual', requestId: this.rid('mb') }, 'membership', true);
    if (r < 75) return this.refundStep(openid, 'membership', 'membership', { action: 'refund', requestId: this.rid('mr') });
    if (r < 77) return this.refundStep(openid, 'wallet', 'wallet', { action: 'refund', requestId: this.rid('wr') });
    if (r < 82 && this.templateId) {
      return {
        label: 'coupon.claim',
        openid,
        send: (c) => c.call(openid, 'coupon', { action: 'claim', templateId: this.templateId, requestId: this.rid('cc') }),
        onOk: (d) => {
          this.acks.coupons.set(d.coupon.couponId, openid);
          if (d.created) this.unusedCoupons.set(openid, [...(this.unusedCoupons.get(openid) ?? []), d.coupon.couponId]);
        },
      };
    }
    if (r < 86) return { label: 'customer.visit', openid, send: (c) => c.call(openid, 'customer', { action: 'visit' }), onOk: () => undefined };
    if (r < 88 && this.trials.length) return this.createStep(openid, 'order', { action: 'create', items: [{ productId: this.pick(this.trials), qty: 1 }], delivery: { method: 'pickup' }, payWith: 'wechat', requestId: this.rid('tr') }, 'product', true);
    // WeChat Pay redelivering a callback it already delivered (any time, concurrently with everything else).
    const paid = this.acks.paidWechat();
    if (!paid.length) return null;
    const o = this.pick(paid);
    this.stats.redeliveries++;
    return {
      label: 'redeliver',
      openid: o.openid,
      send: (c) => c.redeliver(o.orderId),
      onOk: (d) => {
        if (d.callback?.errcode !== 0) this.stats.faults.push(`redelivered callback for ${o.orderId} answered ${JSON.stringify(d.callback)}`);
      },
    };
  }

  // ---- running, holding, replaying ----------------------------------------------------------------

  start(): void {
    this.stopping = false;
    this.workers = Array.from({ length: this.opts.workers }, async () => {
      while (!this.stopping) {
        // Re-checked after every wake-up: a release() followed at once by hold() must not let anyone through.
        while (this.held && !this.stopping) {
          this.parked++;
          await this.gate;
          this.parked--;
        }
        if (this.stopping) return;
        const step = this.nextStep();
        if (step) await this.exec(step);
      }
    });
  }

  /** New steps wait (steps already sent stay in flight — the kill is meant to cut them). */
  hold(): void {
    if (this.held) return;
    this.held = true;
    this.gate = new Promise((r) => (this.open = r));
  }
  release(): void {
    this.held = false;
    this.open();
  }

  /** Stops the workers after the steps in flight. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.open();
    await Promise.all(this.workers);
  }

  /**
   * Waits until every worker is parked at the gate (after hold(); steps cut by a kill fail fast), so
   * recovery and verification see a quiet store. A worker let through by the previous release()
   * counts as busy until it parks again.
   */
  async settle(): Promise<void> {
    while (this.parked < this.workers.length) await new Promise((r) => setTimeout(r, 20));
  }

  /**
   * After a restart: WeChat Pay redelivers every callback of a payment it took (it retries until
   * acknowledged), a customer whose pay sheet got no answer pays again, and every request the kill
   * cut off is retried with its original requestId (the app keeps it).
   */
  async recover(): Promise<{ redelivered: number; replayed: number }> {
    let redelivered = 0;
    // Every payment not yet known to be applied, plus a random sample of applied ones (redelivery must change nothing).
    const attempts = [...this.acks.payAttempts].filter((id) => !this.acks.orders.get(id)?.paid || this.opts.random() < 0.05);
    for (const outTradeNo of attempts) {
      const st = await this.client.payState(outTradeNo);
      if (!st.ok) continue;
      const order = this.acks.orders.get(outTradeNo);
      if (st.data.state === 'paid') {
        const r = await this.client.redeliver(outTradeNo);
        redelivered++;
        if (!r.ok || r.data.callback?.errcode !== 0) this.stats.faults.push(`redelivery after restart for ${outTradeNo}: ${JSON.stringify(r).slice(0, 200)}`);
        else if (order && !order.paid) await this.exec(this.confirmStep(order.openid, outTradeNo), true);
      } else if (st.data.state === 'pending' && order) {
        await this.exec(this.payStep(order.openid, outTradeNo), true);
      }
    }
    const lost = this.lost;
    this.lost = [];
    for (const s of lost) await this.exec(s, true);
    return { redelivered, replayed: lost.length };
  }
}
