import fc from 'fast-check';
import { startTestStore, type TestStore } from '../../../local/testing/store-harness';
import type { PurchaseEvent } from '../../../shared/schemas/event';
import { segmentKeys } from '../../../shared/segments/keys';
import { applyEvent, newProfile, profileIdOf, type CustomerProfile } from '../../../shared/segments/profile';
import { DAY_MS } from '../../../shared/time';
import { consumeEvent } from '../../_consumers/consume-event';
import { getAll, getById } from '../../_kit/db';
import { armFault, disarmFaults } from '../../_kit/faults';
import { loadSettings } from '../../_kit/settings-store';
import { makeEvent } from '../../_events/make-event';
import { main as segmentMain } from '../index';

let s: TestStore;
beforeAll(async () => {
  s = await startTestStore();
});
afterAll(() => s.close());
afterEach(() => disarmFaults());

const OP = 'op_admin';

async function buy(openid: string, productId = 'prd_mask') {
  const r = await s.call(openid, 'order', { action: 'create', items: [{ productId, qty: 1 }], payWith: 'wechat', requestId: s.rid('buy') });
  expect(r.ok).toBe(true);
  expect((await s.pay(r.data.payment.outTradeNo)).ok).toBe(true);
  return r.data.orderId as string;
}

const profile = (openid: string) => getById<CustomerProfile>(s.db(), 'profiles', profileIdOf(openid));
const seg = (body: Record<string, unknown>) => s.call(OP, 'segment', body);

/** Every member of a segment through `segment.list`, page by page. */
async function listAll(key: string, limit: number) {
  const out: Array<{ openid: string }> = [];
  let cursor: string | undefined;
  for (let i = 0; i < 1000; i++) {
    const r = await seg({ action: 'list', key, limit, ...(cursor ? { cursor } : {}) });
    expect(r.ok).toBe(true);
    out.push(...r.data.members);
    if (!r.data.nextCursor) return { members: out, total: r.data.total as number };
    cursor = r.data.nextCursor;
  }
  throw new Error('list did not end');
}

describe('segment operator actions are operators only', () => {
  test('every operator action of the segment table is FORBIDDEN for a customer; the timer action for everyone but the timer', async () => {
    const table = segmentMain.actions;
    const operatorActions = Object.entries(table).filter(([, d]) => d.auth === 'operator').map(([n]) => n);
    expect(operatorActions.sort()).toEqual(['counts', 'customer', 'export', 'list', 'recompute', 'syncJobs', 'syncTags', 'timeline', 'wecomSyncLog']);
    for (const action of operatorActions) {
      // Valid input for every action, so the refusal is the role check, not validation.
      const body = { action, key: 'layer:new', openid: 'cust_x', tagId: 'et_tag', requestId: s.rid('sync') };
      const r = await s.call('cust_nosy', 'segment', body);
      expect({ action, code: r.error?.code }).toEqual({ action, code: 'FORBIDDEN' });
    }
    expect(table.transitions).toEqual({ auth: 'system', sources: ['timer'] });
    expect((await s.call('cust_nosy', 'segment', { action: 'transitions' })).error?.code).toBe('FORBIDDEN');
    expect((await s.call(OP, 'segment', { action: 'transitions' })).error?.code).toBe('FORBIDDEN');
    expect((await s.call(OP, 'segment', { action: 'list', key: 'layer:vip' })).error?.code).toBe('INVALID_INPUT');
  });
});

