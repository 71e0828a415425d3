import type { Envelope } from '@shared/errors/envelope';
import type { PaymentHandle } from '@shared/schemas/payment';
import type { OrderService, OrderStatus, OrderView } from '../../services/order';
import type { ConfirmPayment, PayResult, PayService } from '../../services/pay';
import { PayStore } from '../pay-store';

const payment: PaymentHandle = {
  outTradeNo: 'ord_aaaaaaaaaaaa',
  totalFen: 58_800,
  provider: 'local',
  params: { timeStamp: '1', nonceStr: 'n', package: 'prepay_id=wx1', signType: 'HMAC-SHA256', paySign: 'sig' },
};

const order = (status: OrderStatus, statusLabel = '已支付'): OrderView => ({
  orderId: payment.outTradeNo,
  kind: 'product',
  status,
  statusLabel,
  title: '焕颜修护精华 50ml ×1',
  lines: [],
  totalFen: 58_800,
  payWith: 'wechat',
  createdAt: 1,
  payDeadline: 2,
  refundedFen: 0,
  canRefund: false,
  refundableFen: 0,
  refunds: [],
});

/** order.get answers from a script; the last answer repeats. */
function ordersAnswering(...answers: Array<Envelope<OrderView>>): OrderService & { gets: number } {
  const svc = {
    gets: 0,
    get: async () => answers[Math.min(svc.gets++, answers.length - 1)],
  };
  return svc as unknown as OrderService & { gets: number };
}

/** A virtual clock: sleeping advances it, so a 15 s poll runs instantly. */
function virtualTime() {
  let t = 0;
  return { now: () => t, sleep: async (ms: number) => void (t += ms), slept: () => t };
}

/** Plays local mode: the sheet is shown through `confirm`, the result is what the test says. */
class SheetPay implements PayService {
  result: PayResult = { kind: 'paid' };
  async pay(p: PaymentHandle, confirm: ConfirmPayment): Promise<PayResult> {
    return (await confirm(p)) ? this.result : { kind: 'cancelled' };
  }
}

const tick = () => new Promise((r) => setTimeout(r, 0));
const request = { host: 'checkout', orderId: payment.outTradeNo, payment, title: '焕颜修护精华' };

describe('PayStore', () => {
  test('local mode: the sheet shows on its host only; 确认支付 then polls until the order is paid', async () => {
    const time = virtualTime();
    const orders = ordersAnswering({ ok: true, data: order('created', '待支付') }, { ok: true, data: order('created', '待支付') }, { ok: true, data: order('paid') });
    const store = new PayStore(new SheetPay(), orders, { ...time, pollMs: 500 });

    const done = store.run(request);
    await tick();
    expect(store.phase).toBe('sheet');
    expect(store.sheetFor('checkout')).toMatchObject({ sheetOpen: true, request: { title: '焕颜修护精华', payment } });
    expect(store.sheetFor('wallet')).toBeUndefined();
    expect(store.busy).toBe(true);

    store.confirmSheet();
    const outcome = await done;
    expect(outcome).toEqual({ kind: 'paid', order: order('paid') });
    expect(orders.gets).toBe(3);
    expect(time.slept()).toBe(1000);
    expect(store.phase).toBe('idle');
    expect(store.sheetFor('checkout')).toBeUndefined();
  });

  test('取消 leaves the order alone: no poll, outcome cancelled', async () => {
    const orders = ordersAnswering({ ok: true, data: order('paid') });
    const store = new PayStore(new SheetPay(), orders, virtualTime());
    const done = store.run(request);
    await tick();
    store.cancelSheet();
    expect(await done).toEqual({ kind: 'cancelled' });
    expect(orders.gets).toBe(0);
    expect(store.busy).toBe(false);
  });

  test('no confirmation within ~15 s: pending, with what to do next', async () => {
    const time = virtualTime();
    const orders = ordersAnswering({ ok: true, data: order('created', '待支付') });
    const store = new PayStore(new SheetPay(), orders, { ...time, pollMs: 500, timeoutMs: 15_000 });
    const done = store.run(request);
    await tick();
    store.confirmSheet();
    const outcome = await done;
    expect(outcome.kind).toBe('pending');
    expect(outcome.kind === 'pending' && outcome.message).toContain('我的订单');
    expect(time.slept()).toBe(15_000);
    expect(orders.gets).toBe(31);
  });

  test('network faults while polling are retried; a closed order is reported as closed', async () => {
    const time = virtualTime();
    const orders = ordersAnswering(
      { ok: false, error: { code: 'INTERNAL', message: '网络异常，请检查网络后重试。' } },
      { ok: true, data: order('cancelled', '已取消') },
    );
    const store = new PayStore(new SheetPay(), orders, time);
    const done = store.run(request);
    await tick();
    store.confirmSheet();
    const outcome = await done;
    expect(outcome.kind).toBe('closed');
    expect(outcome.kind === 'closed' && outcome.message).toContain('订单已关闭');
  });

  test('a definitive refusal while polling stops at once with the server message', async () => {
    const orders = ordersAnswering({ ok: false, error: { code: 'NOT_FOUND', message: '没有找到该订单，请刷新订单列表。' } });
    const store = new PayStore(new SheetPay(), orders, virtualTime());
    const done = store.run(request);
    await tick();
    store.confirmSheet();
    expect(await done).toEqual({ kind: 'failed', message: '没有找到该订单，请刷新订单列表。' });
    expect(orders.gets).toBe(1);
  });

  test('weapp-style cashier (no sheet): failure is passed through; a second pay while busy is refused', async () => {
    let release: (r: PayResult) => void = () => undefined;
    const native: PayService = { pay: () => new Promise<PayResult>((r) => (release = r)) };
    const store = new PayStore(native, ordersAnswering({ ok: true, data: order('paid') }), virtualTime());
    const first = store.run(request);
    await tick();
    // WeChat draws its own cashier: no sheet of ours.
    expect(store.sheetFor('checkout')?.sheetOpen).toBe(false);
    const second = await store.run({ ...request, host: 'wallet' });
    expect(second.kind).toBe('failed');
    release({ kind: 'failed', message: '微信支付未完成，请稍后在「我的订单」中继续支付。' });
    expect(await first).toEqual({ kind: 'failed', message: '微信支付未完成，请稍后在「我的订单」中继续支付。' });
    expect(store.busy).toBe(false);
  });

  test('reset (account switch) answers an open sheet with 取消', async () => {
    const store = new PayStore(new SheetPay(), ordersAnswering({ ok: true, data: order('paid') }), virtualTime());
    const done = store.run(request);
    await tick();
    store.reset();
    expect(await done).toEqual({ kind: 'cancelled' });
  });
});
