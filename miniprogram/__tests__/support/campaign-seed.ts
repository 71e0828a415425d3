import { firstThreePurchaseTemplate } from '@shared/promotions/campaign';
import { postJson } from './cloud-bridge';
import { buyAs, callAs } from './segment-seed';

/**
 * Campaign scenarios made through the real local gateway, as people make them: customers buy
 * (order + pay simulator) and answer the subscription prompt (`messages.subscribeResult`), time
 * passes (`/local/clock` + the segment timer), the operator makes a coupon and a campaign.
 */
let seq = 0;
const rid = (p: string) => `${p}_${Date.now().toString(36)}${(++seq).toString(36).padStart(6, '0')}`;
const must = <T>(r: { ok: boolean; data?: unknown; error?: unknown }, what: string): T => {
  if (!r.ok) throw new Error(`${what}: ${JSON.stringify(r.error)}`);
  return r.data as T;
};

export { buyAs };

/** The customer accepted both kinds of subscription message `times` times. */
export async function acceptAs(url: string, openid: string, times = 1): Promise<void> {
  for (let i = 0; i < times; i++) must(await callAs(url, openid, 'messages', { action: 'subscribeResult', results: { promotion: 'accept', renewal: 'accept' }, requestId: rid('sub') }), `subscribeResult ${openid}`);
}

/** Moves the server's clock to `offsetMs` from real time and runs the segment timer (life stages follow). */
export async function travelTo(url: string, offsetMs: number): Promise<void> {
  await postJson(`${url}/local/clock`, { offsetMs }, 'op_admin');
  await postJson(`${url}/local/trigger/segment`, {}, 'op_admin');
}

/** A next-purchase amount-off coupon template (¥10 off from ¥50 by default). */
export async function couponTemplateAs(url: string, name = '复购券', amountFen = 1_000): Promise<string> {
  const t = must<{ templateId: string }>(
    await callAs(url, 'op_admin', 'coupon', {
      action: 'saveTemplate',
      template: { name, offer: { code: 'amount-off', args: { amountFen } }, minSpendFen: 5_000, validity: { kind: 'days', days: 14 }, perCustomerLimit: 1, nextPurchaseOnly: true, claimable: false },
      requestId: rid('cpt'),
    }),
    'saveTemplate',
  );
  return t.templateId;
}

/** The first-three-purchase template from the server (its clock), with a coupon and no holdout unless given. */
export async function createFirstThreeAs(url: string, couponTemplateId?: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const { templates } = must<{ templates: Array<Record<string, unknown> & { actions: unknown[] }> }>(await callAs(url, 'op_admin', 'campaign', { action: 'templates' }), 'templates');
  const t = templates[0];
  // The template may have picked another coupon (or none existed yet): the given one replaces it.
  const actions = couponTemplateId ? firstThreePurchaseTemplate(Date.now(), couponTemplateId).actions : t.actions;
  const c = must<{ _id: string }>(await callAs(url, 'op_admin', 'campaign', { action: 'create', campaign: { ...t, actions, holdoutPercent: 0, ...overrides }, requestId: rid('cmp') }), 'create');
  return c._id;
}

/** Launches until the campaign leaves `launching`. */
export async function launchAs(url: string, campaignId: string): Promise<string> {
  const requestId = rid('cml');
  for (let i = 0; i < 30; i++) {
    const v = must<{ status: string }>(await callAs(url, 'op_admin', 'campaign', { action: 'launch', campaignId, requestId }), 'launch');
    if (v.status !== 'launching') return v.status;
  }
  throw new Error('launch did not finish');
}
