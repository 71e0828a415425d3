import type { customerApi, SurveyAnswer } from '@shared/api/customer';
import type { ImageType } from '@shared/catalog/images';
import type { AddressFields } from '@shared/gifts/address-book';
import { callerOf, type Out } from './api-call';
import type { CallFunction } from './cloud';

/** Typed calls to the `customer` function (shared/api/customer.ts): the daily visit, the onboarding survey, deleting one's answers, the address book. */
export type { AnswerResult, ClearResult, SurveyQuestionView, SurveyView, VisitResult } from '@shared/segments/survey-view';
export type { SurveyAnswer } from '@shared/api/customer';
export type { DisplayProfileView } from '@shared/customers/display-profile';
export type { AddressBookView, AddressFields, SavedAddress } from '@shared/gifts/address-book';

type Api = typeof customerApi;

export interface CustomerService {
  /** Records today's visit (at most once per business day on the server) and says whether the survey is still open to this customer. */
  visit(): Out<Api, 'visit'>;
  survey(): Out<Api, 'survey'>;
  answerSurvey(answers: SurveyAnswer[], requestId: string): Out<Api, 'answerSurvey'>;
  /** Withdraws every answer (the profile loses the facts and tags they gave). */
  clearSurvey(requestId: string): Out<Api, 'clearSurvey'>;
  /** 头像昵称: the caller's nickname and avatar (null when none). */
  profile(): Out<Api, 'profile'>;
  /** Where the chosen avatar goes (the caller's own avatars/ folder). `size` is unknown for chooseAvatar's temp file. */
  avatarUploadTicket(contentType: ImageType, size?: number): Out<Api, 'avatarUploadTicket'>;
  /** Saves what is given (the rest stays), with the customer's consent to what it is used for. */
  saveProfile(p: { nickname?: string; avatarFileID?: string }): Out<Api, 'saveProfile'>;
  /** 删除头像昵称. */
  clearProfile(): Out<Api, 'clearProfile'>;
  /** The address book: 快递到家 addresses used for orders and gifts, last used first (the server records them). */
  addresses(): Out<Api, 'addresses'>;
  removeAddress(a: AddressFields): Out<Api, 'removeAddress'>;
}

export const createCustomerService = (call: CallFunction): CustomerService => {
  const customer = callerOf<Api>(call, 'customer');
  return {
    visit: () => customer('visit'),
    survey: () => customer('survey'),
    answerSurvey: (answers, requestId) => customer('answerSurvey', { answers: answers.map((a) => ({ questionId: a.questionId, optionIds: [...a.optionIds] })), requestId }),
    clearSurvey: (requestId) => customer('clearSurvey', { requestId }),
    profile: () => customer('profile'),
    avatarUploadTicket: (contentType, size) => customer('avatarUploadTicket', { contentType, ...(size ? { size } : {}) }),
    saveProfile: (p) => customer('saveProfile', { ...(p.nickname !== undefined ? { nickname: p.nickname } : {}), ...(p.avatarFileID !== undefined ? { avatarFileID: p.avatarFileID } : {}), consent: true }),
    clearProfile: () => customer('clearProfile'),
    addresses: () => customer('addresses'),
    removeAddress: (a) => customer('removeAddress', { name: a.name, phone: a.phone, address: a.address }),
  };
};
