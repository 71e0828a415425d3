import type { AuditEntry } from '../../schemas/audit';
import { firstThreePurchaseTemplate } from '../../promotions/campaign';
import { defaultSettings } from '../../settings';
import { formatDateTime } from '../../time';
import { actionLabel, auditDiff, type DiffRow } from '../audit-diff';
import { actorLabel, customerLabel } from '../actors';

/**
 * The audit log as an operator reads it: every row "label: before → after" in Chinese, from the
 * entries the server really writes (shapes as in cloudfunctions/*: campaign.update stores the
 * campaign's content, a launch its status, coupon.issue the coupon, settings the documents).
 */
const NOW = Date.UTC(2026, 4, 20, 2, 0);
const fmt = { dateTime: formatDateTime };
const entry = (e: Partial<AuditEntry> & Pick<AuditEntry, 'entity' | 'action' | 'before' | 'after'>): AuditEntry => ({
  _id: 'aud_1',
  entityId: 'x',
  by: 'op_admin',
  at: NOW,
  summary: '',
  changed: [],
  requestId: 'r',
  ...e,
});

/** What a raw key, code or id looks like: camelCase, a segment key, a dashed code, an id prefix. */
const RAW = /[a-z][A-Z]|\b[a-z]+:[a-z0-9]|\b[a-z]+-[a-z0-9]+\b|\b(prd|cpt|cmp|ord|op|aud)_/;
const expectReadable = (rows: DiffRow[]) => {
  expect(rows.length).toBeGreaterThan(0);
  for (const r of rows) for (const t of [r.label, r.before, r.after]) expect({ t, raw: RAW.test(t) }).toEqual({ t, raw: false });
};

describe('campaign entries', () => {
  const content = firstThreePurchaseTemplate(NOW, 'cpt_aaaa');
  const { name, template, conditions, actions, schedule, holdoutPercent, bigSale, attributionDays } = content;
  const before = { name, template, conditions, actions, schedule, holdoutPercent, bigSale, attributionDays };

  test('an edit: 对照组比例 in percent, the audience in segment names, message texts by their labels', () => {
    const after = { ...before, holdoutPercent: 20, conditions: [{ code: 'in-segments', args: { anyOf: [['purchases:1']] } }], actions: [before.actions[0], { ...before.actions[1], args: { ...before.actions[1].args, title: '复购券快到期了' } }, before.actions[2]] };
    const rows = auditDiff(entry({ entity: 'campaign', action: 'campaign.update', before, after }), fmt);
    expect(rows).toEqual([
      { path: 'conditions', label: '目标人群', before: '购买 1 次 或 购买 2 次 或 （未购买 且 体验未转化）', after: '购买 1 次' },
      { path: 'actions.1.args.title', label: '活动动作 › 第 2 项 › 消息标题', before: '您有一张复购券待使用', after: '复购券快到期了' },
      { path: 'holdoutPercent', label: '对照组比例', before: '10%', after: '20%' },
    ]);
    expectReadable(rows);
  });

  test('a launch: 状态：草稿 → 发送中', () => {
    const rows = auditDiff(entry({ entity: 'campaign', action: 'campaign.launch', before: { status: 'draft' }, after: { status: 'launching' } }), fmt);
    expect(rows).toEqual([{ path: 'status', label: '状态', before: '草稿', after: '发送中' }]);
  });

  test('a new campaign: the whole stored document, machinery left out, codes in words', () => {
    const doc = { ...before, _id: 'cmp_1', status: 'draft', createdAt: NOW, createdBy: 'op_admin', updatedAt: NOW, processed: 0, version: 1, stats: { audience: 0 } };
    const rows = auditDiff(entry({ entity: 'campaign', action: 'campaign.create', before: null, after: doc }), fmt);
    expectReadable(rows);
    const byPath = Object.fromEntries(rows.map((r) => [r.path, r]));
    expect(byPath.template.after).toBe('首三单复购');
    expect(byPath['actions.0.code']).toEqual({ path: 'actions.0.code', label: '活动动作 › 第 1 项 › 动作', before: '（无）', after: '发放优惠券' });
    expect(byPath['actions.0.args.templateId'].after).toBe('已设置');
    expect(byPath['actions.1.args.page'].after).toBe('首页');
    expect(byPath.status.after).toBe('草稿');
    expect(byPath['schedule.startAt']).toEqual({ path: 'schedule.startAt', label: '活动时间 › 开始时间', before: '（无）', after: '2026-05-20 10:00' });
    for (const internal of ['processed', 'version', 'stats', 'createdBy', '_id']) expect(byPath[internal]).toBeUndefined();
  });

  test('a coupon changed for another: the ids read the same, so the row says 原设置 → 新设置', () => {
    const after = { ...before, actions: [{ code: 'issue-coupon', args: { templateId: 'cpt_bbbb' } }, ...before.actions.slice(1)] };
    expect(auditDiff(entry({ entity: 'campaign', action: 'campaign.update', before, after }), fmt)).toEqual([{ path: 'actions.0.args.templateId', label: '活动动作 › 第 1 项 › 发放的优惠券', before: '原设置', after: '新设置' }]);
  });
});

