import { z } from 'zod';

/**
 * WeChat Pay result notification as cloudPay delivers it to the callback function (camelCase
 * JSON of the v2 notify fields). Only what we verify is required; everything else passes through.
 */
export const payNotificationSchema = z
  .object({
    returnCode: z.string(),
    resultCode: z.string().optional(),
    outTradeNo: z.string().min(1).max(32),
    totalFee: z.number().int().positive(),
    transactionId: z.string().min(1).max(64).optional(),
    subOpenid: z.string().optional(),
    timeEnd: z.string().optional(),
  })
  .passthrough();
export type PayNotification = z.infer<typeof payNotificationSchema>;

/** The parameters `wx.requestPayment` takes (returned to the client by order/membership/top-up). */
export interface WxPaymentParams {
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: 'MD5' | 'HMAC-SHA256' | 'RSA';
  paySign: string;
}

/** What clients receive for a WeChat payment: the out trade number and the requestPayment params. */
export interface PaymentHandle {
  outTradeNo: string;
  totalFen: number;
  provider: 'cloudpay' | 'local';
  params: WxPaymentParams;
}
