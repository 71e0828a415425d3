import fc from 'fast-check';
import { launchToEnd } from './launch-to-end';
import { startTestStore, type TestStore } from '../../../local/testing/store-harness';
import { firstThreePurchaseTemplate, inHoldout } from '../../../shared/promotions/campaign';
import { DAY_MS } from '../../../shared/time';
import { getAll, getById } from '../../_kit/db';
import { armFault, disarmFaults } from '../../_kit/faults';
import { armLocalRefusal } from '../../_kit/messages/local-recorder';
import { contactIdOf, deliveryIdOf, grantIdOf, type DeliveryDoc, type GrantDoc, type MessageDoc } from '../../_campaigns/docs';
import { main as campaignMain } from '../index';
import { COLL } from '../../_kit/collections';

// Real launches through the gateway on a shared 2-core box: seconds, not milliseconds (jest.config.js
// gives every test a 120 s budget).

let s: TestStore;
beforeAll(async () => {
  s = await startTestStore();
});
afterAll(() => s.close());
afterEach(() => disarmFaults());

const OP = 'op_admin';
const op = (body: Record<string, unknown>) => s.call(OP, 'campaign', body);

async function buy(openid: string, productId = 'prd_mask', extra: Record<string, unknown> = {}) {
  const r = await s.call(openid, 'order', { action: 'create', items: [{ productId, qty: 1 }], payWith: 'wechat', requestId: s.rid('buy'), ...extra });
  expect(r.error).toBeUndefined();
  expect((await s.pay(r.data.payment.outTradeNo)).ok).toBe(true);
  return r.data.orderId as string;
}
const accept = async (openid: string, times = 1) => {
  for (let i = 0; i < times; i++) expect((await s.call(openid, 'messages', { action: 'subscribeResult', results: { promotion: 'accept', renewal: 'accept' }, requestId: s.rid('sub') })).ok).toBe(true);
};
const delivery = (campaignId: string, openid: string) => getById<DeliveryDoc>(s.db(), COLL.campaign_deliveries, deliveryIdOf(campaignId, openid));
const calls = async (openid: string) => (await getAll<{ openid: string; body: { templateId: string } }>(s.db(), 'message_calls', { openid })).length;

async function couponTemplate(amountFen = 1_000): Promise<string> {
  const r = await s.call(OP, 'coupon', {
    action: 'saveTemplate',
    template: { name: '复购券', offer: { code: 'amount-off', args: { amountFen } }, minSpendFen: 5_000, validity: { kind: 'days', days: 14 }, perCustomerLimit: 1, nextPurchaseOnly: true },
    requestId: s.rid('cpt'),
  });
  expect(r.error).toBeUndefined();
  return r.data._id ?? r.data.template?._id ?? r.data.templateId;
}

async function createCampaign(overrides: Record<string, unknown> = {}, couponId?: string) {
  const now = Date.now() + (await currentOffset());
  const c = { ...firstThreePurchaseTemplate(now - 1_000, couponId), holdoutPercent: 0, ...overrides };
  const r = await op({ action: 'create', campaign: c, requestId: s.rid('cmp') });
  expect(r.error).toBeUndefined();
  return r.data._id as string;
}
let offset = 0;
const currentOffset = async () => offset;
const travel = async (ms: number) => {
  offset += ms;
  await s.clock(offset);
  // Life stages follow the clock through the transition run.
  await s.trigger('segment');
};


describe('campaign access', () => {
  test('every operator action is FORBIDDEN for a customer; the timer only for the timer', async () => {
    const ops = Object.entries(campaignMain.actions).filter(([, d]) => d.auth === 'operator').map(([n]) => n).sort();
    expect(ops).toEqual(['create', 'get', 'launch', 'list', 'pause', 'preview', 'remove', 'report', 'resume', 'templates', 'update']);
    for (const action of ops) {
      const r = await s.call('cust_nosy', 'campaign', { action, campaignId: 'cmp_x', requestId: s.rid('x'), campaign: firstThreePurchaseTemplate(Date.now()) });
      expect({ action, code: r.error?.code }).toEqual({ action, code: 'FORBIDDEN' });
    }
    expect((await op({ action: 'tick' })).error?.code).toBe('FORBIDDEN');
  });
});

