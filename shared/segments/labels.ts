import { formatYuan } from '../money/format';
import type { EventType } from '../events/domain-event';
import type { Settings } from '../settings';
import { FACT_PREFIX, FIXED_SEGMENT_KEYS, TAG_PREFIX } from './keys';

/**
 * What each segment key means, in Chinese — the one place the operator console (dashboard, lists,
 * customer chips) and anything server-side that names a segment take their words from. Thresholds
 * in the explanations come from the settings the keys were computed with, so "超过 30 天" says what
 * the rules really are.
 */
export type LabelRules = Pick<Settings, 'lifecycleDays' | 'segmentRules' | 'survey'> & Partial<Pick<Settings, 'followupFacts'>>;

export type FamilyId = 'layer' | 'life' | 'purchases' | 'trial' | 'member' | 'tier' | 'tag' | 'fact';

export interface SegmentFamily {
  id: FamilyId;
  title: string;
  /** One line: what the family sorts customers by. */
  hint: string;
}

/** Dashboard order: from "who are they" to "what to do with them". */
export const SEGMENT_FAMILIES: readonly SegmentFamily[] = [
  { id: 'layer', title: '分层', hint: '按互动与消费分四层，每位顾客只在其中一层。' },
  { id: 'life', title: '生命周期', hint: '首购之后，按距上次购买的天数分段，随时间自动变化。' },
  { id: 'purchases', title: '购买次数', hint: '有效购买次数（体验装、充值、会员费、已退款订单不计），首三单运营的对象。' },
  { id: 'trial', title: '体验未转化', hint: '买过体验装、还没买正装的顾客。' },
  { id: 'member', title: '会员', hint: '付费年卡会员的状态。' },
  { id: 'tier', title: '临近档位', hint: '再消费一点就能领下一份累计消费礼。' },
  { id: 'tag', title: '问卷标签', hint: '来自首次问卷的回答，以及购买体验装的标签。' },
  { id: 'fact', title: '跟进事实', hint: '一对一跟进时记录的事实（例如提到价格、问了有效期）。' },
];

const FIXED_LABELS: Record<string, string> = {
  'layer:new': '新客',
  'layer:engaged': '互动未消费',
  'layer:paying': '付费客户',
  'layer:ironfan': '铁粉',
  'life:active': '活跃',
  'life:silent': '沉默',
  'life:sleeping': '沉睡',
  'life:churned': '流失',
  'purchases:0': '未购买',
  'purchases:1': '购买 1 次',
  'purchases:2': '购买 2 次',
  'purchases:3plus': '购买 3 次及以上',
  'trial:unconverted': '体验未转化',
  'member:active': '会员有效',
  'member:expiring': '会员即将到期',
  'member:lapsed': '会员已过期',
  'tier:near': '临近消费档位',
  'tag:trial': '体验装买家',
};

export const familyOf = (key: string): FamilyId => {
  const prefix = key.slice(0, key.indexOf(':'));
  return (SEGMENT_FAMILIES.some((f) => f.id === prefix) ? prefix : 'tag') as FamilyId;
};

/** The survey question and option whose tag is `tag` (the operator's own words for it). */
function surveyOption(tag: string, rules?: Pick<LabelRules, 'survey'>) {
  for (const q of rules?.survey.questions ?? []) {
    const o = q.options.find((x) => x.tag === tag);
    if (o) return { question: q.title, option: o.label };
  }
  return undefined;
}

/** What a key the tables do not know is called: never the raw key (`purchases:1`, `tag:xyz`). */
export const UNKNOWN_SEGMENT_LABEL = '其他分群';
/** A survey tag before the survey is known (rules still loading). */
export const SURVEY_TAG_LABEL = '问卷标签';
/** A fact before the settings are known, or one the catalogue no longer lists. */
export const FACT_LABEL = '跟进事实';
const factDef = (key: string, rules?: Partial<Pick<Settings, 'followupFacts'>>) => rules?.followupFacts?.find((f) => FACT_PREFIX + f.key === key);

/** A tag no option of the current survey gives any more (answers from an older survey). */
export const RETIRED_TAG_LABEL = '已停用的问卷选项';

/**
 * Short Chinese name of a key ("沉默", "购买 2 次", "美业 / 美容院"). A tag is named by the survey
 * option that gives it, so pass the survey when there is one; without it a tag reads 问卷标签.
 */
export function segmentLabel(key: string, rules?: Pick<LabelRules, 'survey' | 'followupFacts'>): string {
  const fixed = FIXED_LABELS[key];
  if (fixed) return fixed;
  if (key.startsWith(FACT_PREFIX)) return factDef(key, rules)?.label ?? FACT_LABEL;
  if (key.startsWith(TAG_PREFIX)) {
    if (!rules) return SURVEY_TAG_LABEL;
    return surveyOption(key.slice(TAG_PREFIX.length), rules)?.option ?? RETIRED_TAG_LABEL;
  }
  return UNKNOWN_SEGMENT_LABEL;
}

