import '../zod-setup';
import { campaignInputSchema, contentOf, couponTemplateOf, messageOf, MESSAGE_PAGE_LABELS, type CampaignInput, type CampaignTemplate } from '@shared/promotions/campaign';
import { optionsOf } from '@shared/settings/promotions';
import { parseZh } from '@shared/schemas/issues';
import { fromShanghai, shanghaiParts } from './datetime';

/**
 * The 新建活动 form as typed (dates in Shanghai time, whole numbers as text) → the campaign the
 * server takes, checked with the server's own schema (shared/promotions/campaign.ts) so a problem
 * shows next to its field before anything is sent.
 */
export interface CampaignForm {
  template: CampaignTemplate;
  name: string;
  /** Audience: ANY clause, each ALL of its segment keys. */
  clauses: string[][];
  /** '' = no coupon (content only). */
  couponTemplateId: string;
  title: string;
  detail: string;
  page: string;
  /**
   * With a coupon: what customers whose stage takes no offer this deep (活跃: content only) get
   * instead. Both empty = they get nothing.
   */
  contentTitle: string;
  contentDetail: string;
  startDate: string;
  startTime: string;
  endDate: string;
  endTime: string;
  holdout: string;
  bigSale: boolean;
  attributionDays: string;
}

export type CampaignField = 'name' | 'clauses' | 'coupon' | 'title' | 'detail' | 'page' | 'contentTitle' | 'contentDetail' | 'start' | 'end' | 'holdout' | 'attributionDays';
export type CampaignFormErrors = Partial<Record<CampaignField, string>>;

/** WeChat's `thing` template fields hold 20 characters. */
export const MESSAGE_MAX = 20;

/** Where a message may lead (Mini Program pages a customer can open). */
export const PAGE_OPTIONS: Array<{ key: string; label: string }> = optionsOf(MESSAGE_PAGE_LABELS);

const DAY_MS = 86_400_000;

export function formFromInput(c: CampaignInput): CampaignForm {
  const msg = messageOf(c);
  const content = contentOf(c);
  const start = shanghaiParts(c.schedule.startAt);
  const end = shanghaiParts(c.schedule.endAt);
  return {
    template: c.template,
    name: c.name,
    clauses: c.conditions[0]?.args.anyOf.map((k) => [...k]) ?? [],
    couponTemplateId: couponTemplateOf(c) ?? '',
    title: msg?.title ?? '',
    detail: msg?.detail ?? '',
    page: msg?.page ?? 'pages/index/index',
    contentTitle: content?.title ?? '',
    contentDetail: content?.detail ?? '',
    startDate: start.date,
    startTime: start.time,
    endDate: end.date,
    endTime: end.time,
    holdout: String(c.holdoutPercent),
    bigSale: c.bigSale,
    attributionDays: String(c.attributionDays),
  };
}

/** A blank campaign: no audience, no message yet; two weeks from `now` (the server's clock). */
export function blankForm(now: number): CampaignForm {
  const start = shanghaiParts(now);
  const end = shanghaiParts(now + 14 * DAY_MS);
  return {
    template: 'custom',
    name: '',
    clauses: [],
    couponTemplateId: '',
    title: '',
    detail: '',
    page: 'pages/index/index',
    contentTitle: '',
    contentDetail: '',
    startDate: start.date,
    startTime: start.time,
    endDate: end.date,
    endTime: end.time,
    holdout: '10',
    bigSale: false,
    attributionDays: '14',
  };
}

const int = (s: string): number | undefined => (/^\d{1,4}$/.test(s.trim()) ? Number(s.trim()) : undefined);

/** Which form field a schema path belongs to (actions are built coupon, message, content — in that order). */
function fieldOf(path: string, couponFirst: boolean, contentAt: number): CampaignField {
  if (path.startsWith('conditions')) return 'clauses';
  if (path.startsWith('schedule.endAt')) return 'end';
  if (path.startsWith('schedule')) return 'start';
  if (path.startsWith('holdoutPercent')) return 'holdout';
  if (path.startsWith('attributionDays')) return 'attributionDays';
  const m = /^actions(?:\.(\d+)\.args\.(\w+))?/.exec(path);
  if (m) {
    if (m[2] === 'templateId' || (couponFirst && m[1] === '0')) return 'coupon';
    if (m[1] !== undefined && Number(m[1]) === contentAt) return m[2] === 'detail' ? 'contentDetail' : 'contentTitle';
    if (m[2] === 'detail') return 'detail';
    if (m[2] === 'page') return 'page';
    return 'title';
  }
  return 'name';
}

export function toCampaignInput(f: CampaignForm): { ok: true; input: CampaignInput } | { ok: false; errors: CampaignFormErrors } {
  const errors: CampaignFormErrors = {};
  const startAt = fromShanghai(f.startDate, f.startTime);
  const endAt = fromShanghai(f.endDate, f.endTime);
  if (startAt === undefined) errors.start = '请选择开始日期和时间';
  if (endAt === undefined) errors.end = '请选择结束日期和时间';
  const holdoutPercent = int(f.holdout);
  if (holdoutPercent === undefined) errors.holdout = '请填写 0–50 的整数';
  const attributionDays = int(f.attributionDays);
  if (attributionDays === undefined) errors.attributionDays = '请填写 1–90 的整数';
  const clauses = f.clauses.filter((c) => c.length > 0);
  if (!clauses.length) errors.clauses = '请至少选择一个分群作为目标人群';
  if (Object.keys(errors).length) return { ok: false, errors };

  const withContent = f.couponTemplateId !== '' && (f.contentTitle.trim() !== '' || f.contentDetail.trim() !== '');
  const actions = [
    ...(f.couponTemplateId ? [{ code: 'issue-coupon', args: { templateId: f.couponTemplateId } }] : []),
    { code: 'send-message', args: { title: f.title, detail: f.detail, page: f.page } },
    ...(withContent ? [{ code: 'send-content', args: { title: f.contentTitle, detail: f.contentDetail, page: f.page } }] : []),
  ];
  const draft = {
    name: f.name,
    template: f.template,
    conditions: [{ code: 'in-segments', args: { anyOf: clauses } }],
    actions,
    schedule: { startAt, endAt },
    holdoutPercent,
    bigSale: f.bigSale,
    attributionDays,
  };
  const parsed = parseZh(campaignInputSchema, draft);
  if (parsed.success) return { ok: true, input: parsed.data };
  const contentAt = withContent ? actions.length - 1 : -1;
  for (const i of parsed.error.issues) errors[fieldOf(i.path.map(String).join('.'), f.couponTemplateId !== '', contentAt)] ??= i.message;
  return { ok: false, errors };
}
