import type { Envelope } from '@shared/errors/envelope';
import type { ImageType } from '@shared/catalog/images';
import { checkNickname, EMPTY_DISPLAY_PROFILE } from '@shared/customers/display-profile';
import { removeAddress } from '@shared/gifts/address-book';
import type { AddressBookView, AddressFields, AnswerResult, ClearResult, CustomerService, DisplayProfileView, SavedAddress, SurveyAnswer, SurveyView, VisitResult } from '../../services/customer';
import { parseCall } from './contract-check';

type Reply<T> = Envelope<T> | Promise<Envelope<T>>;

/**
 * A fake of the customer *service* (DESIGN rule 10) for store tests: every call is recorded and
 * answered by the next scripted reply for that action (else by the default below).
 */
export class FakeCustomerService implements CustomerService {
  readonly calls: Array<{ action: string; answers?: SurveyAnswer[]; requestId?: string }> = [];
  visits: Array<Reply<VisitResult>> = [];
  surveys: Array<Reply<SurveyView>> = [];
  answerReplies: Array<Reply<AnswerResult>> = [];
  clearReplies: Array<Reply<ClearResult>> = [];
  /** What `survey` answers when nothing is scripted. */
  view: SurveyView = { enabled: true, intro: '', questions: [], answers: {} };
  day = '2026-03-01';
  /** The address book `addresses` answers (last used first); `removeAddress` takes from it. */
  book: SavedAddress[] = [];
  addressReplies: Array<Reply<AddressBookView>> = [];

  callsOf(action: string) {
    return this.calls.filter((c) => c.action === action);
  }

  visit() {
    this.calls.push({ action: 'visit' });
    return Promise.resolve(this.visits.shift() ?? { ok: true as const, data: { day: this.day, recorded: true, surveyPending: true } });
  }

  survey() {
    this.calls.push({ action: 'survey' });
    return Promise.resolve(this.surveys.shift() ?? { ok: true as const, data: JSON.parse(JSON.stringify(this.view)) as SurveyView });
  }

  answerSurvey(answers: SurveyAnswer[], requestId: string) {
    this.calls.push({ action: 'answerSurvey', answers, requestId });
    // The same schema as the handler's (shared/api/customer.ts): a wrong shape throws, a wrong value is INVALID_INPUT.
    const checked = parseCall('customer', 'answerSurvey', { answers, requestId });
    if (!checked.ok) return Promise.resolve(checked);
    const answered = Object.fromEntries(answers.map((a) => [a.questionId, a.optionIds]));
    return Promise.resolve(this.answerReplies.shift() ?? { ok: true as const, data: { eventId: 'evt_x', recorded: true, answers: answered } });
  }

  /** The saved display profile (头像昵称). */
  display: DisplayProfileView = EMPTY_DISPLAY_PROFILE;

  profile() {
    this.calls.push({ action: 'profile' });
    return Promise.resolve({ ok: true as const, data: this.display });
  }

  avatarUploadTicket(contentType: ImageType, size?: number) {
    this.calls.push({ action: 'avatarUploadTicket' });
    const checked = parseCall('customer', 'avatarUploadTicket', { contentType, ...(size ? { size } : {}) });
    if (!checked.ok) return Promise.resolve(checked);
    const cloudPath = `avatars/avf_fake/ava_${this.calls.length}.jpg`;
    return Promise.resolve({ ok: true as const, data: { cloudPath, fileID: `cloud://fake.bucket/${cloudPath}`, upload: { url: `https://fake.cos/${cloudPath}`, method: 'PUT' as const, headers: {} }, maxBytes: 2 * 1024 * 1024 } });
  }

  saveProfile(p: { nickname?: string; avatarFileID?: string }) {
    this.calls.push({ action: 'saveProfile' });
    const checked = parseCall('customer', 'saveProfile', { ...p, consent: true });
    if (!checked.ok) return Promise.resolve(checked);
    const nick = p.nickname === undefined ? undefined : checkNickname(p.nickname);
    if (nick && !nick.ok) return Promise.resolve({ ok: false as const, error: { code: 'INVALID_INPUT' as const, message: nick.message } });
    this.display = { nickname: nick?.ok ? nick.nickname : this.display.nickname, avatarFileID: p.avatarFileID ?? this.display.avatarFileID, avatarUrl: p.avatarFileID ? `https://fake.tcb/${p.avatarFileID}` : this.display.avatarUrl, consentAt: 1, updatedAt: 1 };
    return Promise.resolve({ ok: true as const, data: this.display });
  }

  clearProfile() {
    this.calls.push({ action: 'clearProfile' });
    this.display = EMPTY_DISPLAY_PROFILE;
    return Promise.resolve({ ok: true as const, data: this.display });
  }

  clearSurvey(requestId: string) {
    this.calls.push({ action: 'clearSurvey', requestId });
    const checked = parseCall('customer', 'clearSurvey', { requestId });
    if (!checked.ok) return Promise.resolve(checked);
    return Promise.resolve(this.clearReplies.shift() ?? { ok: true as const, data: { eventId: 'evt_c', recorded: true, erasedEvents: 1 } });
  }

  addresses() {
    this.calls.push({ action: 'addresses' });
    return Promise.resolve(this.addressReplies.shift() ?? { ok: true as const, data: { addresses: this.book.map((a) => ({ ...a })) } });
  }

  removeAddress(a: AddressFields) {
    this.calls.push({ action: 'removeAddress' });
    const checked = parseCall('customer', 'removeAddress', { ...a });
    if (!checked.ok) return Promise.resolve(checked);
    this.book = removeAddress(this.book, a);
    return Promise.resolve({ ok: true as const, data: { addresses: this.book.map((x) => ({ ...x })) } });
  }
}