describe('first-three-purchase campaign end to end (policy, caps, grants, coupons, attribution)', () => {
  let tpl: string;
  let cmp: string;
  beforeAll(async () => {
    tpl = await couponTemplate();
    // Bought once 40 days ago → silent (small offers, 2 per week).
    for (const u of ['ft_silent', 'ft_nogrant', 'ft_capped', 'ft_refuses']) await buy(u);
    await buy('ft_two');
    await buy('ft_two');
    for (const u of ['ft_three', 'ft_three', 'ft_three']) await buy(u);
    await accept('ft_silent');
    await accept('ft_two');
    await accept('ft_capped', 3);
    await accept('ft_refuses');
    await travel(40 * DAY_MS);
    // Bought just now → active (content only: this coupon is an offer, so they get the template's content message).
    await buy('ft_active');
    await accept('ft_active');
    // Two sends already this week: silent's cap (2) is used up.
    const t = Date.now() + offset;
    await s.db().collection(COLL.contact_records).doc(contactIdOf('ft_capped')).set({ openid: 'ft_capped', sentAt: [t - DAY_MS, t - 2 * DAY_MS], version: 1 });
    await armLocalRefusal(s.db(), 'ft_refuses', 1);
    cmp = await createCampaign({}, tpl);
  });

  test('preview shows the audience and what the policy and grants will hold back', async () => {
    const p = await op({ action: 'preview', campaignId: cmp });
    expect(p.error).toBeUndefined();
    // 首三单复购 under the default policy: the active customer gets content instead of the coupon (not nothing).
    expect(p.data).toMatchObject({ audience: 6, holdout: 0, reachable: 4, capped: 1, offerTooDeep: 0, contentOnly: 1, coupons: 5, noCoupon: 0, noGrant: 1, estimated: false });
    // A preview sends nothing.
    expect(await calls('ft_silent')).toBe(0);
  });

  test('launch: sent / capped / offer-too-deep / no-grant / refused (43101) — each decided once and counted', async () => {
    const done = await launchToEnd(s, cmp);
    expect(done.status).toBe('live');
    const outcomes = Object.fromEntries(await Promise.all(['ft_silent', 'ft_two', 'ft_capped', 'ft_nogrant', 'ft_active', 'ft_refuses', 'ft_three'].map(async (u) => [u, (await delivery(cmp, u))?.outcome ?? null])));
    expect(outcomes).toEqual({ ft_silent: 'sent', ft_two: 'sent', ft_capped: 'capped', ft_nogrant: 'no-grant', ft_active: 'sent', ft_refuses: 'refused', ft_three: null });
    // The active customer: the content message, no coupon (their stage takes content only).
    expect((await delivery(cmp, 'ft_active'))!.contentOnly).toBe(true);
    const activeMsg = (await getAll<MessageDoc>(s.db(), COLL.messages, { openid: 'ft_active' }))[0];
    expect(activeMsg).toMatchObject({ title: '为您挑选了几款好物', state: 'sent' });
    // Coupons: everyone allowed the offer holds one (capped and grant-less too); the active customer none.
    for (const u of ['ft_silent', 'ft_two', 'ft_capped', 'ft_nogrant', 'ft_refuses']) expect((await delivery(cmp, u))!.couponId).toBeDefined();
    expect((await delivery(cmp, 'ft_active'))!.couponId).toBeUndefined();
    // Platform calls: one each for the sent and the refused, none for the rest.
    expect(await calls('ft_silent')).toBe(1);
    expect(await calls('ft_capped')).toBe(0);
    expect(await calls('ft_nogrant')).toBe(0);
    // Grants: used by the send; the refusal zeroes it and gives the cap slot back.
    expect((await getById<GrantDoc>(s.db(), COLL.subscription_grants, grantIdOf('ft_silent', 'promotion')))!.remaining).toBe(0);
    expect((await getById<GrantDoc>(s.db(), COLL.subscription_grants, grantIdOf('ft_capped', 'promotion')))!.remaining).toBe(3);
    expect((await getById<GrantDoc>(s.db(), COLL.subscription_grants, grantIdOf('ft_refuses', 'promotion')))!.remaining).toBe(0);
    expect((await getById<{ sentAt: number[] }>(s.db(), COLL.contact_records, contactIdOf('ft_refuses')))!.sentAt).toEqual([]);
    const rep = await op({ action: 'report', campaignId: cmp });
    expect(rep.data.counts).toMatchObject({ audience: 6, treated: 6, holdout: 0, sent: 3, capped: 1, offerTooDeep: 0, contentOnly: 1, noGrant: 1, refused: 1, couponsIssued: 5 });
  });

  test('launching again (a retry, or a crash re-run) reaches no one twice', async () => {
    const before = await calls('ft_silent');
    await op({ action: 'launch', campaignId: cmp, requestId: s.rid('again') });
    expect(await calls('ft_silent')).toBe(before);
    expect((await op({ action: 'report', campaignId: cmp })).data.counts.audience).toBe(6);
  });

  test('the customer sees the message in the inbox, opens it, and a purchase in the window converts', async () => {
    const box = await s.call('ft_silent', 'messages', { action: 'inbox' });
    expect(box.data.items).toHaveLength(1);
    expect(box.data.items[0]).toMatchObject({ title: '您有一张复购券待使用', kind: 'promotion' });
    expect((await s.call('ft_silent', 'messages', { action: 'open', messageId: box.data.items[0].messageId })).data.opened).toBe(true);
    const couponId = (await delivery(cmp, 'ft_silent'))!.couponId!;
    await buy('ft_silent', 'prd_mask', { couponId });
    await buy('ft_nogrant');
    const rep = (await op({ action: 'report', campaignId: cmp })).data;
    expect(rep.counts).toMatchObject({ convertedTreated: 2, ordersTreated: 2, couponsUsed: 1 });
    expect(rep.counts.couponCostFen).toBe(1_000);
    expect(rep.counts.revenueTreatedFen).toBeGreaterThan(0);
    expect(rep.results.profitTreatedFen).toBe(rep.counts.revenueTreatedFen - rep.counts.bonusTreatedFen - rep.counts.cogsTreatedFen);
  });
});

