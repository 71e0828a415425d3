import { gatewayBackend, postJson, type CloudBackend } from './cloud-bridge';

/**
 * Customers for the segment console's tests, made the way real ones are: through the local
 * gateway's functions (order + the WeChat Pay simulator, the onboarding survey), so the profiles
 * and segment keys come from the real consumer.
 */
type Reply = { ok: boolean; data?: Record<string, unknown> & { payment?: { outTradeNo: string } }; error?: { code: string } };

export const callAs = async (url: string, openid: string, fn: string, data: Record<string, unknown>): Promise<Reply> => (await gatewayBackend(url, openid)(fn, data)) as Reply;

let seq = 0;
const rid = (p: string) => `${p}_${Date.now().toString(36)}${(++seq).toString(36).padStart(6, '0')}`;

/** Pays what `fn.action` asked to be paid by WeChat (the pay simulator delivers the callback). */
async function payVia(url: string, openid: string, fn: string, data: Record<string, unknown>): Promise<string> {
  const r = await callAs(url, openid, fn, { ...data, requestId: rid('seg') });
  if (!r.ok) throw new Error(`${fn}.${String(data.action)} for ${openid}: ${JSON.stringify(r)}`);
  // jsdom has no fetch: the gateway's own request helper (node http) talks to the pay simulator.
  const paid = JSON.parse(await postJson(`${url}/local/pay/${encodeURIComponent(r.data!.payment!.outTradeNo)}/succeed`, {}, openid)) as { ok?: boolean };
  if (paid.ok === false) throw new Error(`pay ${r.data!.payment!.outTradeNo}: ${JSON.stringify(paid)}`);
  return String(r.data!.orderId);
}

/** A paid WeChat order of one product. */
export const buyAs = (url: string, openid: string, productId: string) => payVia(url, openid, 'order', { action: 'create', items: [{ productId, qty: 1 }], payWith: 'wechat' });

/** The annual membership, paid by WeChat. */
export const joinAs = (url: string, openid: string) => payVia(url, openid, 'membership', { action: 'buy', planId: 'annual' });

/** Answers the survey's interest question → `tag:interest-<option>`. */
export async function answerInterest(url: string, openid: string, option = 'wellness'): Promise<void> {
  const r = await callAs(url, openid, 'customer', { action: 'answerSurvey', answers: [{ questionId: 'interest', optionIds: [option] }], requestId: rid('sv') });
  if (!r.ok) throw new Error(`answerSurvey for ${openid}: ${JSON.stringify(r)}`);
}

/** A backend whose caller can be switched between calls (operator ↔ customer). */
export function switchableGateway(url: string, initial: string): { backend: CloudBackend; as(openid: string): void } {
  let openid = initial;
  return { backend: (name, data) => gatewayBackend(url, openid)(name, data), as: (o) => void (openid = o) };
}
