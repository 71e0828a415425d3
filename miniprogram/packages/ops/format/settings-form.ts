import '../zod-setup';
import { locationOf, parseZh, SETTINGS_LABELS } from '@shared/schemas/issues';
import { settingsSchema, type Settings } from '@shared/settings';

/**
 * The settings screens (设置): one screen per area, each editing its part of ONE draft of the
 * settings document, validated with the server's own schema (shared/settings
 * settingsSchema, Chinese messages) before anything is sent.
 */
export type SettingsArea = 'membership' | 'topup' | 'tiers' | 'limits' | 'storefront' | 'lifecycle' | 'segments' | 'contact' | 'messages' | 'survey' | 'followup' | 'staff';

export interface AreaDef {
  area: SettingsArea;
  title: string;
  hint: string;
  /** Top-level settings keys this screen edits. */
  keys: Array<keyof Settings>;
  /** Only owners may change it (others do not see the screen). */
  ownerOnly?: boolean;
  /** When a change takes effect, if not "new orders only" (shown on the screen and after saving). */
  takesEffect?: string;
}

export const SETTINGS_AREAS: AreaDef[] = [
  { area: 'membership', title: '会员方案与入会礼包', hint: '价格、有效期、权益、入会礼包与库存', keys: ['membershipPlans', 'membershipPayableWithBalance', 'membershipRefundClaimedPack', 'membershipRefundSavings', 'earlyRenewalReward'] },
  { area: 'topup', title: '充值方案', hint: '充 X 送 Y、自定义金额', keys: ['topUpPlans', 'customTopUp'] },
  { area: 'tiers', title: '消费档位与礼品', hint: '累计消费门槛与对应礼品', keys: ['tiers'] },
  { area: 'limits', title: '额度与期限', hint: '储值上限、退款期限、支付超时、待支付上限、体验装退款、优惠券规则', keys: ['namedBalanceCapFen', 'refundWindowDays', 'paymentTimeoutMinutes', 'maxUnpaidOrders', 'maxHeldUnitsPerProduct', 'refundStuckHours', 'trialRefundRestoresEligibility', 'qualifyingIncludesBonus', 'couponStacking', 'couponOnRefund'] },
  { area: 'storefront', title: '首页横幅', hint: '首页顶部的活动横幅：标题、副标题、点击后去哪', keys: ['homeBanner'], takesEffect: '保存后顾客下次打开首页即看到新横幅。' },
  { area: 'lifecycle', title: '生命周期', hint: '活跃 / 沉默 / 沉睡 的天数', keys: ['lifecycleDays'] },
  {
    area: 'segments',
    title: '分群规则',
    hint: '铁粉门槛、临近下一档、会员即将到期、互动客户',
    keys: ['segmentRules'],
    takesEffect: '保存后几分钟内，系统会按新规则把所有顾客重新归类（分群定时任务每 5 分钟运行一次，顾客多时分几次完成）。',
  },
  {
    area: 'contact',
    title: '触达策略',
    hint: '各阶段每 7 天消息上限与可发优惠、小额优惠的标准',
    keys: ['contactPolicy', 'offerDepth'],
    takesEffect: '保存后用于之后发布或继续发送的活动；已发出的消息不受影响。',
  },
  {
    area: 'messages',
    title: '消息模板',
    hint: '订阅消息模板 ID 与字段、会员到期提醒天数',
    keys: ['messageTemplates', 'renewalReminderDays'],
    takesEffect: '保存后用于之后发送的消息。模板 ID 须与小程序后台「订阅消息」中的一致，否则微信会拒绝发送。',
  },
  {
    area: 'survey',
    title: '问卷',
    hint: '新顾客的偏好问卷：题目、选项与标签',
    keys: ['survey'],
    takesEffect: '保存后顾客再打开问卷即看到新题目。已有回答按题目和选项编号保存（编号自动生成、不可修改）：改文字不影响已有回答。',
  },
  {
    area: 'followup',
    title: '一对一跟进',
    hint: '跟进时记录的事实清单与常见异议',
    keys: ['followupFacts', 'followupObjections'],
    takesEffect: '新建的跟进任务从这里选事实；已建的任务保留建立时的清单。事实编号会成为分群「fact:编号」，改名称不影响已记录的事实。',
  },
  { area: 'staff', title: '运营人员', hint: '运营人员、店主与跟进专员名单（仅店主可改）', keys: ['operators', 'owners', 'staff'], ownerOnly: true },
];

