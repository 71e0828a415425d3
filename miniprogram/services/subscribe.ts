import Taro from '@tarojs/taro';
import type { SubscribeResult } from '@shared/promotions/campaign-views';
import { resultsOf } from './messages';

/**
 * Asking the customer for one-time subscription grants. Like pay.ts, this module knows the
 * platform so nothing else has to:
 * - weapp: `Taro.requestSubscribeMessage({tmplIds})` — WeChat shows its own dialog (it must follow
 *   a tap, which is why the app asks from a button) and answers per template id.
 * - H5 (local mode): there is no such API; the app shows a sheet that mirrors WeChat's dialog
 *   (允许 / 拒绝, one tick per message) through `sheet`.
 * Answers per template id; never throws.
 */
export type SubscribeAnswer = { ok: true; results: Record<string, SubscribeResult> } | { ok: false; message: string };

/** Shows the app's own dialog and resolves with the answer per template id (nothing if dismissed). */
export type SubscribeSheet = (tmplIds: string[]) => Promise<Record<string, SubscribeResult> | undefined>;

export interface SubscribeService {
  request(tmplIds: string[], sheet: SubscribeSheet): Promise<SubscribeAnswer>;
}

export const createSubscribeService = (): SubscribeService => ({
  request: process.env.TARO_ENV === 'h5' ? (ids, sheet) => askSimulated(ids, sheet) : askWechat,
});

async function askWechat(tmplIds: string[]): Promise<SubscribeAnswer> {
  // As with requestPayment, the callbacks carry the answer; a returned promise is settled by them.
  const res = await new Promise<{ ok: true; data: Record<string, unknown> } | { ok: false; errCode?: number; errMsg: string }>((resolve) => {
    try {
      const returned: unknown = Taro.requestSubscribeMessage({
        tmplIds,
        entityIds: [],
        success: (r) => resolve({ ok: true, data: r as unknown as Record<string, unknown> }),
        fail: (e) => resolve({ ok: false, errCode: e?.errCode, errMsg: String(e?.errMsg ?? '') }),
      } as Taro.requestSubscribeMessage.Option);
      if (returned && typeof (returned as Promise<unknown>).then === 'function') (returned as Promise<unknown>).then(undefined, () => undefined);
    } catch (e) {
      resolve({ ok: false, errMsg: String((e as { errMsg?: unknown } | undefined)?.errMsg ?? e) });
    }
  });
  if (res.ok) return { ok: true, results: resultsOf(tmplIds, res.data) };
  // 20004: the customer turned off subscription messages for this Mini Program altogether.
  if (res.errCode === 20004) return { ok: false, message: '您已在微信中关闭了本小程序的订阅消息，可在右上角「…」›「设置」›「订阅消息」中重新打开。' };
  return { ok: false, message: '暂时无法打开订阅设置，请稍后再试。' };
}

async function askSimulated(tmplIds: string[], sheet: SubscribeSheet): Promise<SubscribeAnswer> {
  const answer = await sheet(tmplIds);
  return answer ? { ok: true, results: resultsOf(tmplIds, answer) } : { ok: true, results: {} };
}