describe('purchases → profile → segment lists', () => {
  test('a customer buys twice → appears in purchases:2 (and no longer in purchases:1); refunding one moves them back', async () => {
    const u = 'seg_twice';
    const first = await buy(u);
    expect((await profile(u))!.segments).toEqual(expect.arrayContaining(['purchases:1', 'layer:paying', 'life:active']));
    await buy(u, 'prd_tea');
    const p = (await profile(u))!;
    expect(p.segments).toContain('purchases:2');
    expect(p.segments).not.toContain('purchases:1');
    expect(p.nextTransitionAt).toBe(p.lastPurchaseAt! + 30 * DAY_MS + 1);

    const two = await seg({ action: 'list', key: 'purchases:2', limit: 100 });
    expect(two.data.members.map((m: { openid: string }) => m.openid)).toContain(u);
    expect(two.data.members.find((m: { openid: string }) => m.openid === u)).toMatchObject({ purchases: 2, qualifyingSpendFen: 12_800 + 19_800, layer: 'paying', life: 'active' });
    expect((await seg({ action: 'list', key: 'purchases:1', limit: 100 })).data.members.map((m: { openid: string }) => m.openid)).not.toContain(u);

    expect((await s.call(u, 'order', { action: 'refund', orderId: first, requestId: s.rid('rf') })).ok).toBe(true);
    expect((await profile(u))!.segments).toEqual(expect.arrayContaining(['purchases:1']));
  });

  test('a trial purchase → trial:unconverted and tag:trial; a trial is not a purchase', async () => {
    const u = 'seg_trial';
    await buy(u, 'prd_serum_trial');
    const p = (await profile(u))!;
    expect(p.segments).toEqual(expect.arrayContaining(['purchases:0', 'tag:trial', 'trial:unconverted', 'layer:paying']));
    expect(p.segments!.some((k) => k.startsWith('life:'))).toBe(false);
    await buy(u, 'prd_serum');
    expect((await profile(u))!.segments).not.toContain('trial:unconverted');
  });

  test('membership purchase → member:active (expiry carried by the event with the membership version)', async () => {
    const u = 'seg_member';
    const r = await s.call(u, 'membership', { action: 'buy', planId: 'annual', requestId: s.rid('mb') });
    expect(r.ok).toBe(true);
    await s.pay(r.data.payment.outTradeNo);
    const p = (await profile(u))!;
    expect(p.membership).toMatchObject({ version: 1, activeTerms: 1 });
    expect(p.segments).toEqual(expect.arrayContaining(['member:active', 'purchases:0', 'layer:paying']));
    expect(p.nextTransitionAt).toBe(p.membership!.expiresAt - 30 * DAY_MS);
    const ev = (await getAll<PurchaseEvent>(s.db(), 'events', { openid: u, type: 'membership.purchased' }))[0];
    expect(ev.data).toMatchObject({ planId: 'annual', expiresAt: p.membership!.expiresAt, membershipVersion: 1, activeTerms: 1 });
    // Refunding the only term: no longer a member (not "lapsed").
    expect((await s.call(u, 'membership', { action: 'refund', requestId: s.rid('mr') })).ok).toBe(true);
    const after = (await profile(u))!;
    expect(after.membership).toMatchObject({ version: 2, activeTerms: 0 });
    expect(after.segments!.some((k) => k.startsWith('member:'))).toBe(false);
  });

  test('counts: one number per known key, matching list totals', async () => {
    const c = await seg({ action: 'counts' });
    expect(c.ok).toBe(true);
    for (const k of ['layer:new', 'layer:engaged', 'layer:paying', 'layer:ironfan', 'life:active', 'purchases:0', 'purchases:2', 'purchases:3plus', 'trial:unconverted', 'member:expiring', 'tier:near', 'tag:trial', 'tag:industry-beauty']) {
      expect(typeof c.data[k]).toBe('number');
    }
    const l = await seg({ action: 'list', key: 'layer:paying' });
    expect(l.data.total).toBe(c.data['layer:paying']);
    // One aggregation answers for every key: each equals that key's own indexed count.
    for (const k of Object.keys(c.data)) {
      const own = (await s.db().collection('profiles').where({ segments: k }).count()) as { total: number };
      expect([k, c.data[k]]).toEqual([k, own.total]);
    }
    expect(Object.values(c.data).some((n) => (n as number) > 0)).toBe(true);
    const layers = ['layer:new', 'layer:engaged', 'layer:paying', 'layer:ironfan'].reduce((n, k) => n + c.data[k], 0);
    const profiles = await s.db().collection('profiles').count();
    expect(layers).toBe((profiles as { total: number }).total); // every profile is in exactly one layer
  });
});

