import type { Envelope } from '@shared/errors/envelope';
import type { CustomerCardView, FollowupService, RecordContactInput } from '../../../services/followup';
import type { SegmentService } from '../../../services/segment';
import { IntentIds } from '../../../services/request-id';
import { FollowupCustomerStore, FollowupNewStore } from '../stores/followup-store';

/**
 * The 一对一跟进 forms against a scripted FollowupService (the service layer is what is faked; the
 * emulator test drives the real function): the contact form sends only observed facts, asks for
 * a result and a next date (not after 明确拒绝), needs a reason once the customer is capped, and a
 * retry after a lost answer reuses its request id; the new-list form starts from the goal's
 * defaults and refuses to send without staff.
 */
const NOW = Date.UTC(2026, 11, 4, 2, 0); // 2026-12-04 10:00 in Shanghai
const ok = <T>(data: T): Envelope<T> => ({ ok: true, data });
const policy = (capped: boolean) => ({ stageLabel: '未成交（新客、体验客）', sentIn7Days: capped ? 2 : 0, maxPer7Days: 2, capped, lastContactAt: null });

const card = (capped = false): CustomerCardView => ({
  listId: 'ful_aaaaaaaaaaaa',
  goal: 'trial-to-full',
  entry: { openid: 'o_1', customer: { nickname: null, avatarUrl: null }, staff: 'staff_li', staffName: '李敏', contacts: 0, lastContactAt: null, lastOutcome: null, lastOutcomeLabel: null, dueAt: NOW + 86_400_000, overdue: false, convertedAt: null, credited: false, policy: policy(capped) },
  highlights: [],
  survey: [],
  contacts: [],
  script: '您好',
  facts: [
    { key: 'mentioned-price', label: '提到价格', kind: 'count' },
    { key: 'asked-validity', label: '问了有效期', kind: 'flag' },
  ],
  objections: ['价格太高'],
});

function scripted(opts: { capped?: boolean; lose?: number } = {}) {
  const sent: RecordContactInput[] = [];
  let lose = opts.lose ?? 0;
  const service = {
    customer: async () => ok(card(opts.capped)),
    recordContact: async (input: RecordContactInput) => {
      sent.push(input);
      if (lose-- > 0) return { ok: false, error: { code: 'INTERNAL', message: '系统繁忙，请稍后重试。' } } as Envelope<never>;
      return ok({ contact: { contactId: 'fct_1', at: NOW, staffName: '李敏', channel: input.channel, channelLabel: '电话', facts: [], objection: null, outcome: input.outcome, outcomeLabel: '有兴趣', note: null, nextAt: NOW + 2 * 86_400_000, overCapReason: null }, entry: card().entry });
    },
  } as unknown as FollowupService;
  return { service, sent };
}

test('the contact form sends observed facts only, asks for a result and a next date, and a retry reuses its request id', async () => {
  const { service, sent } = scripted({ lose: 1 });
  const s = new FollowupCustomerStore(service, new IntentIds(), () => NOW);
  await s.open('ful_aaaaaaaaaaaa', 'o_1');
  expect(s.nextDate).toBe('2026-12-07');
  expect(await s.submit()).toBe(false);
  expect(s.problem).toContain('结果');
  s.setCount('mentioned-price', 2);
  s.setFlag('asked-validity', true);
  s.setFlag('asked-validity', true); // tapped again: not asked after all
  s.setObjection('价格太高');
  s.setOutcome('interested');
  expect(await s.submit()).toBe(false); // the answer was lost
  expect(await s.submit()).toBe(true);
  expect(sent).toHaveLength(2);
  expect(sent[0].requestId).toBe(sent[1].requestId);
  expect(sent[1]).toMatchObject({ facts: { 'mentioned-price': 2 }, objection: '价格太高', outcome: 'interested', nextDate: '2026-12-07' });
  expect(s.notice?.text).toContain('已记录');
  // The form is clear for the next contact.
  expect(s.outcome).toBeUndefined();

  s.setOutcome('declined');
  expect(s.needsNextDate).toBe(false);
  await s.submit();
  expect(sent[2].nextDate).toBeUndefined();
  expect(sent[2].requestId).not.toBe(sent[1].requestId);
});

test('a capped customer needs a written reason before anything is sent', async () => {
  const { service, sent } = scripted({ capped: true });
  const s = new FollowupCustomerStore(service, new IntentIds(), () => NOW);
  await s.open('ful_aaaaaaaaaaaa', 'o_1');
  s.setOutcome('interested');
  expect(await s.submit()).toBe(false);
  expect(s.problem).toContain('理由');
  expect(sent).toHaveLength(0);
  s.setOverCapReason('顾客主动到店咨询');
  expect(await s.submit()).toBe(true);
  expect(sent[0].overCapReason).toBe('顾客主动到店咨询');
});

test('the new-list form starts from the goal’s audience and script, follows a preset, and needs staff', async () => {
  const created: unknown[] = [];
  const service = {
    options: async () => ok({ staff: [{ openid: 'staff_li', name: '李敏' }], facts: card().facts, objections: ['价格太高'], goals: [{ goal: 'trial-to-full', label: '体验装转正装', conversion: '买了正装' }, { goal: 'renewal', label: '续费', conversion: '续费' }] }),
    create: async (input: unknown) => {
      created.push(input);
      return ok({ list: { listId: 'ful_bbbbbbbbbbbb' } });
    },
  } as unknown as FollowupService;
  const segments = { counts: async () => ok({ 'trial:unconverted': 7, 'member:expiring': 3 }) } as unknown as SegmentService;
  const s = new FollowupNewStore(service, segments, new IntentIds(), () => NOW);
  await s.open();
  expect(s.form).toMatchObject({ goal: 'trial-to-full', segment: 'trial:unconverted', dueDate: '2026-12-11', staff: ['staff_li'] });
  expect(s.audienceSize).toBe(7);
  s.setGoal('renewal');
  expect(s.form!.segment).toBe('member:expiring');
  expect(s.form!.script).toContain('续费');
  s.toggle('staff', 'staff_li');
  expect(await s.submit()).toBeUndefined();
  expect(s.problem).toContain('跟进专员');
  s.toggle('staff', 'staff_li');
  expect((await s.submit())?.listId).toBe('ful_bbbbbbbbbbbb');
  expect(created[0]).toMatchObject({ goal: 'renewal', source: { kind: 'segment', key: 'member:expiring' }, holdoutPercent: 10, windowDays: 14 });

  await s.open({ goal: 'renewal', segment: 'member:lapsed' });
  expect(s.form).toMatchObject({ goal: 'renewal', segment: 'member:lapsed' });

  // From 顾客详情: one hand-picked customer.
  await s.open({ openid: 'o_9' });
  expect(s.audienceSize).toBe(1);
  await s.submit();
  expect(created[created.length - 1]).toMatchObject({ source: { kind: 'hand', openids: ['o_9'] } });
});