describe('crash and concurrency', () => {
  test('a crash after the send decision: the re-run marks it unknown and never sends it twice', async () => {
    await buy('cr_a');
    await accept('cr_a');
    await travel(40 * DAY_MS);
    const id = await createCampaign({ conditions: [{ code: 'in-segments', args: { anyOf: [['purchases:1', 'life:silent']] } }] });
    armFault('campaign.after-reserve');
    const first = await op({ action: 'launch', campaignId: id, requestId: s.rid('l') });
    expect(first.error?.code).toBe('INTERNAL');
    expect((await delivery(id, 'cr_a'))!.outcome).toBe('sending');
    await launchToEnd(s, id);
    expect((await delivery(id, 'cr_a'))!.outcome).toBe('unknown');
    expect(await calls('cr_a')).toBe(0);
    const m = (await getAll<MessageDoc>(s.db(), COLL.messages, { openid: 'cr_a' }))[0];
    expect(m.state).toBe('unknown');
  });

  test('concurrent launches of two campaigns to one audience: nobody gets more than the cap', async () => {
    const users = Array.from({ length: 6 }, (_, i) => `cc_${i}`);
    for (const u of users) {
      await buy(u);
      await accept(u, 5);
    }
    await travel(40 * DAY_MS); // silent: at most 2 per 7 days
    const clause = { conditions: [{ code: 'in-segments', args: { anyOf: [['purchases:1', 'life:silent']] } }] };
    const ids = [await createCampaign(clause), await createCampaign(clause), await createCampaign(clause)];
    await Promise.all(ids.map((id) => launchToEnd(s, id)));
    for (const u of users) {
      const contact = await getById<{ sentAt: number[] }>(s.db(), COLL.contact_records, contactIdOf(u));
      expect(contact!.sentAt.length).toBeLessThanOrEqual(2);
      expect(await calls(u)).toBe(contact!.sentAt.length);
    }
    const counts = await Promise.all(ids.map(async (id) => (await op({ action: 'report', campaignId: id })).data.counts));
    expect(counts.reduce((n, c) => n + c.sent, 0)).toBe(users.length * 2);
    expect(counts.reduce((n, c) => n + c.capped, 0)).toBe(users.length);
  });

  test('holdout customers get nothing and are counted; the split is the same on every run', async () => {
    const users = Array.from({ length: 20 }, (_, i) => `ho_${i}`);
    for (const u of users) {
      await buy(u);
      await accept(u);
    }
    await travel(40 * DAY_MS);
    const id = await createCampaign({ holdoutPercent: 50, conditions: [{ code: 'in-segments', args: { anyOf: [['purchases:1', 'life:silent']] } }] });
    await launchToEnd(s, id);
    const ds = await Promise.all(users.map((u) => delivery(id, u)));
    const held = ds.filter((d) => d!.group === 'holdout');
    expect(held.length).toBeGreaterThan(0);
    expect(held.length).toBeLessThan(20);
    for (const d of held) {
      expect(d!.outcome).toBe('holdout');
      expect(await calls(d!.openid)).toBe(0);
    }
    // The split is the pure function of (campaign, customer): the same whenever it is asked.
    for (const d of ds) expect(d!.group).toBe(inHoldout(id, d!.openid, 50) ? 'holdout' : 'treated');
    // The audience also holds earlier tests' silent one-time buyers: compare with every delivery.
    const all = await getAll<DeliveryDoc>(s.db(), COLL.campaign_deliveries, { campaignId: id });
    const rep = (await op({ action: 'report', campaignId: id })).data;
    expect(rep.counts.holdout).toBe(all.filter((d) => d.group === 'holdout').length);
    expect(rep.counts.audience).toBe(all.length);
  });
});