describe('interactions: visit, survey', () => {
  test('a visit is recorded at most once per business day; a second day makes the customer engaged', async () => {
    const u = 'seg_visitor';
    const v1 = await s.call(u, 'customer', { action: 'visit' });
    expect(v1.data).toMatchObject({ recorded: true, surveyPending: true });
    expect((await s.call(u, 'customer', { action: 'visit' })).data.recorded).toBe(false);
    await Promise.all(Array.from({ length: 5 }, () => s.call(u, 'customer', { action: 'visit' })));
    expect(await getAll(s.db(), 'events', { openid: u, type: 'customer.visited' })).toHaveLength(1);
    expect((await profile(u))!.segments).toEqual(expect.arrayContaining(['layer:new', 'purchases:0']));
    await s.clock(DAY_MS);
    try {
      expect((await s.call(u, 'customer', { action: 'visit' })).data.recorded).toBe(true);
    } finally {
      await s.clock(0);
    }
    const p = (await profile(u))!;
    expect(p.interactions.visits).toBe(2);
    expect(p.segments).toContain('layer:engaged');
  });

  test('the survey: configured questions (no tags shown), validated answers become tags; a retry records nothing twice', async () => {
    const u = 'seg_survey';
    const q = await s.call(u, 'customer', { action: 'survey' });
    expect(q.data.enabled).toBe(true);
    expect(q.data.questions.map((x: { id: string }) => x.id)).toEqual(['industry', 'interest']);
    expect(JSON.stringify(q.data)).not.toContain('industry-beauty');
    const bad = await s.call(u, 'customer', { action: 'answerSurvey', answers: [{ questionId: 'industry', optionIds: ['beauty', 'retail'] }], requestId: s.rid('sv') });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const extra = await s.call(u, 'customer', { action: 'answerSurvey', answers: [{ questionId: 'industry', optionIds: ['beauty'], note: '多收集一点' }], requestId: s.rid('sv') });
    expect(extra.error?.code).toBe('INVALID_INPUT'); // nothing beyond the configured choices is accepted

    const requestId = s.rid('sv');
    const body = { action: 'answerSurvey', answers: [{ questionId: 'industry', optionIds: ['beauty'] }, { questionId: 'interest', optionIds: ['makeup', 'skincare'] }], requestId };
    const first = await s.call(u, 'customer', body);
    expect(first.data).toMatchObject({ recorded: true, answers: { industry: ['beauty'], interest: ['skincare', 'makeup'] } });
    expect((await s.call(u, 'customer', body)).data.recorded).toBe(false);
    expect(await getAll(s.db(), 'events', { openid: u, type: 'survey.answered' })).toHaveLength(1);
    const p = (await profile(u))!;
    expect(p.segments).toEqual(expect.arrayContaining(['layer:engaged', 'tag:industry-beauty', 'tag:interest-makeup', 'tag:interest-skincare']));
    expect((await s.call(u, 'customer', { action: 'survey' })).data.answers).toEqual({ industry: ['beauty'], interest: ['skincare', 'makeup'] });
    expect((await s.call(u, 'customer', { action: 'visit' })).data.surveyPending).toBe(false);
    const tagged = await seg({ action: 'list', key: 'tag:industry-beauty', limit: 100 });
    expect(tagged.data.members.find((m: { openid: string }) => m.openid === u)).toMatchObject({ tags: ['industry-beauty', 'interest-makeup', 'interest-skincare'], layer: 'engaged' });
  });
  test('a customer deletes their answers: tags gone from the profile and the lists, answers erased from the stored events', async () => {
    const u = 'seg_forget';
    await s.call(u, 'customer', { action: 'answerSurvey', answers: [{ questionId: 'industry', optionIds: ['retail'] }], requestId: s.rid('sv') });
    expect((await profile(u))!.segments).toContain('tag:industry-retail');
    const requestId = s.rid('clr');
    const r = await s.call(u, 'customer', { action: 'clearSurvey', requestId });
    expect(r.data).toMatchObject({ recorded: true, erasedEvents: 1 });
    expect((await s.call(u, 'customer', { action: 'clearSurvey', requestId })).data).toMatchObject({ recorded: false, erasedEvents: 0 });
    const p = (await profile(u))!;
    expect(p.segments!.filter((k) => k.startsWith('tag:'))).toEqual([]);
    expect((await s.call(u, 'customer', { action: 'survey' })).data.answers).toEqual({});
    const stored = await getAll<PurchaseEvent>(s.db(), 'events', { openid: u, type: 'survey.answered' });
    expect(JSON.stringify(stored)).not.toContain('retail');
    expect((await seg({ action: 'list', key: 'tag:industry-retail', limit: 100 })).data.members.map((m: { openid: string }) => m.openid)).not.toContain(u);
    // Answering again later is a new fact and wins.
    await s.call(u, 'customer', { action: 'answerSurvey', answers: [{ questionId: 'industry', optionIds: ['beauty'] }], requestId: s.rid('sv') });
    expect((await profile(u))!.segments).toContain('tag:industry-beauty');
  });
});