describe('settings entries', () => {
  const s = defaultSettings();

  test('a new top-up plan: amounts in yuan, its generated id not shown', () => {
    const after = { ...s, topUpPlans: [...s.topUpPlans, { id: 'topup-4', principalFen: 200_000, bonusFen: 25_000, active: false }] };
    const rows = auditDiff(entry({ entity: 'settings', action: 'settings.update', changed: ['topUpPlans'], before: s, after }), fmt);
    expect(rows).toEqual([
      { path: 'topUpPlans.3.principalFen', label: '充值方案 › 第 4 项 › 充值金额', before: '（无）', after: '¥2,000.00' },
      { path: 'topUpPlans.3.bonusFen', label: '充值方案 › 第 4 项 › 赠送金额', before: '（无）', after: '¥250.00' },
      { path: 'topUpPlans.3.active', label: '充值方案 › 第 4 项 › 启用', before: '（无）', after: '否' },
    ]);
  });

  test('options by their labels, staff lists as head counts, a launch check by who confirmed it', () => {
    const after = {
      ...s,
      spendRule: 'principal-first' as const,
      couponStacking: 'both' as const,
      contactPolicy: { ...s.contactPolicy, silent: { ...s.contactPolicy.silent, offers: 'big' as const } },
      operators: ['op_admin', 'oAbCdEfGhIjKlMnOpQrStUvWx1234'],
      owners: ['op_admin'],
      launchChecks: { baseLibrary: { confirmedBy: 'op_admin', confirmedAt: NOW } },
    };
    const before = { ...s, operators: ['op_admin'], owners: ['op_admin'] };
    const rows = auditDiff(entry({ entity: 'settings', action: 'settings.update', changed: ['spendRule', 'couponStacking', 'contactPolicy', 'operators', 'launchChecks'], before, after }), fmt);
    expectReadable(rows);
    expect(rows).toEqual(
      expect.arrayContaining([
        { path: 'spendRule', label: '余额扣款规则', before: '按比例扣减本金与赠送', after: '先扣本金' },
        { path: 'couponStacking', label: '会员价与优惠券', before: '二选一，自动选更省的', after: '可叠加（券在会员价上再减）' },
        { path: 'contactPolicy.silent.offers', label: '触达策略 › 沉默客户 › 可发优惠', before: '小额优惠', after: '大额优惠' },
        { path: 'operators', label: '运营人员', before: '1 人', after: '2 人' },
        { path: 'launchChecks.baseLibrary.confirmedBy', label: '上线检查 › 基础库最低版本 › 确认人', before: '（无）', after: '演示店主' },
      ]),
    );
  });

  test('a field no table knows reads 其他设置, and a code no table knows reads 其他选项', () => {
    const rows = auditDiff(entry({ entity: 'settings', action: 'settings.update', changed: ['brandNewThing', 'spendRule'], before: { brandNewThing: 1, spendRule: 'proportional' }, after: { brandNewThing: 2, spendRule: 'newest-first' } }), fmt);
    expect(rows).toEqual([
      { path: 'spendRule', label: '余额扣款规则', before: '按比例扣减本金与赠送', after: '其他选项' },
      { path: 'brandNewThing', label: '其他设置', before: '1', after: '2' },
    ]);
  });
});

