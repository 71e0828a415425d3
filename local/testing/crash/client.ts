import { DEV_OPENID_HEADER } from '../../gateway/fn-route';
import { request } from '../http-client';

export interface Envelope<T = any> {
  ok: boolean;
  data: T;
  error?: { code: string; message: string };
}

/** Thrown when the store did not answer (killed mid-request, or not up): the request was NOT acknowledged. */
export class Unanswered extends Error {}

/** The Mini Program's and WeChat Pay's view of a local store, over HTTP only (API.md "Local mode"). */
export class StoreClient {
  constructor(readonly url: string) {}

  private async send<T>(p: string, body: unknown, headers: Record<string, string> = {}, method = 'POST'): Promise<Envelope<T>> {
    let text: string;
    try {
      text = (await request(this.url + p, { method, body: method === 'GET' ? undefined : JSON.stringify(body), headers, timeoutMs: 30_000 })).text;
    } catch (e) {
      throw new Unanswered(e instanceof Error ? e.message : String(e));
    }
    try {
      return JSON.parse(text) as Envelope<T>;
    } catch {
      throw new Unanswered(`not JSON: ${text.slice(0, 120)}`);
    }
  }

  call<T = any>(openid: string, fn: string, body: Record<string, unknown>) {
    return this.send<T>(`/fn/${fn}`, body, { [DEV_OPENID_HEADER]: openid });
  }
  /** The customer confirms the pay sheet: the simulator pays and delivers the callback. */
  pay(outTradeNo: string) {
    return this.send<{ callback: { errcode: number } }>(`/local/pay/${outTradeNo}/succeed`, {});
  }
  /** WeChat Pay delivering the same callback again. */
  redeliver(outTradeNo: string) {
    return this.send<{ callback: { errcode: number } }>(`/local/pay/${outTradeNo}/redeliver`, {});
  }
  payState(outTradeNo: string) {
    return this.send<{ state: 'pending' | 'paid' | 'closed'; totalFee: number; transactionId: string | null; refunds: Array<{ outRefundNo: string; refundFee: number; status: 'PROCESSING' | 'SUCCESS' | 'CHANGE' | 'REFUNDCLOSE' }> }>(`/local/pay/${outTradeNo}`, undefined, {}, 'GET');
  }
  /** WeChat finishing the refunds it has accepted and delivering every refund result it owes (answers awaited). */
  deliverRefundResults() {
    return this.send<{ delivered: number; acknowledged: number; owed: number }>('/local/pay/refunds/deliver', {});
  }
  trigger(fn: string) {
    return this.send<any>(`/local/trigger/${fn}`, {});
  }
}