describe('exactly once', () => {
  test('duplicate and reordered delivery: the stored profile equals the pure fold, each event applied once', async () => {
    const u = 'seg_replay';
    const T = Date.now() - 10 * DAY_MS;
    const zero = { amounts: { totalFen: 0, cashFen: 0, principalFen: 0, bonusFen: 0 }, qualifyingDeltaFen: 0, productKinds: [] as PurchaseEvent['productKinds'] };
    const line = { productId: 'prd_mask', kind: 'regular' as const, qty: 1, amountFen: 12_800 };
    const events: PurchaseEvent[] = [
      makeEvent({ factId: 'rp_o1', type: 'order.paid', openid: u, at: T, orderId: 'ord_rp1', ...zero, qualifyingDeltaFen: 12_800, productKinds: ['regular'], lines: [line] }),
      makeEvent({ factId: 'rp_o2', type: 'order.paid', openid: u, at: T + DAY_MS, orderId: 'ord_rp2', ...zero, qualifyingDeltaFen: 12_800, productKinds: ['regular'], lines: [line] }),
      makeEvent({ factId: 'rp_o3', type: 'order.paid', openid: u, at: T + 2 * DAY_MS, orderId: 'ord_rp3', ...zero, qualifyingDeltaFen: 12_800, productKinds: ['regular'], lines: [line] }),
      makeEvent({ factId: 'rp_r3', type: 'order.refunded', openid: u, at: T + 3 * DAY_MS, orderId: 'ord_rp3', ...zero, qualifyingDeltaFen: -12_800, productKinds: ['regular'], lines: [line], data: { fullRefund: true, orderPaidAt: T + 2 * DAY_MS, orderQualifying: true } }),
      makeEvent({ factId: `${u}_d1`, type: 'customer.visited', openid: u, at: T, ...zero }),
      makeEvent({ factId: 'rp_s', type: 'survey.answered', openid: u, at: T + DAY_MS, ...zero, data: { answers: [{ questionId: 'industry', optionIds: ['retail'], tags: ['industry-retail'] }] } }),
      makeEvent({ factId: 'rp_c', type: 'coupon.claimed', openid: u, at: T + DAY_MS, ...zero }),
      makeEvent({ factId: 'rp_m', type: 'message.opened', openid: u, at: T + DAY_MS, ...zero }),
    ];
    await s.db().collection('events').add(events);
    const settings = await loadSettings(s.db());
    // Reordered (a random permutation), each delivered three times, partly at once.
    const order = fc.sample(fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }), { numRuns: 1, seed: 42 })[0];
    const deliveries = order.flatMap((e) => [e._id, e._id, e._id]);
    const outcomes: string[] = [];
    for (let i = 0; i < deliveries.length; i += 4) {
      const res = await Promise.all(deliveries.slice(i, i + 4).map((id) => consumeEvent(s.db(), id, settings, Date.now())));
      outcomes.push(...res.map((r) => r.outcome));
    }
    expect(outcomes.filter((o) => o === 'applied')).toHaveLength(events.length);
    const stored = (await profile(u))!;
    const expected = events.reduce(applyEvent, newProfile(u, 0));
    expect(stored.eventsApplied).toBe(events.length);
    expect(stored.qualifyingSpendFen).toBe(expected.qualifyingSpendFen);
    expect(stored.orders).toEqual(expected.orders);
    expect(stored.interactions).toEqual(expected.interactions);
    expect(stored.survey).toEqual(expected.survey);
    expect(stored.segments).toEqual(segmentKeys(expected, settings, stored.segmentsAt!));
    expect(stored.segments).toEqual(expect.arrayContaining(['purchases:2', 'life:active', 'tag:industry-retail']));
    const left = await getAll<PurchaseEvent>(s.db(), 'events', { openid: u, pending: 'profile' });
    expect(left).toHaveLength(0);
  });

  test('a crash between the interaction commit and the profile update: the scheduler sweep applies it once', async () => {
    const u = 'seg_crash';
    armFault('consume.before-mark');
    const r = await s.call(u, 'customer', { action: 'answerSurvey', answers: [{ questionId: 'industry', optionIds: ['office'] }], requestId: s.rid('sv') });
    expect(r.ok).toBe(true); // the fact committed; applying it failed once
    expect(await profile(u)).toBeNull();
    expect(await getAll(s.db(), 'events', { openid: u, pending: 'profile' })).toHaveLength(1);
    const sweep = await s.trigger('scheduler');
    expect(sweep.data.eventsApplied).toBeGreaterThanOrEqual(1);
    const p = (await profile(u))!;
    expect(p.segments).toEqual(expect.arrayContaining(['tag:industry-office', 'layer:engaged']));
    expect(p.eventsApplied).toBe(1);
    await s.trigger('scheduler');
    expect((await profile(u))!.eventsApplied).toBe(1);
  });
});

