import type { SurveyAnswerFact } from '../events/event-data';
import type { SurveySettings } from '../settings';

export interface SurveyAnswerInput {
  questionId: string;
  optionIds: string[];
}

export type SurveyCheck = { ok: true; facts: SurveyAnswerFact[] } | { ok: false; message: string; questionId?: string };

/**
 * Checks a customer's answers against the survey the operator configured and turns them into
 * facts (question, chosen options, the tags those options carry). Only configured questions and
 * options are accepted — nothing else is stored (PRODUCT.md "collect only what is needed").
 */
export function checkSurveyAnswers(survey: SurveySettings, answers: SurveyAnswerInput[]): SurveyCheck {
  if (!survey.enabled || survey.questions.length === 0) return { ok: false, message: '当前没有开放的问卷。' };
  if (answers.length === 0) return { ok: false, message: '请至少回答一个问题。' };
  const seen = new Set<string>();
  const facts: SurveyAnswerFact[] = [];
  for (const a of answers) {
    const q = survey.questions.find((x) => x.id === a.questionId);
    if (!q) return { ok: false, message: '问卷已更新，请刷新后重新作答。', questionId: a.questionId };
    if (seen.has(q.id)) return { ok: false, message: `「${q.title}」重复作答。`, questionId: q.id };
    seen.add(q.id);
    const ids = [...new Set(a.optionIds)];
    if (ids.length !== a.optionIds.length) return { ok: false, message: `「${q.title}」选项重复。`, questionId: q.id };
    if (ids.length === 0) return { ok: false, message: `请为「${q.title}」选择一个选项。`, questionId: q.id };
    if (q.kind === 'single' && ids.length > 1) return { ok: false, message: `「${q.title}」只能选择一个选项。`, questionId: q.id };
    const options = ids.map((id) => q.options.find((o) => o.id === id));
    if (options.some((o) => !o)) return { ok: false, message: '问卷已更新，请刷新后重新作答。', questionId: q.id };
    // Options in the configured order, so the same choice always reads the same.
    const chosen = q.options.filter((o) => ids.includes(o.id));
    facts.push({ questionId: q.id, optionIds: chosen.map((o) => o.id), tags: chosen.flatMap((o) => (o.tag ? [o.tag] : [])) });
  }
  const missing = survey.questions.find((q) => q.required && !seen.has(q.id));
  if (missing) return { ok: false, message: `请回答「${missing.title}」。`, questionId: missing.id };
  return { ok: true, facts };
}
