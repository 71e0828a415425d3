import { FakeCustomerService } from '../../../__tests__/support/fake-customer';
import { memoryStorage, servicesOver } from '../../../__tests__/support/fake-services';
import { failingBackend } from '../../../__tests__/support/seed-cloud';
import { RootStore } from '../../../stores/root-store';
import { surveyOf } from '../stores';

/**
 * The survey store over a fake of the customer *service*: what is checked before sending, which
 * refusals land where, and one request id per intent for answering and for clearing.
 */
const OPTIONAL_ONLY = {
  enabled: true,
  intro: '',
  questions: [
    { id: 'interest', title: '您关注的品类', kind: 'multiple' as const, required: false, options: [{ id: 'skincare', label: '护肤' }, { id: 'makeup', label: '彩妆' }] },
    { id: 'industry', title: '您从事的行业', kind: 'single' as const, required: false, options: [{ id: 'beauty', label: '美业' }, { id: 'other', label: '其他' }] },
  ],
  answers: {},
};

async function setup() {
  const customer = new FakeCustomerService();
  customer.view = JSON.parse(JSON.stringify(OPTIONAL_ONLY));
  const root = new RootStore(servicesOver(failingBackend('INTERNAL', ''), { customer, device: memoryStorage() }), { welcome: { log: () => undefined } });
  await root.welcome.onAppShow();
  const s = surveyOf(root);
  await s.start();
  return { root, customer, s };
}

test('all questions optional: nothing chosen is not sent; the customer is told they can put it off', async () => {
  const { s, customer } = await setup();
  expect(await s.submit()).toBe(false);
  expect(s.notice).toEqual({ tone: 'error', text: '请至少回答一个问题再提交；暂时不想回答，可以点「以后再说」。' });
  expect(customer.callsOf('answerSurvey')).toHaveLength(0);
});

test('only answered questions are sent, options in the survey’s order; success hides the welcome', async () => {
  const { s, customer, root } = await setup();
  expect(root.welcome.showWelcome).toBe(true);
  s.choose('interest', 'makeup');
  s.choose('interest', 'skincare');
  s.choose('industry', 'nope'); // not an option: ignored
  expect(await s.submit()).toBe(true);
  expect(customer.callsOf('answerSurvey')[0].answers).toEqual([{ questionId: 'interest', optionIds: ['skincare', 'makeup'] }]);
  expect(s.submitted).toBe(true);
  expect(s.answerLines).toEqual([{ questionId: 'interest', title: '您关注的品类', labels: ['护肤', '彩妆'] }]);
  expect(root.welcome.showWelcome).toBe(false);
});

test('a refusal naming a question is shown under it; changed answers are a new request, the same ones retried are not', async () => {
  const { s, customer } = await setup();
  customer.answerReplies.push({ ok: false, error: { code: 'INVALID_INPUT', message: '「您从事的行业」只能选择一个选项。', details: { questionId: 'industry' } } });
  customer.answerReplies.push({ ok: false, error: { code: 'INTERNAL', message: '网络异常，请检查网络后重试。' } });
  s.choose('industry', 'beauty');
  expect(await s.submit()).toBe(false);
  expect(s.problems).toEqual({ industry: '「您从事的行业」只能选择一个选项。' });
  expect(s.notice?.tone).toBe('error');
  s.choose('industry', 'other');
  expect(s.problems).toEqual({});
  expect(await s.submit()).toBe(false); // unknown outcome: keep the id
  expect(await s.submit()).toBe(true);
  const ids = customer.callsOf('answerSurvey').map((c) => c.requestId);
  expect(ids[1]).not.toBe(ids[0]);
  expect(ids[2]).toBe(ids[1]);
});

test('SURVEY_CLOSED: the survey is reloaded (now closed) and the reason shown as information', async () => {
  const { s, customer } = await setup();
  s.choose('industry', 'beauty');
  customer.answerReplies.push({ ok: false, error: { code: 'SURVEY_CLOSED', message: '问卷暂未开放，感谢您的关注。' } });
  customer.surveys.push({ ok: true, data: { enabled: false, intro: '', questions: [], answers: {} } });
  expect(await s.submit()).toBe(false);
  expect(s.isOpen).toBe(false);
  expect(s.notice).toEqual({ tone: 'info', text: '问卷暂未开放，感谢您的关注。' });
});

test('clearing: only after the confirm; a lost reply keeps the request id, a refusal says so in Chinese', async () => {
  const { s, customer } = await setup();
  s.choose('industry', 'beauty');
  await s.submit();
  expect(await s.confirmClear()).toBe(false); // no confirm asked yet
  s.askClear();
  customer.clearReplies.push({ ok: false, error: { code: 'INTERNAL', message: '网络异常，请检查网络后重试。' } });
  expect(await s.confirmClear()).toBe(false);
  expect(s.notice).toEqual({ tone: 'error', text: '清除失败：网络异常，请检查网络后重试。' });
  expect(s.hasAnswers).toBe(true);
  s.askClear();
  expect(await s.confirmClear()).toBe(true);
  const ids = customer.callsOf('clearSurvey').map((c) => c.requestId);
  expect(ids).toHaveLength(2);
  expect(ids[1]).toBe(ids[0]);
  expect(s.hasAnswers).toBe(false);
  expect(s.choices).toEqual({});
  // A later clear is a new request (the first one is settled).
  s.choose('industry', 'other');
  await s.submit();
  s.askClear();
  await s.confirmClear();
  expect(customer.callsOf('clearSurvey')[2].requestId).not.toBe(ids[0]);
});

test('reopening the page: a tap on the previous view while the fresh load is in flight is kept, not replaced by the answers on record', async () => {
  const { s, customer } = await setup();
  customer.view = { ...JSON.parse(JSON.stringify(OPTIONAL_ONLY)), answers: { interest: ['skincare'] } };
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  customer.surveys.push(gate.then(() => ({ ok: true as const, data: JSON.parse(JSON.stringify(customer.view)) })));
  const reopened = s.start();
  s.choose('interest', 'makeup');
  release();
  await reopened;
  expect(s.choices).toEqual({ interest: ['makeup'] });
});