describe('subscription grants and renewal reminders', () => {
  test('accepted grants are counted once per request id; a send uses one', async () => {
    const rid = s.rid('g');
    const a = await s.call('gr_x', 'messages', { action: 'subscribeResult', results: { promotion: 'accept' }, requestId: rid });
    const again = await s.call('gr_x', 'messages', { action: 'subscribeResult', results: { promotion: 'accept' }, requestId: rid });
    expect(a.data.promotion.remaining).toBe(1);
    expect(again.data.promotion.remaining).toBe(1);
    await s.call('gr_x', 'messages', { action: 'subscribeResult', results: { promotion: 'reject', renewal: 'accept' }, requestId: s.rid('g') });
    const g = await s.call('gr_x', 'messages', { action: 'grants' });
    expect(g.data).toMatchObject({ promotion: { remaining: 1 }, renewal: { remaining: 1 } });
  });

  test('a member gets the 30-day reminder once, then the 7-day one', async () => {
    const u = 'rn_member';
    const r = await s.call(u, 'membership', { action: 'buy', planId: 'annual', requestId: s.rid('m') });
    expect(r.error).toBeUndefined();
    expect((await s.pay(r.data.payment.outTradeNo)).ok).toBe(true);
    await accept(u, 2);
    const status = await s.call(u, 'membership', { action: 'status' });
    const expiresAt = status.data.expiresAt as number;
    const now = Date.now() + offset;
    await s.trigger('campaign'); // establishes the run window
    await travel(expiresAt - 30 * DAY_MS - now + 60_000);
    await s.trigger('campaign');
    await s.trigger('campaign');
    const renewals = async () => (await getAll<MessageDoc>(s.db(), COLL.messages, { openid: u, kind: 'renewal' })).filter((m) => m.state === 'sent');
    expect(await renewals()).toHaveLength(1);
    await travel(23 * DAY_MS);
    await s.trigger('campaign');
    const sent = await renewals();
    expect(sent.map((m) => (m.source as { reminderDays: number }).reminderDays).sort()).toEqual([30, 7]);
    // Nothing bought this term: the reminder says why to renew instead of a saving of ¥0.
    expect(sent.find((m) => (m.source as { reminderDays: number }).reminderDays === 7)).toMatchObject({ title: '会员还有 7 天到期', detail: '续费后会员价与权益不断档' });
  });

  test('the reminder tells the member what the membership saved this term (本期已省, as on the member card)', async () => {
    const u = 'rn_saver';
    const r = await s.call(u, 'membership', { action: 'buy', planId: 'annual', requestId: s.rid('m') });
    expect(r.error).toBeUndefined();
    expect((await s.pay(r.data.payment.outTradeNo)).ok).toBe(true);
    const expiresAt = (await s.call(u, 'membership', { action: 'status' })).data.expiresAt as number;
    await s.trigger('campaign');
    // Shopping a day before the 30-day reminder (an active customer: a churned one only hears of big sales).
    await travel(expiresAt - 31 * DAY_MS - (Date.now() + offset));
    await buy(u, 'prd_serum'); // ¥688 → ¥588 at the member price
    await buy(u, 'prd_tea'); // ¥198 → ¥168
    await accept(u, 1);
    const card = await s.call(u, 'member', { action: 'card' });
    expect(card.data.term.savedFen).toBe(13_000);
    await travel(DAY_MS + 60_000);
    await s.trigger('campaign');
    const [msg] = (await getAll<MessageDoc>(s.db(), COLL.messages, { openid: u, kind: 'renewal' })).filter((m) => m.state === 'sent');
    expect(msg).toMatchObject({ title: '会员还有 30 天到期', detail: '本期会员已为您节省¥130' });
    // What WeChat received: the saving in the template's detail field (20 characters at most).
    const [call] = await getAll<{ body: { data: Record<string, { value: string }> } }>(s.db(), 'message_calls', { openid: u });
    const values = Object.values(call.body.data).map((x) => x.value);
    expect(values).toContain('本期会员已为您节省¥130');
    for (const v of values) expect(v.length).toBeLessThanOrEqual(20);
  });
});

