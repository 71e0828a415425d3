import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * WeChat Pay v2 signing (HMAC-SHA256): sort non-empty params by key, join as k=v with '&',
 * append '&key=<merchant key>', HMAC with the key, uppercase hex. The simulator signs the
 * requestPayment params exactly so, and checks the signature when the H5 pay sheet pays.
 */
export function signParams(params: Record<string, string | number | undefined>, key: string): string {
  const text = Object.keys(params)
    .filter((k) => k !== 'paySign' && k !== 'sign' && params[k] !== undefined && params[k] !== '')
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join('&');
  return createHmac('sha256', key).update(`${text}&key=${key}`).digest('hex').toUpperCase();
}

export function verifySignature(params: Record<string, string | number | undefined>, signature: string, key: string): boolean {
  const expected = Buffer.from(signParams(params, key));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export const nonceStr = (): string => randomBytes(16).toString('hex');
