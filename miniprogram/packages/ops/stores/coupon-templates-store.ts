import { makeAutoObservable, runInAction } from 'mobx';
import type { CouponService, CouponTemplateView } from '../../../services/coupon';
import type { IntentIds } from '../../../services/request-id';
import { useStores } from '../../../stores/context';
import { success, type Notice } from '../../../stores/notice';
import type { Resettable, RootStore } from '../../../stores/root-store';
import { emptyCouponForm, toTemplateInput, type CouponForm, type CouponFormErrors } from '../format/coupon-form';
import { Loadable } from '../../../stores/loadable';
import { refusal, sendOnce } from './outcome';

/**
 * 优惠券 (operators): the templates with issued / used counts, 新建 (the form is checked with the
 * server's schema first), 暂停发放 / 恢复发放. Templates are not edited: a changed rule is a new
 * template, and coupons already issued keep the rule they were issued with.
 */
export class CouponTemplatesStore implements Resettable {
  readonly read: Loadable<CouponTemplateView[]>;
  notice: Notice | undefined = undefined;
  /** The 新建优惠券 form while it is open. */
  form: CouponForm | undefined = undefined;
  errors: CouponFormErrors = {};
  saving = false;
  busyId: string | undefined = undefined;

  constructor(
    private readonly service: CouponService,
    private readonly intents: IntentIds,
    private readonly now: () => number = Date.now,
  ) {
    this.read = new Loadable(async () => {
      const r = await this.service.templates();
      return r.ok ? { ok: true, data: r.data.templates } : r;
    });
    makeAutoObservable<CouponTemplatesStore, 'service' | 'intents' | 'now'>(this, { service: false, intents: false, now: false, read: false });
  }

  get templates(): CouponTemplateView[] {
    return this.read.data ?? [];
  }

  openForm(): void {
    this.form = emptyCouponForm(this.now());
    this.errors = {};
    this.notice = undefined;
  }

  cancelForm(): void {
    if (!this.saving) this.form = undefined;
  }

  set<K extends keyof CouponForm>(field: K, value: CouponForm[K]): void {
    if (!this.form) return;
    this.form = { ...this.form, [field]: value };
    if (this.errors[field]) this.errors = { ...this.errors, [field]: undefined };
  }

  dismissNotice(): void {
    this.notice = undefined;
  }

  /** 创建优惠券: one intent per form content, so a retry after a lost reply creates it once. */
  async save(): Promise<boolean> {
    const form = this.form;
    if (!form || this.saving) return false;
    const checked = toTemplateInput(form);
    if (!checked.ok) {
      this.errors = checked.errors;
      return false;
    }
    this.saving = true;
    try {
      const reply = await sendOnce(this.intents, `coupon-template:${JSON.stringify(checked.input)}`, 'cpt', (id) => this.service.saveTemplate(checked.input, id));
      runInAction(() => {
        if (!reply.ok) {
          this.notice = refusal(reply.error);
          return;
        }
        this.form = undefined;
        this.read.set([reply.data, ...this.templates.filter((t) => t.templateId !== reply.data.templateId)]);
        this.notice = success(`已创建「${reply.data.name}」（${reply.data.offerLabel}）${reply.data.claimable ? '，顾客可在「我的优惠券」领取' : '，可由活动发放'}。`);
      });
      return reply.ok;
    } finally {
      runInAction(() => (this.saving = false));
    }
  }

  /** 暂停发放 / 恢复发放: already issued coupons stay usable either way. */
  async setStatus(templateId: string, status: 'active' | 'paused'): Promise<void> {
    const t = this.templates.find((x) => x.templateId === templateId);
    if (!t || this.busyId || t.status === status) return;
    this.busyId = templateId;
    try {
      const reply = await sendOnce(this.intents, `coupon-status:${templateId}:${status}`, 'cps', (id) => this.service.setTemplateStatus(templateId, status, id));
      runInAction(() => {
        if (!reply.ok) {
          this.notice = refusal(reply.error);
          return;
        }
        this.read.set(this.templates.map((x) => (x.templateId === templateId ? reply.data : x)));
        this.notice = success(status === 'paused' ? `「${t.name}」已暂停发放；已领取的券仍可使用。` : `「${t.name}」已恢复发放。`);
      });
    } finally {
      runInAction(() => (this.busyId = undefined));
    }
  }

  reset(): void {
    this.read.reset();
    this.notice = undefined;
    this.form = undefined;
    this.errors = {};
    this.saving = false;
    this.busyId = undefined;
  }
}

export const couponTemplatesOf = (root: RootStore): CouponTemplatesStore => root.extension('ops-coupons', (r) => new CouponTemplatesStore(r.services.coupon, r.intents));

export function useCouponTemplates(): CouponTemplatesStore {
  return couponTemplatesOf(useStores());
}
