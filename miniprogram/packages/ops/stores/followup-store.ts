import { makeAutoObservable, runInAction } from 'mobx';
import { FINAL_OUTCOMES, type ContactChannel, type ContactOutcome, type FollowupGoal } from '@shared/followup/rules';
import { GOAL_DEFAULTS } from '@shared/followup/scripts';
import { businessDate, DAY_MS } from '@shared/time';
import type { CustomerCardView, EntryFilter, EntryRowView, ExecutionView, FollowupFormOptions, FollowupService, ListSummaryView, ListView } from '../../../services/followup';
import type { SegmentService } from '../../../services/segment';
import type { IntentIds } from '../../../services/request-id';
import { applyRead } from '../../../stores/apply-read';
import { Loadable } from '../../../stores/loadable';
import { success, type Notice } from '../../../stores/notice';
import { refusal, sendOnce } from './outcome';
import { resetAll } from './reset-all';

/**
 * 一对一跟进 (issue 19) in the back office: the lists, one list's customers, a customer's card with
 * the contact form, the 新建跟进任务 form and the execution view. The server decides who sees what
 * (a 跟进专员 only their own customers); these stores hold the forms and the last answers.
 */
export class FollowupDesk {
  /** The lists (a 跟进专员's own; an operator's all). */
  readonly lists: Loadable<{ lists: ListSummaryView[] }>;
  readonly list: FollowupListStore;
  readonly card: FollowupCustomerStore;
  readonly form: FollowupNewStore;
  readonly execution: FollowupExecutionStore;

  constructor(services: { followup: FollowupService; segment: SegmentService }, intents: IntentIds) {
    const service = services.followup;
    this.lists = new Loadable(() => service.lists());
    this.list = new FollowupListStore(service, intents);
    this.card = new FollowupCustomerStore(service, intents);
    this.form = new FollowupNewStore(service, services.segment, intents);
    this.execution = new FollowupExecutionStore(service);
  }

  reset(): void {
    resetAll(this);
  }
}

/** One list and the caller's customers on it, by filter. */
export class FollowupListStore {
  listId = '';
  filter: EntryFilter = 'all';
  list: ListView | undefined = undefined;
  customers: EntryRowView[] = [];
  loading = false;
  error: string | undefined = undefined;
  forbidden = false;
  notice: Notice | undefined = undefined;
  private generation = 0;

  constructor(
    private readonly service: FollowupService,
    private readonly intents: IntentIds,
  ) {
    makeAutoObservable<FollowupListStore, 'service' | 'intents' | 'generation'>(this, { service: false, intents: false, generation: false });
  }

  async open(listId: string, filter: EntryFilter = this.listId === listId ? this.filter : 'all'): Promise<void> {
    const generation = ++this.generation;
    if (listId !== this.listId) this.list = undefined;
    this.listId = listId;
    this.filter = filter;
    await applyRead(this, () => this.service.list(listId, filter), () => generation === this.generation, (d) => {
      this.list = d.list;
      this.customers = d.customers;
    });
  }

  /** 结束任务 (operators). */
  async close(): Promise<void> {
    const reply = await sendOnce(this.intents, `followup-close:${this.listId}`, 'fucls', (rid) => this.service.close(this.listId, rid));
    runInAction(() => {
      if (!reply.ok) this.notice = refusal(reply.error);
      else {
        this.list = reply.data.list;
        this.notice = success('任务已结束：顾客可被加入同一目标的新任务。');
      }
    });
  }

  dismissNotice(): void {
    this.notice = undefined;
  }

  reset(): void {
    this.generation++;
    this.listId = '';
    this.list = undefined;
    this.customers = [];
    this.error = undefined;
    this.forbidden = false;
    this.notice = undefined;
  }
}

export type FactInput = Record<string, number | boolean | undefined>;

/** A customer's card and the 记录联系 form under it. */
export class FollowupCustomerStore {
  readonly card: Loadable<CustomerCardView>;
  listId = '';
  openid = '';
  channel: ContactChannel = 'wecom';
  facts: FactInput = {};
  objection: string | undefined = undefined;
  outcome: ContactOutcome | undefined = undefined;
  nextDate = '';
  note = '';
  overCapReason = '';
  saving = false;
  problem: string | undefined = undefined;
  notice: Notice | undefined = undefined;

  constructor(
    private readonly service: FollowupService,
    private readonly intents: IntentIds,
    private readonly now: () => number = Date.now,
  ) {
    this.card = new Loadable(() => this.service.customer(this.listId, this.openid));
    makeAutoObservable<FollowupCustomerStore, 'service' | 'intents' | 'now'>(this, { service: false, intents: false, now: false, card: false });
  }

