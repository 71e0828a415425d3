import { z } from 'zod';

/**
 * Validation problems as a person reads them (DESIGN rule 14): Chinese messages (zod's zh-CN locale
 * for built-in checks; our own refinements already speak Chinese) and a readable location
 * ("会员方案第 1 项 › 入会礼包 › 库存") next to the machine path ("membershipPlans.0.giftPack.stock")
 * the UI uses to put the message under the right field.
 */
export interface Issue {
  /** Dot path into the submitted object ('' = the object itself). */
  path: string;
  /** Chinese, with the readable location in front. */
  message: string;
  code: string;
}

const zhCN = z.locales.zhCN();

/** safeParse with Chinese messages for zod's built-in checks. */
export const parseZh = <S extends z.ZodType>(schema: S, data: unknown) => schema.safeParse(data, { error: zhCN.localeError });

/** Field names, looked up as `parent.key` first (the same key can mean two things), then `key`. */
export type FieldLabels = Record<string, string>;

/**
 * Where a path points, in words. A key without a label reads `unknown` when given (what a person
 * sees: 「其他设置」, never the raw key); a label of '' leaves that step out (a wrapper such as
 * `args` that says nothing to a reader).
 */
export function locationOf(path: ReadonlyArray<PropertyKey>, labels: FieldLabels, unknown?: string): string {
  const parts: string[] = [];
  let parent = '';
  for (const seg of path) {
    if (typeof seg === 'number') {
      parts.push(`第 ${seg + 1} 项`);
      continue;
    }
    const key = String(seg);
    const label = labels[`${parent}.${key}`] ?? labels[key] ?? unknown ?? key;
    if (label) parts.push(label);
    parent = key;
  }
  return parts.join(' › ');
}

export function toIssues(error: z.ZodError, labels: FieldLabels): Issue[] {
  return error.issues.map((i) => {
    const where = locationOf(i.path, labels);
    return { path: i.path.map(String).join('.'), message: where ? `${where}：${i.message}` : i.message, code: i.code };
  });
}

/** One line for the envelope's `message`: the first problem, and how many more there are. */
export function summarizeIssues(issues: Issue[], subject: string): string {
  if (issues.length === 0) return `${subject}有误，请检查后再保存。`;
  const more = issues.length > 1 ? `（另有 ${issues.length - 1} 处问题）` : '';
  return `${subject}有误：${issues[0].message}${more}。请修改后再保存。`;
}

export const SETTINGS_LABELS: FieldLabels = {
  membershipPlans: '会员方案',
  giftPack: '入会礼包',
  id: '编号',
  name: '名称',
  priceFen: '价格（分）',
  termDays: '有效天数',
  benefits: '会员权益',
  active: '启用',
  valueFen: '价值（分）',
  costFen: '成本（分）',
  items: '礼包内容',
  stock: '库存',
  claimDays: '领取期限（天）',
  membershipPayableWithBalance: '会员费可用余额支付',
  topUpPlans: '充值方案',
  principalFen: '充值金额（分）',
  bonusFen: '赠送金额（分）',
  customTopUp: '自定义充值',
  enabled: '启用',
  minFen: '最低金额（分）',
  maxFen: '最高金额（分）',
  namedBalanceCapFen: '实名储值余额上限（分）',
  refundWindowDays: '无理由退款天数',
  spendRule: '余额扣款规则',
  cardTerms: '储值卡章程',
  version: '版本号',
  text: '正文',
  tiers: '累计消费档位',
  thresholdFen: '门槛金额（分）',
  gift: '礼品',
  lifecycleDays: '生命周期天数',
  'lifecycleDays.active': '活跃',
  'lifecycleDays.silent': '沉默',
  'lifecycleDays.sleeping': '沉睡',
  contactPolicy: '触达策略',
  'contactPolicy.active': '活跃客户',
  'contactPolicy.silent': '沉默客户',
  'contactPolicy.sleeping': '沉睡客户',
  'contactPolicy.churned': '流失客户',
  'contactPolicy.prospect': '未成交顾客（新客、体验客）',
  offerDepth: '优惠力度',
  smallMaxPercent: '小额优惠最高折扣（%）',
  smallMaxAmountFen: '小额优惠最高减免（分）',
  messageTemplates: '订阅消息模板',
  'messageTemplates.promotion': '活动通知',
  'messageTemplates.renewal': '会员到期提醒',
  templateId: '模板 ID',
  fields: '模板字段',
  'fields.title': '标题对应的模板字段',
  'fields.detail': '内容对应的模板字段',
  'fields.until': '截止时间对应的模板字段',
  renewalReminderDays: '到期提醒提前天数',
  earlyRenewalReward: '提前续费奖励',
  'earlyRenewalReward.enabled': '启用提前续费奖励',
  daysBefore: '到期前天数',
  couponTemplateId: '赠送的优惠券编号',
  maxPer7Days: '每 7 天最多消息数',
  offers: '可发优惠',
  operators: '运营人员',
  owners: '店主',
  launchChecks: '上线检查',
  baseLibrary: '基础库最低版本',
  confirmedBy: '确认人',
  confirmedAt: '确认时间',
  membershipRefundClaimedPack: '已领礼包的会员费退款规则',
  membershipRefundSavings: '已享会员价的会员费退款规则',
  qualifyingIncludesBonus: '赠送金额计入累计消费',
  trialRefundRestoresEligibility: '体验装退款后可再次购买',
  homeBanner: '首页横幅',
  'homeBanner.subtitle': '横幅副标题',
  'homeBanner.target': '横幅跳转',
  'homeBanner.productId': '横幅商品',
  'homeBanner.title': '横幅标题',
  couponStacking: '会员价与优惠券',
  couponOnRefund: '整单退款后的优惠券',
  paymentTimeoutMinutes: '支付超时（分钟）',
  maxUnpaidOrders: '每位顾客最多待支付订单数',
  maxHeldUnitsPerProduct: '每位顾客每件商品最多保留件数',
  refundStuckHours: '退款处理中提醒（小时）',
  segmentRules: '分层规则',
  ironFanSpendFen: '铁粉消费门槛（分）',
  tierNearFen: '临近下一档差额（分）',
  memberExpiringDays: '会员即将到期天数',
  engagedMinVisits: '互动客户最少访问天数',
  survey: '入会问卷',
  intro: '问卷说明',
  questions: '问题',
  title: '标题',
  'questions.kind': '题型',
  required: '必答',
  options: '选项',
  label: '选项文字',
  tag: '标签',
  staff: '跟进专员',
  'staff.openid': '专员 openid',
  'staff.name': '专员姓名',
  followupFacts: '跟进事实',
  'followupFacts.key': '事实编号',
  'followupFacts.label': '事实名称',
  'followupFacts.kind': '记录方式',
  followupObjections: '常见异议',
};

export const PRODUCT_LABELS: FieldLabels = {
  name: '商品名称',
  description: '商品描述',
  kind: '商品类型',
  category: '分类',
  images: '商品图片',
  priceFen: '原价（分）',
  memberPriceFen: '会员价（分）',
  costFen: '成本价（分）',
  floorFen: '最低成交价（分）',
  stock: '库存',
  fullProductId: '关联正装商品',
  memberEarlyAccessUntil: '会员抢先购截止时间',
  refundWindowDays: '无理由退款天数',
  physical: '实物商品（需发货）',
  sort: '排序',
};
