import { startTestStore, type TestStore } from '../../../local/testing/store-harness';

/**
 * What the Mini Program's first response relies on and the segment tests do not cover: the welcome
 * is offered only while the survey is open and unanswered (a customer who withdrew their answers is
 * not invited again, yet may answer again), and a closed survey neither shows questions nor takes
 * answers. Through the real handlers and emulator.
 */
let s: TestStore;
beforeAll(async () => {
  s = await startTestStore();
});
afterAll(() => s.close());

async function setSurvey(patch: Record<string, unknown>) {
  const cur = await s.call('op_admin', 'settings', { action: 'get' });
  const r = await s.call('op_admin', 'settings', { action: 'update', settings: { ...cur.data, survey: { ...cur.data.survey, ...patch } }, requestId: s.rid('set') });
  expect(r.ok).toBe(true);
}

test('withdrawn answers: no new invitation, the survey still open to answer again', async () => {
  const u = 'fr_withdrawn';
  expect((await s.call(u, 'customer', { action: 'visit' })).data.surveyPending).toBe(true);
  await s.call(u, 'customer', { action: 'answerSurvey', answers: [{ questionId: 'industry', optionIds: ['office'] }], requestId: s.rid('sv') });
  expect((await s.call(u, 'customer', { action: 'clearSurvey', requestId: s.rid('clr') })).ok).toBe(true);
  expect((await s.call(u, 'customer', { action: 'visit' })).data.surveyPending).toBe(false);
  const again = await s.call(u, 'customer', { action: 'answerSurvey', answers: [{ questionId: 'interest', optionIds: ['wellness'] }], requestId: s.rid('sv') });
  expect(again.data).toMatchObject({ recorded: true, answers: { interest: ['wellness'] } });
  expect((await s.call(u, 'customer', { action: 'survey' })).data.answers).toEqual({ interest: ['wellness'] });
});

test('a closed survey: no invitation, no questions, answers refused with SURVEY_CLOSED in Chinese', async () => {
  await setSurvey({ enabled: false });
  try {
    const u = 'fr_closed';
    expect((await s.call(u, 'customer', { action: 'visit' })).data.surveyPending).toBe(false);
    expect((await s.call(u, 'customer', { action: 'survey' })).data).toMatchObject({ enabled: false, questions: [], answers: {} });
    const r = await s.call(u, 'customer', { action: 'answerSurvey', answers: [{ questionId: 'industry', optionIds: ['beauty'] }], requestId: s.rid('sv') });
    expect(r.error).toEqual({ code: 'SURVEY_CLOSED', message: '问卷暂未开放，感谢您的关注。' });
  } finally {
    await setSurvey({ enabled: true });
  }
  expect((await s.call('fr_closed', 'customer', { action: 'visit' })).data.surveyPending).toBe(true);
});

test('a required question the customer skipped: refused naming it, nothing recorded', async () => {
  const cur = await s.call('op_admin', 'settings', { action: 'get' });
  const questions = cur.data.survey.questions.map((q: { id: string }) => ({ ...q, required: q.id === 'interest' }));
  await setSurvey({ questions });
  const u = 'fr_required';
  const r = await s.call(u, 'customer', { action: 'answerSurvey', answers: [{ questionId: 'industry', optionIds: ['beauty'] }], requestId: s.rid('sv') });
  expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: { questionId: 'interest' } } });
  expect(r.error!.message).toContain('您关注的品类');
  expect((await s.call(u, 'customer', { action: 'survey' })).data.answers).toEqual({});
  expect((await s.call(u, 'customer', { action: 'visit' })).data.surveyPending).toBe(true);
});
