import { customerApi } from '../../shared/api/customer';
import { serve } from '../_kit/contract-actions';
import { answerSurvey, clearSurvey, survey, visit } from './use-cases';
import { avatarUploadTicket, clearProfile, getProfile, saveProfile } from '../_customers/display-profiles';
import { listAddresses, removeAddress } from '../_addresses/book';

/**
 * The customer's own interactions (issue 5, shared/api/customer.ts): the daily visit, the onboarding
 * survey and its answers. Each writes an interaction event (the outbox) that the profile consumer
 * folds into the caller's profile right away. And the customer's display profile (头像昵称): theirs
 * to set, change and delete (cloudfunctions/_customers/display-profiles.ts). The address book the
 * order and gift claims fill (cloudfunctions/_addresses): listed last used first, pruned by the customer.
 */
export const main = serve('customer', customerApi, {
  visit: { run: visit },
  survey: { run: survey },
  answerSurvey: { labels: { answers: '问卷回答' }, run: answerSurvey },
  clearSurvey: { run: clearSurvey },
  profile: { run: getProfile },
  avatarUploadTicket: { run: avatarUploadTicket },
  saveProfile: { labels: { nickname: '昵称', avatarFileID: '头像', consent: '用途说明' }, run: saveProfile },
  clearProfile: { run: clearProfile },
  addresses: { run: listAddresses },
  removeAddress: { labels: { name: '收件人', phone: '手机号', address: '收货地址' }, run: removeAddress },
});
