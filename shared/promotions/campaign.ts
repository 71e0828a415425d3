import { z } from 'zod';
import { isSegmentKey } from '../segments/keys';
import { DAY_MS } from '../time';

/**
 * Campaigns as data (issue 6): conditions and actions are `{code, args}` like Vendure promotions —
 * the code picks the rule, zod checks its arguments — so a new kind of audience or action is a new
 * code, not a new shape. A campaign targets a segment query, may issue a coupon, sends one
 * subscription message, runs inside a schedule, and keeps a deterministic holdout group.
 */
const segmentKeySchema = z.string().min(1).max(40).refine(isSegmentKey, '不认识的分组标识（例如 purchases:1、life:silent、tag:<标签>）');

/** A union of intersections: a customer is in the audience when ALL keys of ANY clause are on their profile. */
export const audienceArgsSchema = z.object({ anyOf: z.array(z.array(segmentKeySchema).min(1).max(4)).min(1).max(6) }).strict();
export type AudienceArgs = z.infer<typeof audienceArgsSchema>;

export const campaignConditionSchema = z.discriminatedUnion('code', [z.object({ code: z.literal('in-segments'), args: audienceArgsSchema }).strict()]);

export const messageArgsSchema = z
  .object({
    /** Shown as the message title (template field `title`): ≤ 20 characters (WeChat `thing` limit). */
    title: z.string().trim().min(1, '请填写消息标题').max(20, '消息标题最多 20 个字'),
    detail: z.string().trim().min(1, '请填写消息内容').max(20, '消息内容最多 20 个字'),
    /** Mini Program page the message opens. */
    page: z.string().regex(/^pages\/[a-z0-9/_-]+$|^packages\/[a-z0-9/_-]+$/, '请选择消息打开的页面').default('pages/index/index'),
  })
  .strict();
export type MessageArgs = z.infer<typeof messageArgsSchema>;

/**
 * Actions: `issue-coupon` and `send-message` go to customers whose life stage takes the coupon
 * (contact policy, seed 001); `send-content` is what customers whose stage must not get this offer
 * receive instead — a message without the coupon (活跃顾客 take content only). Without it they get
 * nothing (优惠超出阶段).
 */
export const campaignActionSchema = z.discriminatedUnion('code', [
  z.object({ code: z.literal('issue-coupon'), args: z.object({ templateId: z.string().min(1).max(64) }).strict() }).strict(),
  z.object({ code: z.literal('send-message'), args: messageArgsSchema }).strict(),
  z.object({ code: z.literal('send-content'), args: messageArgsSchema }).strict(),
]);
export type CampaignAction = z.infer<typeof campaignActionSchema>;

export const CAMPAIGN_TEMPLATES = ['first-three-purchase', 'custom'] as const;
export type CampaignTemplate = (typeof CAMPAIGN_TEMPLATES)[number];
export const CAMPAIGN_TEMPLATE_LABELS: Readonly<Record<CampaignTemplate, string>> = { 'first-three-purchase': '首三单复购', custom: '自定义活动' };

/** Condition and action codes in words (the campaign screens and the audit log). */
export const CAMPAIGN_CONDITION_LABELS: Readonly<Record<z.infer<typeof campaignConditionSchema>['code'], string>> = { 'in-segments': '按分群圈选人群' };
export const CAMPAIGN_ACTION_LABELS: Readonly<Record<CampaignAction['code'], string>> = {
  'issue-coupon': '发放优惠券',
  'send-message': '发送订阅消息',
  'send-content': '不接收优惠的顾客改发内容消息',
};

/** Pages a campaign message may open, by their path (the message's `page`). */
export const MESSAGE_PAGE_LABELS: Readonly<Record<string, string>> = {
  'pages/index/index': '首页',
  'packages/coupons/list/index': '我的优惠券',
  'pages/member/index': '会员',
  'pages/wallet/index': '钱包',
};

