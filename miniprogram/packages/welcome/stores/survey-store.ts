import { makeAutoObservable, runInAction } from 'mobx';
import { userMessage } from '@shared/errors/messages';
import type { CustomerService, SurveyAnswer, SurveyQuestionView, SurveyView } from '../../../services/customer';
import type { IntentIds } from '../../../services/request-id';
import { Loader } from '../../../stores/loader';
import { failure, info, success, type Notice } from '../../../stores/notice';
import type { WelcomeStore } from '../../../stores/welcome-store';

const CLEAR_INTENT = 'survey-clear';
/** The server's word for answers to a survey that changed meanwhile (see shared/segments/survey.ts). */
const SURVEY_CHANGED = '问卷已更新';

/**
 * The onboarding survey and the customer's own answers (PRODUCT.md "First response", PIPL: see
 * and delete one's data). Choices only; required questions are checked here the way the server
 * will before anything is sent, and one request id is kept per set of answers, so a retry after a
 * lost reply records them once. Clearing withdraws every answer (and the tags they gave).
 */
export class SurveyStore {
  view: SurveyView | undefined = undefined;
  loading = false;
  loaded = false;
  error: string | undefined = undefined;
  /** The choices being made, by question id (pre-filled with the answers on record). */
  choices: Record<string, string[]> = {};
  /** Why a question cannot be sent yet, by question id. */
  problems: Record<string, string> = {};
  submitting = false;
  /** Answered: the page shows the thank-you. */
  submitted = false;
  confirmingClear = false;
  clearing = false;
  notice: Notice | undefined = undefined;
  private readonly loader = new Loader(this);
  /** Bumped by every tap, so a load that was in flight meanwhile keeps what the customer chose. */
  private edits = 0;

  constructor(
    private readonly service: CustomerService,
    private readonly intents: IntentIds,
    private readonly welcome: WelcomeStore,
  ) {
    makeAutoObservable<SurveyStore, 'service' | 'intents' | 'welcome' | 'loader' | 'edits'>(this, { service: false, intents: false, welcome: false, loader: false, edits: false });
  }

  get questions(): SurveyQuestionView[] {
    return this.view?.questions ?? [];
  }

  /** The survey can be answered now (operators may switch it off). */
  get isOpen(): boolean {
    return this.view?.enabled === true && this.questions.length > 0;
  }

  get hasAnswers(): boolean {
    return Object.keys(this.view?.answers ?? {}).length > 0;
  }

  /** The answers on record as a customer reads them, in the survey's order. */
  get answerLines(): Array<{ questionId: string; title: string; labels: string[] }> {
    const answers = this.view?.answers ?? {};
    return this.questions
      .filter((q) => answers[q.id]?.length)
      .map((q) => ({ questionId: q.id, title: q.title, labels: q.options.filter((o) => answers[q.id].includes(o.id)).map((o) => o.label) }));
  }

  isChosen(questionId: string, optionId: string): boolean {
    return this.choices[questionId]?.includes(optionId) === true;
  }

  /** The survey page opened: the current questions, the answers on record as the starting choices. */
  async start(): Promise<void> {
    this.submitted = false;
    this.notice = undefined;
    await this.load();
  }

  /** `keepChoices`: after the survey changed under the customer, keep what still exists of their choices. */
  async load(keepChoices = false): Promise<void> {
    const editsBefore = this.edits;
    await this.loader.load(
      () => this.service.survey(),
      (view) => {
        this.view = view;
        // The page may show the previous view while this load is in flight; a tap made on it then is
        // the customer's choice and must not be replaced by the answers on record.
        const tapped = this.edits !== editsBefore;
        this.choices = keepChoices || tapped ? stillValid(this.choices, view) : { ...view.answers };
        this.problems = {};
      },
    );
  }

  /** Tap an option: single choice replaces (tapping it again takes it back), multiple toggles. */
  choose(questionId: string, optionId: string): void {
    const q = this.questions.find((x) => x.id === questionId);
    if (!q || !q.options.some((o) => o.id === optionId) || this.submitting) return;
    const cur = this.choices[questionId] ?? [];
    const on = cur.includes(optionId);
    const next = q.kind === 'single' ? (on ? [] : [optionId]) : on ? cur.filter((id) => id !== optionId) : [...cur, optionId];
    this.choices = { ...this.choices, [questionId]: next };
    this.edits++;
    if (this.problems[questionId]) {
      const { [questionId]: _fixed, ...rest } = this.problems;
      this.problems = rest;
    }
    this.notice = undefined;
  }

