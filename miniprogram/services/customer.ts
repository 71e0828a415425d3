import type { Envelope } from '@shared/errors/envelope';
import type { AnswerResult, ClearResult, SurveyView, VisitResult } from '@shared/segments/survey-view';
import type { CallFunction } from './cloud';

/** Typed calls to the `customer` function: the daily visit, the onboarding survey, deleting one's answers. */
export type { AnswerResult, ClearResult, SurveyQuestionView, SurveyView, VisitResult } from '@shared/segments/survey-view';

/** One answered question: the chosen option ids (choices only — nothing else is sent or stored). */
export interface SurveyAnswer {
  questionId: string;
  optionIds: string[];
}

export interface CustomerService {
  /** Records today's visit (at most once per business day on the server) and says whether the survey is still open to this customer. */
  visit(): Promise<Envelope<VisitResult>>;
  survey(): Promise<Envelope<SurveyView>>;
  answerSurvey(answers: SurveyAnswer[], requestId: string): Promise<Envelope<AnswerResult>>;
  /** Withdraws every answer (the profile loses the facts and tags they gave). */
  clearSurvey(requestId: string): Promise<Envelope<ClearResult>>;
}

export const createCustomerService = (call: CallFunction): CustomerService => ({
  visit: () => call<VisitResult>('customer', { action: 'visit' }),
  survey: () => call<SurveyView>('customer', { action: 'survey' }),
  answerSurvey: (answers, requestId) => call<AnswerResult>('customer', { action: 'answerSurvey', answers: answers.map((a) => ({ questionId: a.questionId, optionIds: [...a.optionIds] })), requestId }),
  clearSurvey: (requestId) => call<ClearResult>('customer', { action: 'clearSurvey', requestId }),
});