export const campaignInputSchema = z
  .object({
    name: z.string().trim().min(1, '请填写活动名称').max(30, '活动名称最多 30 个字'),
    template: z.enum(CAMPAIGN_TEMPLATES).default('custom'),
    conditions: z.array(campaignConditionSchema).length(1, '请选择一个目标人群'),
    actions: z.array(campaignActionSchema).min(1).max(3),
    schedule: z.object({ startAt: z.number().int().positive(), endAt: z.number().int().positive() }).strict(),
    /** Share of the audience kept out (no coupon, no message) to measure lift: 0–50 %. */
    holdoutPercent: z.number().int().min(0).max(50).default(10),
    /** A big sale (大促): the only kind of offer churned customers may get (contact policy). */
    bigSale: z.boolean().default(false),
    /** Orders within this many days after delivery count as conversions (treated and holdout alike). */
    attributionDays: z.number().int().min(1).max(90).default(14),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.schedule.endAt <= c.schedule.startAt) ctx.addIssue({ code: 'custom', path: ['schedule', 'endAt'], message: '结束时间必须晚于开始时间' });
    if (!c.actions.some((a) => a.code === 'send-message')) ctx.addIssue({ code: 'custom', path: ['actions'], message: '活动需要一条消息（告诉顾客有什么、去哪里用）' });
    const codes = c.actions.map((a) => a.code);
    if (new Set(codes).size !== codes.length) ctx.addIssue({ code: 'custom', path: ['actions'], message: '每种动作只能出现一次' });
    if (codes.includes('send-content') && !codes.includes('issue-coupon')) ctx.addIssue({ code: 'custom', path: ['actions'], message: '不发券时所有阶段都收到同一条消息，不需要另设内容消息' });
  });
export type CampaignInput = z.infer<typeof campaignInputSchema>;

export const audienceOf = (c: Pick<CampaignInput, 'conditions'>): AudienceArgs => c.conditions[0].args;
export const couponTemplateOf = (c: Pick<CampaignInput, 'actions'>): string | undefined => c.actions.find((a) => a.code === 'issue-coupon')?.args.templateId;
export const messageOf = (c: Pick<CampaignInput, 'actions'>): MessageArgs | undefined => {
  const a = c.actions.find((x) => x.code === 'send-message');
  return a?.code === 'send-message' ? a.args : undefined;
};
/** The message for customers whose stage must not get the coupon (none: they get nothing). */
export const contentOf = (c: Pick<CampaignInput, 'actions'>): MessageArgs | undefined => {
  const a = c.actions.find((x) => x.code === 'send-content');
  return a?.code === 'send-content' ? a.args : undefined;
};

/** The 首三单复购 template's texts: the coupon reminder, and the content for stages without offers. */
export const FIRST_THREE_MESSAGES = {
  coupon: { title: '您有一张复购券待使用', detail: '下单自动抵扣，限时有效', page: 'pages/index/index' },
  content: { title: '为您挑选了几款好物', detail: '新品与热卖，点开看看', page: 'pages/index/index' },
} as const satisfies Record<string, MessageArgs>;

/**
 * The first-three-purchase template (seed 000): customers with one or two qualifying purchases, or
 * none but a trial bought — the ones a next-purchase coupon moves from 1 → 2 → 3. Under the
 * contact policy (seed 001) a recent buyer is 活跃 and takes content only: with a coupon, those
 * customers get the content message instead, the others the coupon and its reminder. Without a
 * coupon everyone gets the content message (a reminder must never promise a coupon that is not there).
 */
export function firstThreePurchaseTemplate(now: number, couponTemplateId?: string): CampaignInput {
  return {
    name: '首三单复购',
    template: 'first-three-purchase',
    conditions: [{ code: 'in-segments', args: { anyOf: [['purchases:1'], ['purchases:2'], ['purchases:0', 'trial:unconverted']] } }],
    actions: couponTemplateId
      ? [
          { code: 'issue-coupon', args: { templateId: couponTemplateId } },
          { code: 'send-message', args: { ...FIRST_THREE_MESSAGES.coupon } },
          { code: 'send-content', args: { ...FIRST_THREE_MESSAGES.content } },
        ]
      : [{ code: 'send-message', args: { ...FIRST_THREE_MESSAGES.content } }],
    schedule: { startAt: now, endAt: now + 14 * DAY_MS },
    holdoutPercent: 10,
    bigSale: false,
    attributionDays: 14,
  };
}

/** ALL keys of ANY clause present. */
export const inAudience = (segments: readonly string[] | undefined, a: AudienceArgs): boolean => a.anyOf.some((clause) => clause.every((k) => (segments ?? []).includes(k)));

/**
 * The clause through which a customer is reached when walking the audience clause by clause: the
 * first one they match. Walking clause i, a member matching an earlier clause was already handled.
 */
export const firstClauseOf = (segments: readonly string[] | undefined, a: AudienceArgs): number => a.anyOf.findIndex((clause) => clause.every((k) => (segments ?? []).includes(k)));

/** FNV-1a 32-bit: a stable hash with no dependency, identical on every platform. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** Deterministic holdout: the same customer is in or out of a campaign's holdout on every run. */
export const inHoldout = (campaignId: string, openid: string, percent: number): boolean => percent > 0 && fnv1a(`${campaignId}:${openid}`) % 100 < percent;
