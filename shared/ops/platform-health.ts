/**
 * Outcomes of the platform calls the store makes, one record per function and API
 * (`platform_health/<fn>:<api>`), written where each call is made (shipping-info uploads,
 * subscription-message sends, WeChat Pay orders) and read by 上线检查. Pure rules; the recorder
 * is cloudfunctions/_kit/platform-health.ts.
 */
export const PLATFORM_APIS = ['uploadShippingInfo', 'subscribeMessage.send', 'cloudPay.unifiedOrder'] as const;
export type PlatformApi = (typeof PLATFORM_APIS)[number];

/** The cloud calls (openapi) among them: each needs its permission in the calling function's config.json. */
export const OPENAPI_CALLS = ['uploadShippingInfo', 'subscribeMessage.send'] as const satisfies readonly PlatformApi[];
export type OpenapiCall = (typeof OPENAPI_CALLS)[number];

export const PLATFORM_API_LABELS: Record<PlatformApi, string> = {
  uploadShippingInfo: '发货信息录入（wxa.sec.order.uploadShippingInfo）',
  'subscribeMessage.send': '订阅消息发送（subscribeMessage.send）',
  'cloudPay.unifiedOrder': '微信支付下单（cloudPay.unifiedOrder）',
};

/**
 * Which function makes which cloud call — each needs the call in its own config.json
 * `permissions.openapi` (a test checks this list against the config files, both ways).
 */
export const PLATFORM_CALLERS: ReadonlyArray<{ fn: string; api: OpenapiCall; when: string }> = [
  { fn: 'payCallback', api: 'uploadShippingInfo', when: '微信支付成功后上报虚拟商品（会员、充值）的发货' },
  { fn: 'ops', api: 'uploadShippingInfo', when: '运营人员发货、确认自提或重试上传时' },
  { fn: 'scheduler', api: 'uploadShippingInfo', when: '定时重试失败的发货信息上传' },
  { fn: 'campaign', api: 'subscribeMessage.send', when: '发布活动、发送会员到期提醒时' },
];

export const healthIdOf = (fn: string, api: PlatformApi) => `${fn}:${api}`;

/**
 * -604101: the function may not make this cloud call — its config.json `permissions.openapi` has
 * not taken effect (CloudBase FAQ "云调用报错 -604101 如何解决",
 * docs.cloudbase.net/en/faq/knowledge/cloud-call-604101-permission-error: declare the API in
 * config.json, re-upload the function from WeChat DevTools, allow ~10 minutes of cache).
 */
export const NO_PERMISSION_CODE = '-604101';

export interface PlatformOutcome {
  code: string;
  message: string;
  at: number;
}

export interface PlatformHealthDoc {
  _id: string;
  fn: string;
  api: PlatformApi;
  /** Which adapter made the call: WeChat's cloud call, or local mode's recorder. */
  adapter: 'wechat' | 'local';
  /** The latest outcome ('0' = accepted). */
  last: PlatformOutcome;
  lastOkAt?: number;
  /** The latest time WeChat answered at all past the permission check (accepted, or a business errcode). */
  lastPermittedAt?: number;
  lastFailure?: PlatformOutcome;
  updatedAt: number;
}

export type CallVerdict = 'ok' | 'no-permission' | 'refused' | 'unreachable';

/**
 * What one answer says about the call. A positive errcode is WeChat's own business answer (43101
 * no subscription left, 10060001 payment not found yet, 47001 bad data…): the call got past the
 * permission check. -604101 is the permission refusal. Anything else — our own transport codes
 * (NETWORK, TIMEOUT, OPENAPI_UNAVAILABLE…) and other negative platform codes — says nothing about
 * permission either way.
 */
export function verdictOf(code: string): CallVerdict {
  if (code === '0') return 'ok';
  if (code === NO_PERMISSION_CODE) return 'no-permission';
  if (/^[1-9]\d*$/.test(code)) return 'refused';
  return 'unreachable';
}

/** The functions that place WeChat Pay orders (cloudPay.unifiedOrder): product orders, 继续支付, membership, top-up. */
export const PAY_CALLERS = ['order', 'membership', 'wallet'] as const;

/** The record after one more answer (pure: the recorder reads, applies this, writes). */
export function nextHealth(prev: PlatformHealthDoc | null, call: { fn: string; api: PlatformApi; adapter: 'wechat' | 'local'; code: string; message: string; at: number }): PlatformHealthDoc {
  const verdict = verdictOf(call.code);
  const outcome: PlatformOutcome = { code: call.code, message: call.message.slice(0, 200), at: call.at };
  const base: PlatformHealthDoc = prev ?? { _id: healthIdOf(call.fn, call.api), fn: call.fn, api: call.api, adapter: call.adapter, last: outcome, updatedAt: call.at };
  return {
    ...base,
    adapter: call.adapter,
    last: outcome,
    ...(verdict === 'ok' ? { lastOkAt: call.at } : { lastFailure: outcome }),
    ...(verdict === 'ok' || verdict === 'refused' ? { lastPermittedAt: call.at } : {}),
    updatedAt: call.at,
  };
}