  /** What would be sent: answered questions in the survey's order, options in their configured order. */
  get answersToSend(): SurveyAnswer[] {
    return this.questions.flatMap((q) => {
      const chosen = q.options.filter((o) => this.isChosen(q.id, o.id)).map((o) => o.id);
      return chosen.length ? [{ questionId: q.id, optionIds: chosen }] : [];
    });
  }

  /** Required questions left open, marked under each; false when the answers cannot be sent yet. */
  private check(): boolean {
    const problems: Record<string, string> = {};
    for (const q of this.questions) {
      if (q.required && !this.choices[q.id]?.length) problems[q.id] = q.kind === 'single' ? '这是必答题，请选择一项。' : '这是必答题，请至少选择一项。';
    }
    this.problems = problems;
    const missing = Object.keys(problems).length;
    if (missing) {
      this.notice = failure(`还有 ${missing} 个必答题没有回答（已在题目下方标出），请选择后再提交。`);
      return false;
    }
    if (this.answersToSend.length === 0) {
      this.notice = failure('请至少回答一个问题再提交；暂时不想回答，可以点「以后再说」。');
      return false;
    }
    return true;
  }

  /** 提交: checked first; the same answers retried reuse one request id (recorded once). */
  async submit(): Promise<boolean> {
    if (this.submitting || !this.isOpen || !this.check()) return false;
    const answers = this.answersToSend;
    const intent = `survey:${JSON.stringify(answers)}`;
    this.submitting = true;
    this.notice = undefined;
    const reply = await this.service.answerSurvey(answers, this.intents.idFor(intent, 'survey'));
    this.intents.settleUnlessUnknown(intent, reply);
    if (!reply.ok) {
      await this.refused(reply.error.code, reply.error.message, reply.error.details);
      return false;
    }
    runInAction(() => {
      this.submitting = false;
      this.submitted = true;
      if (this.view) this.view = { ...this.view, answers: reply.data.answers };
      this.choices = { ...reply.data.answers };
    });
    this.welcome.surveyAnswered();
    return true;
  }

  private async refused(code: string, message: string, details: unknown): Promise<void> {
    const questionId = (details as { questionId?: unknown } | undefined)?.questionId;
    // The operator changed the survey meanwhile (or closed it): show the survey as it is now.
    const changed = code === 'SURVEY_CLOSED' || message.includes(SURVEY_CHANGED);
    if (changed) await this.load(true);
    runInAction(() => {
      this.submitting = false;
      if (code === 'SURVEY_CLOSED') this.notice = info(userMessage(code, message));
      else if (changed) this.notice = failure('问卷刚刚更新了，请检查您的选择后再提交。');
      else {
        if (typeof questionId === 'string' && this.questions.some((q) => q.id === questionId)) this.problems = { ...this.problems, [questionId]: message };
        this.notice = failure(userMessage(code, message));
      }
    });
  }

  /** 修改回答 / 重新填写 after the thank-you. */
  edit(): void {
    this.submitted = false;
    this.notice = undefined;
  }

  askClear(): void {
    if (this.hasAnswers) this.confirmingClear = true;
  }

  cancelClear(): void {
    if (!this.clearing) this.confirmingClear = false;
  }

  /** 确认清除: every answer withdrawn on the server; the survey can be answered again afterwards. */
  async confirmClear(): Promise<boolean> {
    if (this.clearing || !this.confirmingClear) return false;
    this.clearing = true;
    this.notice = undefined;
    const reply = await this.service.clearSurvey(this.intents.idFor(CLEAR_INTENT, 'svclear'));
    this.intents.settleUnlessUnknown(CLEAR_INTENT, reply);
    runInAction(() => {
      this.clearing = false;
      this.confirmingClear = false;
      if (!reply.ok) {
        this.notice = failure(`清除失败：${userMessage(reply.error.code, reply.error.message)}`);
        return;
      }
      if (this.view) this.view = { ...this.view, answers: {} };
      this.choices = {};
      this.submitted = false;
      this.notice = success('已清除您的问卷回答，由此得到的偏好标签也已删除。如愿意，您可以随时重新填写。');
    });
    return reply.ok;
  }

  dismissNotice(): void {
    this.notice = undefined;
  }

  reset(): void {
    this.loader.reset();
    this.view = undefined;
    this.choices = {};
    this.problems = {};
    this.submitting = false;
    this.submitted = false;
    this.confirmingClear = false;
    this.clearing = false;
    this.notice = undefined;
  }
}

/** Choices whose question and option are still in the survey. */
function stillValid(choices: Record<string, string[]>, view: SurveyView): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const q of view.questions) {
    const ids = (choices[q.id] ?? []).filter((id) => q.options.some((o) => o.id === id));
    if (ids.length) out[q.id] = q.kind === 'single' ? ids.slice(0, 1) : ids;
  }
  return out;
}
