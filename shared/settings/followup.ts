import { z } from 'zod';

/**
 * One-to-one follow-up (issue 19, seeds 000/002/004): who does the talking (跟进专员, the `staff`
 * role) and what they record — facts, not impressions (seed 002: 提到价格几次、问没问有效期、问没问赠品).
 * The fact catalogue is data: a list picks some of these facts, a contact records them, and each
 * becomes the segment key `fact:<key>` on the customer's profile.
 */
export const FACT_KINDS = ['count', 'flag'] as const;
export type FactKind = (typeof FACT_KINDS)[number];

export const factKeySchema = z.string().regex(/^[a-z][a-z0-9-]{1,23}$/, '事实编号只能包含小写字母、数字和 -（2–24 个字符，字母开头）');

export const followupFactSchema = z
  .object({
    key: factKeySchema,
    label: z.string().trim().min(1, '请填写事实名称').max(12, '事实名称最多 12 个字'),
    /** count: how many times (提到价格 ×2); flag: yes or no (问了有效期 ✓). */
    kind: z.enum(FACT_KINDS),
  })
  .strict();
export type FollowupFact = z.infer<typeof followupFactSchema>;

export const staffMemberSchema = z
  .object({
    openid: z.string().min(1).max(64),
    /** How owners and the staff member see the name (跟进人). */
    name: z.string().trim().min(1, '请填写专员姓名').max(12, '姓名最多 12 个字'),
  })
  .strict();
export type StaffMember = z.infer<typeof staffMemberSchema>;

export const DEFAULT_FOLLOWUP_FACTS: FollowupFact[] = [
  { key: 'mentioned-price', label: '提到价格', kind: 'count' },
  { key: 'asked-validity', label: '问了有效期', kind: 'flag' },
  { key: 'asked-gifts', label: '问了赠品', kind: 'flag' },
  { key: 'asked-effect', label: '问了效果', kind: 'flag' },
  { key: 'compared-others', label: '提到别家', kind: 'count' },
];

export const DEFAULT_OBJECTIONS = ['价格太高', '还在考虑', '效果不确定', '已有同类产品', '暂时不需要'];

export const followupSettings = {
  /**
   * 跟进专员: openids with the `staff` role — they see and work only the follow-up lists assigned
   * to them (operators and owners see every list). No defaults: local mode's demo seed adds one.
   */
  staff: z.array(staffMemberSchema).max(50).default([]),
  /** The facts a contact can record (unique keys; checked in ./index.ts). */
  followupFacts: z.array(followupFactSchema).min(1, '至少保留一项跟进事实').max(20).default(DEFAULT_FOLLOWUP_FACTS),
  /** Objections a staff member picks from (one per contact), so they can be counted. */
  followupObjections: z.array(z.string().trim().min(1).max(16, '每条异议最多 16 个字')).max(12).default(DEFAULT_OBJECTIONS),
};
