import { customerApi } from '../../shared/api/customer';
import { serve } from '../_kit/contract-actions';
import { answerSurvey, clearSurvey, survey, visit } from './use-cases';
import { listAddresses, removeAddress } from '../_addresses/book';

/**
 * The customer's own interactions (issue 5, shared/api/customer.ts): the daily visit, the onboarding
 * survey and its answers. Each writes an interaction event (the outbox) that the profile consumer
 * folds into the caller's profile right away. And the address book the order and gift claims fill
 * (cloudfunctions/_addresses): listed last used first, pruned by the customer.
 */
export const main = serve('customer', customerApi, {
  visit: { run: visit },
  survey: { run: survey },
  answerSurvey: { labels: { answers: '问卷回答' }, run: answerSurvey },
  clearSurvey: { run: clearSurvey },
  addresses: { run: listAddresses },
  removeAddress: { labels: { name: '收件人', phone: '手机号', address: '收货地址' }, run: removeAddress },
});
