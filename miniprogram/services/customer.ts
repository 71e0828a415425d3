import type { customerApi, SurveyAnswer } from '@shared/api/customer';
import { callerOf, type Out } from './api-call';
import type { CallFunction } from './cloud';

/** Typed calls to the `customer` function (shared/api/customer.ts): the daily visit, the onboarding survey, deleting one's answers. */
export type { AnswerResult, ClearResult, SurveyQuestionView, SurveyView, VisitResult } from '@shared/segments/survey-view';
export type { SurveyAnswer } from '@shared/api/customer';

type Api = typeof customerApi;

export interface CustomerService {
  /** Records today's visit (at most once per business day on the server) and says whether the survey is still open to this customer. */
  visit(): Out<Api, 'visit'>;
  survey(): Out<Api, 'survey'>;
  answerSurvey(answers: SurveyAnswer[], requestId: string): Out<Api, 'answerSurvey'>;
  /** Withdraws every answer (the profile loses the facts and tags they gave). */
  clearSurvey(requestId: string): Out<Api, 'clearSurvey'>;
}

export const createCustomerService = (call: CallFunction): CustomerService => {
  const customer = callerOf<Api>(call, 'customer');
  return {
    visit: () => customer('visit'),
    survey: () => customer('survey'),
    answerSurvey: (answers, requestId) => customer('answerSurvey', { answers: answers.map((a) => ({ questionId: a.questionId, optionIds: [...a.optionIds] })), requestId }),
    clearSurvey: (requestId) => customer('clearSurvey', { requestId }),
  };
};