export const areaDef = (area: string): AreaDef | undefined => SETTINGS_AREAS.find((a) => a.area === area);

/** A problem with where it is: `path` for the field, `message` as the field shows it, `full` with the location in front. */
export interface SettingsIssue {
  path: string;
  message: string;
  full: string;
}

/** settingsSchema over the draft: the valid document, or its problems in Chinese. */
export function validateSettings(draft: unknown): { ok: true; settings: Settings } | { ok: false; issues: SettingsIssue[] } {
  const parsed = parseZh(settingsSchema, draft);
  if (parsed.success) return { ok: true, settings: parsed.data };
  return {
    ok: false,
    issues: parsed.error.issues.map((i) => {
      // Amounts are typed in yuan on these screens: the labels' "（分）" would only confuse.
      const where = locationOf(i.path, SETTINGS_LABELS).replace(/（分）/g, '');
      const last = where.split(' › ').at(-1) ?? '';
      // "生命周期天数必须满足…" already says where it is.
      const full = !where ? i.message : last && i.message.startsWith(last) ? i.message : `${where}：${i.message}`;
      return { path: i.path.map(String).join('.'), message: i.message, full };
    }),
  };
}

/** Whether an issue at `path` belongs to the screen editing `keys`. */
export const inArea = (path: string, keys: ReadonlyArray<string>) => keys.some((k) => path === k || path.startsWith(`${k}.`));

type Obj = Record<string, unknown>;

export function getAt(root: unknown, path: string): unknown {
  let cur: unknown = root;
  for (const seg of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Obj)[seg];
  }
  return cur;
}

/** Sets in place (the draft is a mobx observable); `undefined` removes the key (an optional object like a gift pack). */
export function setAt(root: unknown, path: string, value: unknown): void {
  const segs = path.split('.');
  let cur = root as Obj;
  for (const seg of segs.slice(0, -1)) {
    const next = cur[seg];
    if (next === null || typeof next !== 'object') return;
    cur = next as Obj;
  }
  const last = segs[segs.length - 1];
  if (value === undefined) {
    if (Array.isArray(cur)) cur.splice(Number(last), 1);
    else delete cur[last];
  } else cur[last] = value;
}

/** Defaults for a new list item (valid as they stand, so adding never blocks saving by itself). */
export function nextId(existing: string[], prefix: string): string {
  for (let n = existing.length + 1; ; n++) {
    const id = `${prefix}-${n}`;
    if (!existing.includes(id)) return id;
  }
}

export const newMembershipPlan = (s: Settings) => ({
  id: nextId(s.membershipPlans.map((p) => p.id), 'plan'),
  name: '新会员方案',
  priceFen: 100_000,
  termDays: 365,
  benefits: ['全场会员价'],
  active: false,
});

export const newGiftPack = (s: Settings) => ({
  id: nextId([...s.membershipPlans.flatMap((p) => (p.giftPack ? [p.giftPack.id] : [])), ...s.tiers.map((t) => t.gift.id)], 'pack'),
  name: '入会礼包',
  valueFen: 0,
  costFen: 0,
  items: [],
  stock: 0,
  claimDays: 90,
});

export const newTopUpPlan = (s: Settings) => ({
  id: nextId(s.topUpPlans.map((p) => p.id), 'topup'),
  principalFen: 100_000,
  bonusFen: 0,
  active: false,
});

export const newTier = (s: Settings) => {
  const top = s.tiers.reduce((m, t) => Math.max(m, t.thresholdFen), 0);
  return {
    thresholdFen: top + 500_000,
    gift: { ...newGiftPack(s), id: nextId([...s.membershipPlans.flatMap((p) => (p.giftPack ? [p.giftPack.id] : [])), ...s.tiers.map((t) => t.gift.id)], 'tier'), name: '新消费礼' },
  };
};

/** A new survey question: single choice, optional, two placeholder options (valid as it stands). */
export const newSurveyQuestion = (s: Settings) => ({
  id: nextId(s.survey.questions.map((q) => q.id), 'q'),
  title: '新问题',
  kind: 'single' as const,
  required: false,
  options: [
    { id: 'opt-1', label: '选项 1' },
    { id: 'opt-2', label: '选项 2' },
  ],
});

export const newSurveyOption = (existingIds: string[]) => ({ id: nextId(existingIds, 'opt'), label: `选项 ${existingIds.length + 1}` });

/** The survey schema's limits (shared/settings), for the add/remove buttons. */
export const SURVEY_LIMITS = { questions: 10, minOptions: 2, maxOptions: 12 } as const;
