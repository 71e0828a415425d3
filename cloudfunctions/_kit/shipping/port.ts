import type { ShippingInfoBody } from '../../../shared/orders/shipping-info';

/**
 * The shipping-info port (WeChat 小程序发货信息管理服务). Production: `wechat` — the cloud-call
 * openapi `wxa.sec.order.uploadShippingInfo` through wx-server-sdk (no AppSecret: the platform
 * injects the token). Local mode and tests: `local` — the shipping recorder in local/pay-sim,
 * reached over HTTP, which answers like WeChat (errcode/errmsg) and lets a person inspect every
 * upload. Use cases depend only on this interface.
 */
export type ShippingResult = { ok: true } | { ok: false; code: string; message: string };

export interface ShippingProvider {
  readonly name: 'wechat' | 'local';
  upload(body: ShippingInfoBody): Promise<ShippingResult>;
  /** The merchant id payments were made with (an order key when no transaction id is known). */
  merchantId(): string | undefined;
}