/** A campaign audience in words: "购买 1 次 或 （未购买 且 体验未转化）". */
export function audienceText(anyOf: readonly (readonly string[])[], rules?: Pick<LabelRules, 'survey'>): string {
  const one = (clause: readonly string[]) => clause.map((k) => segmentLabel(k, rules)).join(' 且 ');
  if (anyOf.length === 0) return '（未选择人群）';
  return anyOf.map((clause) => (clause.length > 1 && anyOf.length > 1 ? `（${one(clause)}）` : one(clause))).join(' 或 ');
}

/** One line that says who is in the segment, with the thresholds of `rules`. */
export function segmentHint(key: string, rules: LabelRules): string {
  const d = rules.lifecycleDays;
  const r = rules.segmentRules;
  const hints: Record<string, string> = {
    'layer:new': '没有互动，也没有消费。',
    'layer:engaged': `有互动（问卷、领券、打开消息，或 ${r.engagedMinVisits} 天以上访问），还没有消费。`,
    'layer:paying': '有计入累计消费的购买。',
    'layer:ironfan': `有互动，且累计消费满 ${formatYuan(r.ironFanSpendFen)}。`,
    'life:active': `距上次购买不超过 ${d.active} 天。`,
    'life:silent': `距上次购买超过 ${d.active} 天、不超过 ${d.silent} 天。`,
    'life:sleeping': `距上次购买超过 ${d.silent} 天、不超过 ${d.sleeping} 天。`,
    'life:churned': `超过 ${d.sleeping} 天没有购买。`,
    'purchases:0': '还没有有效购买（可能买过体验装或充值）。',
    'purchases:1': '完成首购，下一步是第二单。',
    'purchases:2': '买过两次，离第三单只差一步。',
    'purchases:3plus': '买过三次及以上，已养成复购。',
    'trial:unconverted': '买了体验装，还没买对应的正装。',
    'member:active': `会员有效，距到期超过 ${r.memberExpiringDays} 天。`,
    'member:expiring': `会员将在 ${r.memberExpiringDays} 天内到期，适合提醒续费。`,
    'member:lapsed': '会员已到期，尚未续费。',
    'tier:near': `距下一档累计消费礼不到 ${formatYuan(r.tierNearFen)}。`,
    'tag:trial': '买过体验装（购买时自动打上的标签）。',
  };
  if (hints[key]) return hints[key];
  if (key.startsWith(FACT_PREFIX)) {
    const f = factDef(key, rules);
    return f ? `一对一跟进时记录到「${f.label}」${f.kind === 'count' ? '（至少一次）' : ''}。` : '一对一跟进时记录的事实（已不在跟进事实清单中）。';
  }
  if (key.startsWith(TAG_PREFIX)) {
    const found = surveyOption(key.slice(TAG_PREFIX.length), rules);
    // The tag as the operator once typed it tells two retired options apart (the title says 已停用的问卷选项).
    return found ? `问卷「${found.question}」选择了「${found.option}」。` : `问卷中已不再提供的选项（历史回答，标签「${key.slice(TAG_PREFIX.length)}」）。`;
  }
  return '';
}

export interface CountedSegment {
  key: string;
  label: string;
  hint: string;
  count: number;
}

export interface CountedFamily extends SegmentFamily {
  segments: CountedSegment[];
}

/** `segment.counts` grouped into the dashboard's families, fixed keys in their defined order, tags by label. */
export function groupCounts(counts: Record<string, number>, rules: LabelRules): CountedFamily[] {
  const keys = [...FIXED_SEGMENT_KEYS.filter((k) => k in counts), ...Object.keys(counts).filter((k) => k.startsWith(TAG_PREFIX)).sort(), ...Object.keys(counts).filter((k) => k.startsWith(FACT_PREFIX))];
  return SEGMENT_FAMILIES.map((f) => ({
    ...f,
    segments: keys.filter((k) => familyOf(k) === f.id).map((key) => ({ key, label: segmentLabel(key, rules), hint: segmentHint(key, rules), count: counts[key] ?? 0 })),
  })).filter((f) => f.segments.length > 0);
}

/** What happened, for a customer's event timeline. */
export const EVENT_LABELS: Record<EventType, string> = {
  'order.paid': '购买',
  'order.refunded': '订单退款',
  'wallet.topup': '储值充值',
  'wallet.refunded': '储值退款',
  'membership.purchased': '开通 / 续费会员',
  'membership.refunded': '会员费退款',
  'gift.claimed': '领取礼品',
  'customer.visited': '访问小程序',
  'survey.answered': '填写问卷',
  'coupon.claimed': '领取优惠券',
  'message.opened': '打开消息',
  'followup.contacted': '一对一跟进',
  'lifecycle.changed': '生命周期变化',
};