  open(listId: string, openid: string): Promise<boolean> {
    if (listId !== this.listId || openid !== this.openid) {
      this.card.reset();
      this.clearForm();
      this.notice = undefined;
    }
    this.listId = listId;
    this.openid = openid;
    return this.card.load();
  }

  private clearForm(): void {
    this.channel = 'wecom';
    this.facts = {};
    this.objection = undefined;
    this.outcome = undefined;
    this.nextDate = businessDate(this.now() + 3 * DAY_MS);
    this.note = '';
    this.overCapReason = '';
    this.problem = undefined;
  }

  setChannel(c: ContactChannel): void {
    this.channel = c;
  }
  /** A count: 0–99 (the stepper); a yes/no: tapping the chosen answer again clears it (not asked). */
  setCount(key: string, n: number): void {
    this.facts = { ...this.facts, [key]: Math.max(0, Math.min(99, Math.round(n))) };
  }
  setFlag(key: string, v: boolean): void {
    this.facts = { ...this.facts, [key]: this.facts[key] === v ? undefined : v };
  }
  setObjection(o: string): void {
    this.objection = this.objection === o ? undefined : o;
  }
  setOutcome(o: ContactOutcome): void {
    this.outcome = o;
    this.problem = undefined;
  }
  setNextDate(d: string): void {
    this.nextDate = d;
  }
  setNote(v: string): void {
    this.note = v.slice(0, 200);
  }
  setOverCapReason(v: string): void {
    this.overCapReason = v.slice(0, 60);
  }

  /** The next date is asked for unless the outcome ends the follow-up (明确拒绝). */
  get needsNextDate(): boolean {
    return !this.outcome || !FINAL_OUTCOMES.includes(this.outcome);
  }

  get capped(): boolean {
    return this.card.data?.entry.policy.capped === true;
  }

  /** Facts as sent: counts above 0 and answered yes/no (what was not observed is left out). */
  get factsToSend(): Record<string, number | boolean> {
    const out: Record<string, number | boolean> = {};
    for (const [k, v] of Object.entries(this.facts)) if (typeof v === 'boolean' || (typeof v === 'number' && v > 0)) out[k] = v;
    return out;
  }

  async submit(): Promise<boolean> {
    if (!this.outcome) {
      this.problem = '请选择这次联系的结果。';
      return false;
    }
    if (this.needsNextDate && !this.nextDate) {
      this.problem = '请选择下次跟进日期。';
      return false;
    }
    if (this.capped && this.overCapReason.trim().length < 2) {
      this.problem = '这位顾客近 7 天的联系已达上限，请写明还要联系的理由。';
      return false;
    }
    this.saving = true;
    this.problem = undefined;
    const input = {
      listId: this.listId,
      openid: this.openid,
      channel: this.channel,
      facts: this.factsToSend,
      outcome: this.outcome,
      ...(this.objection ? { objection: this.objection } : {}),
      ...(this.note.trim() ? { note: this.note.trim() } : {}),
      ...(this.needsNextDate ? { nextDate: this.nextDate } : {}),
      ...(this.capped ? { overCapReason: this.overCapReason.trim() } : {}),
    };
    const reply = await sendOnce(this.intents, `followup-contact:${this.listId}:${this.openid}`, 'fuct', (requestId) => this.service.recordContact({ ...input, requestId }));
    const applied = await (reply.ok ? this.card.load() : Promise.resolve(false));
    runInAction(() => {
      this.saving = false;
      if (!reply.ok) {
        this.notice = refusal(reply.error);
        return;
      }
      this.clearForm();
      this.notice = success(`已记录：${reply.data.contact.channelLabel} · ${reply.data.contact.outcomeLabel}${reply.data.contact.nextAt ? ` · 下次 ${businessDate(reply.data.contact.nextAt)}` : ''}`);
    });
    void applied;
    return reply.ok;
  }

  dismissNotice(): void {
    this.notice = undefined;
  }

  reset(): void {
    this.card.reset();
    this.listId = '';
    this.openid = '';
    this.clearForm();
    this.notice = undefined;
  }
}

export interface NewListForm {
  title: string;
  goal: FollowupGoal;
  segment: string;
  /** Hand-picked customers (from 顾客详情) instead of the segment. */
  openids: string[];
  script: string;
  factKeys: string[];
  staff: string[];
  dueDate: string;
  holdoutPercent: number;
  windowDays: number;
}

/** 新建跟进任务: sensible defaults per goal (GOAL_DEFAULTS), the segment's size shown before creating. */
export class FollowupNewStore {
  readonly options: Loadable<FollowupFormOptions>;
  readonly counts: Loadable<Record<string, number>>;
  form: NewListForm | undefined = undefined;
  saving = false;
  problem: string | undefined = undefined;
  notice: Notice | undefined = undefined;
  created: ListView | undefined = undefined;

