import { z } from 'zod';
import type { AnswerResult, ClearResult, SurveyView, VisitResult } from '../segments/survey-view';
import { action } from './contract';
import { noInput, requestIdSchema } from './common';

const idSchema = z.string().min(1).max(40);
const answersSchema = z.array(z.object({ questionId: idSchema, optionIds: z.array(idSchema).max(12) }).strict()).min(1).max(10);

/** One answered question: the chosen option ids (choices only — nothing else is sent or stored). */
export type SurveyAnswer = z.infer<typeof answersSchema>[number];

/** The `customer` function: the daily visit, the onboarding survey and its answers (each an interaction event). */
export const customerApi = {
  visit: action<VisitResult>()({ summary: '记录今天的访问（每个营业日至多一次），并说明问卷是否仍开放。', auth: 'customer', input: noInput }),
  survey: action<SurveyView>()({ summary: '新客问卷与本人已答内容。', auth: 'customer', input: noInput }),
  answerSurvey: action<AnswerResult>()({ summary: '提交问卷回答。', auth: 'customer', input: z.object({ answers: answersSchema, requestId: requestIdSchema }).strict(), errors: ['SURVEY_CLOSED'] }),
  clearSurvey: action<ClearResult>()({ summary: '撤回全部回答（画像失去其事实与标签）。', auth: 'customer', input: z.object({ requestId: requestIdSchema }).strict() }),
};