describe('lists, CSV export, one customer', () => {
  const N = 23;
  const users = Array.from({ length: N }, (_, i) => `seg_csv_${String(i).padStart(2, '0')}`);
  beforeAll(async () => {
    for (let i = 0; i < users.length; i += 8) await Promise.all(users.slice(i, i + 8).map((u) => s.call(u, 'customer', { action: 'answerSurvey', answers: [{ questionId: 'interest', optionIds: ['wellness'] }], requestId: s.rid('sv') })));
  });

  test('list pages by a stable openid cursor: every member once, in order, total = count', async () => {
    const { members, total } = await listAll('tag:interest-wellness', 5);
    const ids = members.map((m) => m.openid);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    expect(ids).toEqual(expect.arrayContaining(users));
    expect(total).toBe(ids.length);
    // Indexed: paging the list never scanned the collection.
    const before = s.server.emulator.stats().fullScans;
    await listAll('tag:interest-wellness', 7);
    expect(s.server.emulator.stats().fullScans).toBe(before);
  });

  test('CSV export pages: header (with BOM) on the first page, rows equal to the list’s members', async () => {
    const first = await seg({ action: 'export', key: 'tag:interest-wellness' });
    expect(first.ok).toBe(true);
    const lines: string[] = first.data.csv.split('\r\n').filter(Boolean);
    expect(lines[0]).toBe('\uFEFFopenid,unionid,layer,life,member,purchases,qualifying_spend_fen,qualifying_spend_yuan,last_purchase_at,member_expires_at,tags');
    expect(first.data).toMatchObject({ done: true, nextCursor: null });
    const { members, total } = await listAll('tag:interest-wellness', 9);
    expect(first.data.total).toBe(total);
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(members.map((m) => m.openid));
    // Streamed in small pages (the client shows progress): the concatenation is the same file.
    let csv: string = first.data.csv;
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await seg({ action: 'export', key: 'tag:interest-wellness', limit: 6, ...(cursor ? { cursor } : {}) });
      expect(page.data.rows).toBeLessThanOrEqual(6);
      if (pages === 0) expect(page.data.total).toBe(total);
      else expect(page.data.total).toBeUndefined();
      csv = pages === 0 ? page.data.csv : csv + page.data.csv;
      cursor = page.data.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(Math.ceil(total / 6));
    expect(csv).toBe(first.data.csv);
    const row = lines.find((l) => l.startsWith('seg_csv_00,'))!;
    expect(row).toBe('seg_csv_00,,engaged,,,0,0,0.00,,,interest-wellness');
  });

  test('one customer: profile facts, keys, timeline, orders, wallet, tier progress', async () => {
    const u = 'seg_detail';
    await buy(u, 'prd_serum');
    await s.call(u, 'customer', { action: 'visit' });
    const r = await seg({ action: 'customer', openid: u });
    expect(r.ok).toBe(true);
    expect(r.data).toMatchObject({
      openid: u,
      facts: { layer: 'paying', life: 'active', purchases: 1, qualifyingSpendFen: 68_800, interactions: { visits: 1 } },
      wallet: { principalFen: 0, bonusFen: 0, totalFen: 0 },
      tiers: { qualifyingSpendFen: 68_800, nextGapFen: 500_000 - 68_800 },
    });
    expect(r.data.segments).toEqual(r.data.segmentsNow);
    expect(r.data.orders).toHaveLength(1);
    expect(r.data.timeline.items.map((i: { type: string }) => i.type).sort()).toEqual(['customer.visited', 'order.paid']);
    const t = await seg({ action: 'timeline', openid: u });
    expect(t.data.items).toHaveLength(2);
    expect((await seg({ action: 'customer', openid: 'nobody_here' })).error?.code).toBe('NOT_FOUND');
  });
});

