import { makeAutoObservable, runInAction } from 'mobx';
import { userMessage } from '@shared/errors/messages';
import { groupCounts, type CountedFamily } from '@shared/segments/labels';
import type { CampaignInput, CampaignPreviewView, CampaignService, CampaignView } from '../../../services/campaign';
import type { CouponService, CouponTemplateView } from '../../../services/coupon';
import type { IntentIds } from '../../../services/request-id';
import type { SegmentService } from '../../../services/segment';
import { failure, type Notice } from '../../../stores/notice';
import { blankForm, formFromInput, toCampaignInput, type CampaignForm, type CampaignFormErrors } from '../format/campaign-form';
import { Loadable } from '../../../stores/loadable';
import type { SegmentRules } from './segment-dashboard';

interface EditorFacts {
  templates: CampaignInput[];
  coupons: CouponTemplateView[];
  counts: Record<string, number>;
}

/** A clause holds at most this many keys, the audience this many clauses (shared/promotions/campaign.ts). */
export const AUDIENCE_LIMITS = { keysPerClause: 4, clauses: 6 } as const;

/**
 * 新建活动 / 编辑草稿: start from the first-three-purchase template or blank, or open a saved draft;
 * the form is checked with the server's schema first; 预览 asks the server what a launch would do
 * now (audience, holdout, what the contact policy and subscription grants hold back) — for a new
 * form with the request id 保存 will use, so the holdout split is the launch's; 保存 creates the
 * draft (one request id per form content, so a retry after a lost reply creates it once) or
 * saves the draft's new content.
 */
export class CampaignEditStore {
  form: CampaignForm | undefined = undefined;
  /** The draft being edited; undefined for a new campaign. */
  editingId: string | undefined = undefined;
  errors: CampaignFormErrors = {};
  /** Templates, coupons and segment sizes (for the audience picker), read together. */
  readonly read: Loadable<EditorFacts>;
  /** The clause whose 添加分群 picker is open. */
  picking: number | undefined = undefined;
  preview: CampaignPreviewView | undefined = undefined;
  /** The input the preview was made for (a changed form makes it stale). */
  private previewedFor: string | undefined = undefined;
  previewing = false;
  saving = false;
  notice: Notice | undefined = undefined;

  constructor(
    private readonly service: CampaignService,
    private readonly couponService: CouponService,
    private readonly segments: SegmentService,
    readonly settings: SegmentRules,
    private readonly intents: IntentIds,
  ) {
    this.read = new Loadable(async () => {
      const [tpl, coupons, counts] = await Promise.all([this.service.templates(), this.couponService.templates(), this.segments.counts(), this.settings.ensureLoaded()]);
      if (!tpl.ok) return tpl;
      if (!coupons.ok) return coupons;
      if (!counts.ok) return counts;
      return { ok: true, data: { templates: tpl.data.templates, coupons: coupons.data.templates.filter((t) => t.status === 'active'), counts: counts.data } };
    });
    makeAutoObservable<CampaignEditStore, 'service' | 'couponService' | 'segments' | 'intents'>(this, {
      service: false,
      couponService: false,
      segments: false,
      settings: false,
      intents: false,
      read: false,
    });
  }

  get templates(): CampaignInput[] {
    return this.read.data?.templates ?? [];
  }

  /** Coupon templates a campaign may issue (paused ones cannot be issued). */
  get coupons(): CouponTemplateView[] {
    return this.read.data?.coupons ?? [];
  }

  get counts(): Record<string, number> | undefined {
    return this.read.data?.counts;
  }

  /** Templates, coupons and segment sizes (for the audience picker), then the choice of how to start. */
  load(): Promise<boolean> {
    return this.read.load();
  }

  /** The server's clock (campaign times are the server's; a dev clock may run ahead). */
  private get serverNow(): number {
    return this.templates[0]?.schedule.startAt ?? Date.now();
  }

  start(from: 'first-three-purchase' | 'blank'): void {
    const t = this.templates.find((x) => x.template === 'first-three-purchase');
    this.form = from === 'blank' || !t ? blankForm(this.serverNow) : formFromInput(t);
    this.editingId = undefined;
    this.clearPreview();
  }

  /** 编辑草稿: the saved draft's content in the form (only drafts can be changed). */
  async openDraft(campaignId: string): Promise<void> {
    if (this.editingId === campaignId && this.form) return;
    const reply = await this.service.get(campaignId);
    runInAction(() => {
      if (!reply.ok) {
        this.notice = failure(userMessage(reply.error.code, reply.error.message));
        return;
      }
      if (reply.data.status !== 'draft') {
        this.notice = failure('活动已发布，只有草稿可以修改。');
        return;
      }
      this.edit(reply.data);
    });
  }

  private edit(c: CampaignView): void {
    this.form = formFromInput(c);
    this.editingId = c._id;
    this.clearPreview();
  }

  private clearPreview(): void {
    this.errors = {};
    this.preview = undefined;
    this.previewedFor = undefined;
    this.notice = undefined;
    this.picking = undefined;
  }

  /** Back to the choice of how to start (the form is dropped). */
  discard(): void {
    if (this.saving) return;
    this.form = undefined;
    this.editingId = undefined;
  }