describe('property: the contact cap holds over random launch sequences', () => {
  test('random campaigns launched at random times (some at once): no customer ever gets more than their stage allows in any 7 days', async () => {
    const users = Array.from({ length: 4 }, (_, i) => `pr_${i}`);
    for (const u of users) {
      await buy(u);
      await accept(u, 20);
    }
    await travel(40 * DAY_MS); // silent: 2 messages per rolling 7 days
    const clause = { conditions: [{ code: 'in-segments', args: { anyOf: [['purchases:1', 'life:silent']] } }] };
    let total = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ together: fc.integer({ min: 1, max: 3 }), waitDays: fc.integer({ min: 0, max: 5 }) }), { minLength: 2, maxLength: 4 }), async (steps) => {
        for (const step of steps) {
          const ids = [];
          for (let i = 0; i < step.together; i++) ids.push(await createCampaign({ ...clause, attributionDays: 1 }));
          await Promise.all(ids.map((id) => launchToEnd(s, id)));
          if (step.waitDays) await travel(step.waitDays * DAY_MS);
        }
        for (const u of users) {
          // Every send the platform received for them, from the recorder (what WeChat would have delivered).
          const sent = (await getAll<{ at: number; result: { ok: boolean } }>(s.db(), 'message_calls', { openid: u })).filter((c) => c.result.ok).map((c) => c.at).sort((a, b) => a - b);
          for (const t of sent) expect(sent.filter((x) => x > t - 7 * DAY_MS && x <= t).length).toBeLessThanOrEqual(2);
          total += sent.length;
        }
      }),
      { numRuns: 4, seed: 7 },
    );
    // The runs did send (and were capped): the property was exercised, not vacuous.
    expect(total).toBeGreaterThan(users.length);
  });
});
