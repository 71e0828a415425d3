import { e2eSession } from './support/session';

/**
 * Issue 19's journey in the H5 build against the real local server: the owner turns 体验未转化 into
 * a follow-up list for the two 跟进专员; 李敏 opens it from 我的, records a contact with facts; that
 * customer buys the full product; the owner sees the contact credited, 李敏's numbers and the lift;
 * the 续费 desk shows an expiring member with what the membership saved them.
 */
const s = e2eSession({ timeoutMs: 300_000 });
const TRIAL_BUYERS = Array.from({ length: 20 }, (_, i) => `fe2e_${String(i).padStart(2, '0')}`);

async function buy(openid: string, productId: string) {
  const r = await s.fn(openid, 'order', { action: 'create', items: [{ productId, qty: 1 }], payWith: 'wechat', requestId: s.rid('buy') });
  expect(r.error).toBeUndefined();
  await s.pay(r.data.payment.outTradeNo);
}

test('list from 体验未转化 → staff records a contact with facts → the customer buys the full product → credited, lift → 续费 desk', async () => {
  for (const u of TRIAL_BUYERS) await buy(u, 'prd_serum_trial');
  // A member whose year will end soon, with member-price savings this term (for the 续费 desk).
  const m = await s.fn('fe2e_member', 'membership', { action: 'buy', planId: 'annual', requestId: s.rid('mb') });
  await s.pay(m.data.payment.outTradeNo);
  await buy('fe2e_member', 'prd_cream');

  const { page, app, errors, as } = await s.page();

  // The owner: 运营后台 › 一对一跟进 › 新建: goal 体验装转正装 and 体验未转化 are the defaults.
  await as('op_admin', '/packages/ops/home/index');
  await app.tap('#ops-home-followups');
  await app.tap('#fu-new');
  await app.waitForText('#fu-new-audience', `体验未转化（${TRIAL_BUYERS.length}）`);
  await app.tap('#fu-new-holdout-30');
  await app.shot('followup-01-new.png');
  expect(await app.layoutProblems()).toEqual([]);
  await app.tap('#fu-new-save');
  await app.waitForText('#fu-list-title', '体验装转正装');
  const listId = /listId=(ful_[a-z0-9]+)/.exec(page.url())![1];

  // 李敏 (a 跟进专员, not an operator): 我的 › 一对一跟进 › the list › her first customer.
  await as('staff_li', '/pages/me/index');
  await app.tap('#menu-followups');
  await app.tap(`#fu-list-${listId}`);
  await app.visible('#fu-rows').waitFor();
  await app.shot('followup-02-list.png');
  const firstRow = await page.locator('#fu-rows .fu-row').first().getAttribute('id');
  const customer = firstRow!.replace('fu-row-', '');
  await app.tap(`#${firstRow}`);
  await app.waitForText('#fu-card', '体验装');
  await app.waitForText('#fu-card', '还没买正装');
  await app.tap('#fu-fact-mentioned-price-qty-plus');
  await app.tap('#fu-fact-mentioned-price-qty-plus');
  await app.tap('#fu-fact-asked-validity-yes');
  await app.tap('#fu-fact-asked-gifts-no');
  await app.tap('#fu-objection-0');
  await app.tap('#fu-outcome-interested');
  await app.shot('followup-03-contact-form.png');
  expect(await app.layoutProblems()).toEqual([]);
  await app.tap('#fu-save');
  await app.waitForText('#fu-notice', '已记录');
  await app.waitForText('#fu-history', '提到价格 ×2');
  await app.waitForText('#fu-history', '问了有效期 ✓');
  await app.shot('followup-04-recorded.png');

  // The customer buys the full product.
  await as(customer, '/packages/shop/product/index?productId=prd_serum');
  await app.tap('#product-buy-now');
  await app.tap('#pay-wechat');
  await app.tap('#checkout-submit');
  await app.visible('#pay-sheet').waitFor();
  await app.tap('#pay-sheet-confirm');
  await app.visible('#checkout-success').waitFor();

  // The owner: 执行情况 — 李敏 contacted 1, converted 1, credited 1; the treated group against the holdout.
  await as('op_admin', `/packages/ops/followup-execution/index?listId=${listId}`);
  await app.waitForText('#fu-exec-staff_li-result', '计入跟进 1');
  await app.waitForText('#fu-exec-staff_li-done', '已联系 1');
  await app.waitForText('#fu-lift-rates', '跟进组转化率');
  await app.shot('followup-05-execution.png');
  expect(await app.layoutProblems()).toEqual([]);

  // A year later (less a month): the member's term ends this month or next — on the 续费 desk with 已省.
  await fetch(`${s.url()}/local/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ offsetMs: 340 * 86_400_000 }) });
  // The segment timer moves profiles whose stage changed with time (member:active → member:expiring).
  await fetch(`${s.url()}/local/trigger/segment`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  await as('op_admin', '/packages/ops/renewals/index');
  await app.waitForText('#rnw-rows', '本期已省');
  await app.waitForText('#rnw-kpi-all', '1 人');
  await app.shot('followup-06-renewals.png');
  await app.tap('#rnw-followup-expiring');
  await app.waitForText('#fu-new-audience', '会员即将到期（1）');
  await fetch(`${s.url()}/local/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ offsetMs: 0 }) });
  expect(errors).toEqual([]);
});