  /** What 保存 will send, and its request id (a new form's preview uses the same id). */
  private intentOf(input: CampaignInput): string {
    return this.editingId ? `campaign-update:${this.editingId}:${JSON.stringify(input)}` : `campaign:${JSON.stringify(input)}`;
  }

  set<K extends keyof CampaignForm>(field: K, value: CampaignForm[K]): void {
    if (!this.form) return;
    this.form = { ...this.form, [field]: value };
    const errorKey = ERROR_OF[field];
    if (errorKey && this.errors[errorKey]) this.errors = { ...this.errors, [errorKey]: undefined };
  }

  /** Segment families with Chinese names and current sizes, for the picker. */
  get families(): CountedFamily[] {
    return this.counts ? groupCounts(this.counts, this.settings.rules) : [];
  }

  openPicker(clause: number): void {
    this.picking = this.picking === clause ? undefined : clause;
  }

  /** A new 或 clause, its picker open. */
  addClause(): void {
    if (!this.form || this.form.clauses.length >= AUDIENCE_LIMITS.clauses) return;
    this.set('clauses', [...this.form.clauses, []]);
    this.picking = this.form.clauses.length - 1;
  }

  removeClause(index: number): void {
    if (!this.form) return;
    this.set(
      'clauses',
      this.form.clauses.filter((_c, i) => i !== index),
    );
    this.picking = undefined;
  }

  /** Adds `key` to the clause (且); a clause already holding it, or full, stays as it is. */
  addKey(clause: number, key: string): void {
    const f = this.form;
    if (!f || !f.clauses[clause] || f.clauses[clause].includes(key) || f.clauses[clause].length >= AUDIENCE_LIMITS.keysPerClause) return;
    this.set(
      'clauses',
      f.clauses.map((c, i) => (i === clause ? [...c, key] : c)),
    );
    this.picking = undefined;
  }

  removeKey(clause: number, key: string): void {
    const f = this.form;
    if (!f) return;
    const next = f.clauses.map((c, i) => (i === clause ? c.filter((k) => k !== key) : c)).filter((c, i) => c.length > 0 || i === clause);
    this.set('clauses', next);
  }

  /** The current form as the server would take it, if it is valid. */
  private checked(): CampaignInput | undefined {
    if (!this.form) return undefined;
    const r = toCampaignInput(this.form);
    if (!r.ok) {
      this.errors = r.errors;
      return undefined;
    }
    this.errors = {};
    return r.input;
  }

  /** The preview on screen no longer matches the form. */
  get previewStale(): boolean {
    if (!this.preview || !this.form) return false;
    const r = toCampaignInput(this.form);
    return !r.ok || JSON.stringify(r.input) !== this.previewedFor;
  }

  /** 预览: what a launch would do now. Returns false when the form has problems. */
  async runPreview(): Promise<boolean> {
    const input = this.checked();
    if (!input || this.previewing) return false;
    this.previewing = true;
    this.notice = undefined;
    try {
      const target = this.editingId ? { campaignId: this.editingId, campaign: input } : { campaign: input, requestId: this.intents.idFor(this.intentOf(input), 'cmp') };
      const reply = await this.service.preview(target);
      runInAction(() => {
        if (!reply.ok) {
          this.notice = failure(userMessage(reply.error.code, reply.error.message));
          return;
        }
        this.preview = reply.data;
        this.previewedFor = JSON.stringify(input);
      });
      return reply.ok;
    } finally {
      runInAction(() => (this.previewing = false));
    }
  }

  /** 保存为草稿 / 保存修改: resolves with the campaign's id (the page then opens it), undefined otherwise. */
  async save(): Promise<string | undefined> {
    const input = this.checked();
    if (!input || this.saving) return undefined;
    const intent = this.intentOf(input);
    const editing = this.editingId;
    this.saving = true;
    this.notice = undefined;
    try {
      const reply = editing ? await this.service.update(editing, input, this.intents.idFor(intent, 'cmu')) : await this.service.create(input, this.intents.idFor(intent, 'cmp'));
      this.intents.settleUnlessUnknown(intent, reply);
      if (!reply.ok) {
        runInAction(() => (this.notice = failure(userMessage(reply.error.code, reply.error.message))));
        return undefined;
      }
      runInAction(() => {
        this.form = undefined;
        this.editingId = undefined;
      });
      return reply.data._id;
    } finally {
      runInAction(() => (this.saving = false));
    }
  }

  dismissNotice(): void {
    this.notice = undefined;
  }

  reset(): void {
    this.form = undefined;
    this.editingId = undefined;
    this.errors = {};
    this.read.reset();
    this.picking = undefined;
    this.preview = undefined;
    this.previewedFor = undefined;
    this.previewing = false;
    this.saving = false;
    this.notice = undefined;
  }
}

/** Which error a changed field clears. */
const ERROR_OF: Partial<Record<keyof CampaignForm, keyof CampaignFormErrors>> = {
  name: 'name',
  clauses: 'clauses',
  couponTemplateId: 'coupon',
  title: 'title',
  detail: 'detail',
  page: 'page',
  contentTitle: 'contentTitle',
  contentDetail: 'contentDetail',
  startDate: 'start',
  startTime: 'start',
  endDate: 'end',
  endTime: 'end',
  holdout: 'holdout',
  attributionDays: 'attributionDays',
};
