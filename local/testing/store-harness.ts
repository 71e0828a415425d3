import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setLocalClockOffset } from '../../cloudfunctions/_kit/clock';
import { getDb } from '../../cloudfunctions/_kit/db';
import { startLocalServer, type LocalServer } from '../server';

export interface Envelope<T = any> {
  ok: boolean;
  data: T;
  error?: { code: string; message: string; details?: unknown };
}

/**
 * The real local store for use-case tests: gateway, emulator, real handlers, pay simulator — the
 * same process `npm start` runs, on a free port with a fresh data directory and the demo seed.
 * Tests talk to it over HTTP like the H5 client does.
 */
export async function startTestStore(opts: { demoOwner?: boolean } = {}) {
  process.env.LOG_LEVEL = 'silent';
  process.env.SILENCE = 'true';
  setLocalClockOffset(0);
  const server: LocalServer = await startLocalServer({ port: 0, dataDir: mkdtempSync(path.join(os.tmpdir(), 'store-')), fresh: true, quiet: true, h5Dir: os.tmpdir(), demoOwner: opts.demoOwner });
  const post = async (p: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(server.url + p, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    return (await res.json()) as Envelope;
  };
  let seq = 0;
  const rid = (tag = 'r') => `${tag}_${Date.now().toString(36)}_${(seq++).toString(36)}`.padEnd(8, '0');
  return {
    server,
    db: () => getDb(),
    rid,
    /** A customer (or operator) calling a function from the Mini Program. */
    call: <T = any>(openid: string, fn: string, body: Record<string, unknown>) => post(`/fn/${fn}`, body, { 'x-dev-openid': openid }) as Promise<Envelope<T>>,
    /** The customer confirms the WeChat Pay sheet: the simulator pays and delivers the callback. */
    pay: (outTradeNo: string) => post(`/local/pay/${outTradeNo}/succeed`, {}),
    redeliver: (outTradeNo: string) => post(`/local/pay/${outTradeNo}/redeliver`, {}),
    payState: async (outTradeNo: string) => (await (await fetch(`${server.url}/local/pay/${outTradeNo}`)).json()) as Envelope,
    /** The platform delivering a callback event with a chosen source (pay callback, client, …). */
    invoke: (fn: string, event: unknown, source: string, openid?: string, unionid?: string) => server.registry.invoke(fn, event, { source, ...(openid ? { openid } : {}), ...(unionid ? { unionid } : {}) }),
    /** What the local shipping-info recorder received (WeChat's side), newest first. */
    shippingCalls: async (outTradeNo?: string) =>
      ((await (await fetch(`${server.url}/local/shipping${outTradeNo ? `?outTradeNo=${encodeURIComponent(outTradeNo)}` : ''}`)).json()) as Envelope<{ uploads: Array<{ outTradeNo: string | null; errcode: number; errmsg: string; logisticsType: number | null; body: any }> }>).data.uploads,
    /** The next `times` shipping-info uploads fail (WeChat outage, or a payment it does not know yet). */
    failShipping: (times: number, errcode?: number, errmsg?: string) => post('/local/shipping/fail', { times, ...(errcode !== undefined ? { errcode } : {}), ...(errmsg ? { errmsg } : {}) }),
    /**
     * Waits until WeChat (the simulator) has delivered every refund result it owes: refunds it would
     * finish by itself are finished now and their results delivered and answered — instead of sleeping.
     * Returns the last round's counts (`owed` > 0 only when the callback keeps refusing).
     */
    refundResults: async () => {
      let last: { delivered: number; acknowledged: number; owed: number } = { delivered: 0, acknowledged: 0, owed: 0 };
      for (let i = 0; i < 5; i++) {
        last = (await post('/local/pay/refunds/deliver', {})).data;
        if (last.owed === 0) break;
      }
      return last;
    },
    /** The next `times` refunds stay PROCESSING at WeChat until `refundResult` posts their outcome. */
    holdRefunds: (times: number) => post('/local/pay/refunds/hold', { times }),
    /** WeChat finishes a (held) refund; `notify: false` = its result notification is lost (only queryRefund tells). */
    refundResult: (outRefundNo: string, status: 'SUCCESS' | 'CHANGE' | 'REFUNDCLOSE', notify?: boolean) => post(`/local/pay/refund/${encodeURIComponent(outRefundNo)}/result`, { status, ...(notify === undefined ? {} : { notify }) }),
    simRefund: async (outRefundNo: string) => (await (await fetch(`${server.url}/local/pay/refund/${encodeURIComponent(outRefundNo)}`)).json()) as Envelope,
    /** WeChat refuses the next `times` refund requests with `code` (nothing is taken: a retry with the same number may succeed). */
    refuseRefunds: (times: number, code?: 'SYSTEMERROR' | 'NOTENOUGH' | 'BIZERR_NEED_RETRY' | 'FREQUENCY_LIMITED') => post('/local/pay/refunds/refuse', { times, ...(code ? { code } : {}) }),
    /** The next `times` queryRefund replies list nothing (as cloudPay has been seen to). */
    emptyRefundQueries: (times: number) => post('/local/pay/refunds/query-empty', { times }),
    clock: (offsetMs: number) => post('/local/clock', { offsetMs }),
    trigger: (fn: string) => post(`/local/trigger/${fn}`, {}),
    documents: () => server.emulator.stats().documents,
    close: async () => {
      setLocalClockOffset(0);
      await server.close();
    },
  };
}

export type TestStore = Awaited<ReturnType<typeof startTestStore>>;