describe('other entries', () => {
  test('an issued coupon: the customer by the tail of their id, how it was issued and its rule in words', () => {
    const coupon = { _id: 'cpn_1', openid: 'oAbCdEfGhIjKlMnOpQrStUvWx1234', templateId: 'cpt_aaaa', issuedBy: 'operator', issueKey: 'op:x', issuedAt: NOW, rule: { name: '复购券', offer: { code: 'amount-off', args: { amountFen: 2_000 } }, minSpendFen: 10_000, nextPurchaseOnly: true }, validFrom: NOW, validUntil: NOW + 86_400_000, nextPurchaseAfter: NOW, status: 'available', version: 1 };
    const rows = auditDiff(entry({ entity: 'coupon-template', action: 'coupon.issue', before: null, after: coupon }), fmt);
    expectReadable(rows);
    const byPath = Object.fromEntries(rows.map((r) => [r.path, r.after]));
    expect(byPath).toMatchObject({ openid: '顾客（尾号 1234）', issuedBy: '运营发放', rule: '「复购券」满¥100减¥20', status: '可使用', templateId: '已设置' });
  });

  test('a coupon template paused, a product archived, a gift shipped', () => {
    expect(auditDiff(entry({ entity: 'coupon-template', action: 'coupon.pause', before: { status: 'active' }, after: { status: 'paused' } }), fmt)).toEqual([{ path: 'status', label: '状态', before: '发放中', after: '已暂停发放' }]);
    expect(auditDiff(entry({ entity: 'product', action: 'product.archive', before: { status: 'active' }, after: { status: 'archived' } }), fmt)).toEqual([{ path: 'status', label: '状态', before: '在售', after: '已下架' }]);
    expect(auditDiff(entry({ entity: 'gift-claim', action: 'gift.ship', before: { fulfilment: { state: 'pending' } }, after: { fulfilment: { state: 'shipped', carrier: 'SF', trackingNo: 'SF1', at: NOW, by: 'op_admin' } } }), fmt)).toEqual([
      { path: 'fulfilment', label: '发货', before: '待发货', after: '已发货 · 顺丰速运 · SF1' },
    ]);
  });

  test('a refund retry: the WeChat requests by their states, the refund number left out', () => {
    const rows = auditDiff(entry({ entity: 'refund', action: 'refund.retry', before: { status: 'failed', parts: [{ outRefundNo: 'rf1', state: 'failed', error: 'NOTENOUGH' }] }, after: { status: 'pending', parts: [{ outRefundNo: 'rf1', state: 'requested', error: null }] } }), fmt);
    expect(rows).toEqual([
      { path: 'status', label: '状态', before: '失败', after: '处理中' },
      { path: 'parts', label: '微信退款', before: '失败', after: '微信处理中' },
    ]);
  });

  test('people and actions by name', () => {
    expect(actorLabel('seed')).toBe('演示数据初始化');
    expect(actorLabel('op_admin')).toBe('演示店主');
    expect(actorLabel('oAbCdEfGhIjKlMnOpQrStUvWx1234')).toBe('运营人员（尾号 1234）');
    expect(actorLabel(undefined)).toBe('系统自动处理');
    expect(customerLabel('oXyz9876')).toBe('顾客（尾号 9876）');
    expect(actionLabel({ action: 'campaign.launch' })).toBe('发布活动');
    expect(actionLabel({ action: 'nope' as never })).toBe('其他操作');
  });
});
