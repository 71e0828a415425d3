import { defaultSettings, settingsSchema } from '../../settings';
import { checkSurveyAnswers } from '../survey';

const survey = defaultSettings().survey;

describe('onboarding survey answers: only what is configured', () => {
  test('valid answers become facts with the options’ tags, options in configured order', () => {
    const r = checkSurveyAnswers(survey, [
      { questionId: 'interest', optionIds: ['wellness', 'skincare'] },
      { questionId: 'industry', optionIds: ['other'] },
    ]);
    expect(r).toEqual({
      ok: true,
      facts: [
        { questionId: 'interest', optionIds: ['skincare', 'wellness'], tags: ['interest-skincare', 'interest-wellness'] },
        { questionId: 'industry', optionIds: ['other'], tags: [] },
      ],
    });
  });

  test.each<[string, Array<{ questionId: string; optionIds: string[] }>, string]>([
    ['no answers', [], '请至少回答一个问题'],
    ['unknown question', [{ questionId: 'age', optionIds: ['x'] }], '问卷已更新'],
    ['unknown option', [{ questionId: 'industry', optionIds: ['bank'] }], '问卷已更新'],
    ['two options on a single-choice question', [{ questionId: 'industry', optionIds: ['beauty', 'retail'] }], '只能选择一个'],
    ['no option', [{ questionId: 'interest', optionIds: [] }], '请为'],
    ['duplicate option', [{ questionId: 'interest', optionIds: ['makeup', 'makeup'] }], '选项重复'],
    ['question answered twice', [{ questionId: 'industry', optionIds: ['beauty'] }, { questionId: 'industry', optionIds: ['retail'] }], '重复作答'],
  ])('%s → refused', (_n, answers, message) => {
    const r = checkSurveyAnswers(survey, answers);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(message);
  });

  test('required questions must be answered; a disabled survey accepts nothing', () => {
    const req = { ...survey, questions: survey.questions.map((q) => (q.id === 'industry' ? { ...q, required: true } : q)) };
    const r = checkSurveyAnswers(req, [{ questionId: 'interest', optionIds: ['makeup'] }]);
    expect(r).toMatchObject({ ok: false, questionId: 'industry' });
    expect(checkSurveyAnswers({ ...survey, enabled: false }, [{ questionId: 'industry', optionIds: ['beauty'] }]).ok).toBe(false);
  });

  test('settings: duplicate question or option ids and bad tags are refused', () => {
    const q = survey.questions[0];
    expect(settingsSchema.safeParse({ survey: { ...survey, questions: [q, q] } }).success).toBe(false);
    expect(settingsSchema.safeParse({ survey: { ...survey, questions: [{ ...q, options: [q.options[0], q.options[0]] }] } }).success).toBe(false);
    expect(settingsSchema.safeParse({ survey: { ...survey, questions: [{ ...q, options: [{ id: 'a', label: 'A', tag: 'has space' }, q.options[1]] }] } }).success).toBe(false);
    expect(settingsSchema.safeParse({ survey: { ...survey, questions: [{ ...q, options: [{ id: 'a', label: 'A', tag: '美业' }, q.options[1]] }] } }).success).toBe(true);
  });
});
