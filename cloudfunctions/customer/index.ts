import { customerApi } from '../../shared/api/customer';
import { serve } from '../_kit/contract-actions';
import { answerSurvey, clearSurvey, survey, visit } from './use-cases';

/**
 * The customer's own interactions (issue 5, shared/api/customer.ts): the daily visit, the onboarding
 * survey and its answers. Each writes an interaction event (the outbox) that the profile consumer
 * folds into the caller's profile right away.
 */
export const main = serve('customer', customerApi, {
  visit: { run: visit },
  survey: { run: survey },
  answerSurvey: { labels: { answers: '问卷回答' }, run: answerSurvey },
  clearSurvey: { run: clearSurvey },
});