  constructor(
    private readonly service: FollowupService,
    segments: SegmentService,
    private readonly intents: IntentIds,
    private readonly now: () => number = Date.now,
  ) {
    this.options = new Loadable(() => service.options());
    this.counts = new Loadable(() => segments.counts());
    makeAutoObservable<FollowupNewStore, 'service' | 'intents' | 'now'>(this, { service: false, intents: false, now: false, options: false, counts: false });
  }

  /** Opens the form, preset by the page's query (the renewal desk links here with goal + segment). */
  async open(preset: { goal?: string; segment?: string; openid?: string } = {}): Promise<void> {
    this.created = undefined;
    this.notice = undefined;
    this.problem = undefined;
    await Promise.all([this.options.load(), this.counts.load()]);
    const o = this.options.data;
    if (!o) return;
    const goal = (o.goals.find((g) => g.goal === preset.goal)?.goal ?? 'trial-to-full') as FollowupGoal;
    runInAction(() => {
      this.form = {
        title: `${o.goals.find((g) => g.goal === goal)!.label} · ${businessDate(this.now()).slice(5)}`,
        goal,
        segment: preset.segment ?? GOAL_DEFAULTS[goal].segment,
        openids: preset.openid ? [preset.openid] : [],
        script: GOAL_DEFAULTS[goal].script,
        factKeys: o.facts.map((f) => f.key),
        staff: o.staff.map((m) => m.openid),
        dueDate: businessDate(this.now() + 7 * DAY_MS),
        holdoutPercent: 10,
        windowDays: 14,
      };
    });
  }

  set<K extends keyof NewListForm>(key: K, value: NewListForm[K]): void {
    if (!this.form) return;
    this.form = { ...this.form, [key]: value };
    this.problem = undefined;
  }

  /** Another goal brings its own audience and script (unless the operator already edited the script). */
  setGoal(goal: FollowupGoal): void {
    if (!this.form) return;
    const edited = this.form.script !== GOAL_DEFAULTS[this.form.goal].script;
    this.form = { ...this.form, goal, ...(this.form.openids.length ? {} : { segment: GOAL_DEFAULTS[goal].segment }), ...(edited ? {} : { script: GOAL_DEFAULTS[goal].script }) };
  }

  toggle(key: 'factKeys' | 'staff', value: string): void {
    if (!this.form) return;
    const cur = this.form[key];
    this.form = { ...this.form, [key]: cur.includes(value) ? cur.filter((v) => v !== value) : [...cur, value] };
  }

  get audienceSize(): number | undefined {
    if (this.form?.openids.length) return this.form.openids.length;
    return this.form ? this.counts.data?.[this.form.segment] : undefined;
  }

  async submit(): Promise<ListView | undefined> {
    const f = this.form;
    if (!f) return undefined;
    if (!f.staff.length) {
      this.problem = '请至少指派一位跟进专员（设置 › 运营人员 › 跟进专员）。';
      return undefined;
    }
    if (!f.factKeys.length) {
      this.problem = '请至少选择一项要记录的事实。';
      return undefined;
    }
    this.saving = true;
    const reply = await sendOnce(this.intents, 'followup-create', 'fulst', (requestId) =>
      this.service.create({ title: f.title, goal: f.goal, script: f.script, factKeys: f.factKeys, staff: f.staff, dueDate: f.dueDate, holdoutPercent: f.holdoutPercent, windowDays: f.windowDays, source: f.openids.length ? { kind: 'hand', openids: f.openids } : { kind: 'segment', key: f.segment }, requestId }),
    );
    runInAction(() => {
      this.saving = false;
      if (!reply.ok) this.notice = refusal(reply.error);
      else this.created = reply.data.list;
    });
    return reply.ok ? reply.data.list : undefined;
  }

  dismissNotice(): void {
    this.notice = undefined;
  }

  reset(): void {
    this.options.reset();
    this.counts.reset();
    this.form = undefined;
    this.created = undefined;
    this.notice = undefined;
    this.problem = undefined;
  }
}

/** 做没做 / 做的怎么样 of one list. */
export class FollowupExecutionStore {
  listId = '';
  readonly view: Loadable<ExecutionView>;
  constructor(service: FollowupService) {
    this.view = new Loadable(() => service.execution(this.listId));
    makeAutoObservable<FollowupExecutionStore>(this, { view: false });
  }
  open(listId: string): Promise<boolean> {
    if (listId !== this.listId) this.view.reset();
    this.listId = listId;
    return this.view.load();
  }
  reset(): void {
    this.listId = '';
    this.view.reset();
  }
}