describe('WeCom tag sync (local recorder)', () => {
  test('idempotent and resumable: one mark_tag per member, a retry or a finished job sends nothing again', async () => {
    const members = (await listAll('tag:interest-wellness', 100)).members;
    const requestId = s.rid('sync');
    const body = { action: 'syncTags', key: 'tag:interest-wellness', tagId: 'etWellness01', requestId, batch: 10, maxPages: 1 };
    const first = await seg(body);
    expect(first.data).toMatchObject({ state: 'running', processed: 10, tagged: 10, more: true, mode: 'local-recorder', total: members.length });
    let job = first.data;
    for (let i = 0; i < 10 && job.more; i++) job = (await seg(body)).data;
    expect(job).toMatchObject({ state: 'done', processed: members.length, tagged: members.length, skipped: 0, failed: 0, more: false });
    const again = await seg(body);
    expect(again.data).toMatchObject({ state: 'done', processed: members.length });

    const log = await seg({ action: 'wecomSyncLog', jobId: job.jobId });
    expect(log.data.mode).toBe('local-recorder');
    expect(log.data.job).toMatchObject({ state: 'done' });
    let calls = log.data.calls;
    let cursor = log.data.nextCursor;
    while (cursor) {
      const next = await seg({ action: 'wecomSyncLog', jobId: job.jobId, cursor });
      calls = calls.concat(next.data.calls);
      cursor = next.data.nextCursor;
    }
    expect(calls).toHaveLength(members.length);
    expect(calls.map((c: { openid: string }) => c.openid).sort()).toEqual(members.map((m) => m.openid).sort());
    expect(calls[0].body).toEqual({ userid: 'local_staff', external_userid: `wm_local_${calls[0].openid}`, add_tag: ['etWellness01'], remove_tag: [] });

    // The same request id for another key is refused, not merged.
    expect((await seg({ ...body, key: 'layer:new' })).error?.code).toBe('CONFLICT');

    // The operator finds the job again without its request id: syncJobs lists it, newest first.
    const jobs = await seg({ action: 'syncJobs' });
    expect(jobs.data.mode).toBe('local-recorder');
    expect(jobs.data.jobs.find((j: { jobId: string }) => j.jobId === job.jobId)).toMatchObject({ key: 'tag:interest-wellness', tagId: 'etWellness01', state: 'done', tagged: members.length, more: false });
    const times = jobs.data.jobs.map((j: { createdAt: number }) => j.createdAt);
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  test('a crash after a page was sent resends at most that page (mark_tag is idempotent) and the counts stay exact', async () => {
    const members = (await listAll('tag:interest-wellness', 100)).members;
    const body = { action: 'syncTags', key: 'tag:interest-wellness', tagId: 'etCrash01', requestId: s.rid('sync'), batch: 10 };
    armFault('sync.before-cursor');
    expect((await seg(body)).error?.code).toBe('INTERNAL');
    // The crashed call held the lease: a retry within it reports "busy", after it expires the job resumes.
    const busy = await seg(body);
    expect(busy.data).toMatchObject({ busy: true, processed: 0 });
    await s.clock(31_000);
    try {
      const done = await seg(body);
      expect(done.data).toMatchObject({ state: 'done', processed: members.length, tagged: members.length });
      const log = await seg({ action: 'wecomSyncLog', jobId: done.data.jobId });
      expect(log.data.calls.length).toBe(members.length + 10);
    } finally {
      await s.clock(0);
    }
  });
});
