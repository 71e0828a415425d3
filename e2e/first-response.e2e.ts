import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { LocalServer } from '../local/server';
import { launchChromium, openPage } from './support/browser';
import { h5App, openAs } from './support/h5-app';
import { startStore } from './support/local-store';

/**
 * First response end to end in the H5 build against the real local server: a brand-new customer
 * opens the app → the welcome → answers the survey → the operators' segment counts show the tags
 * → the customer clears the answers in 我的 → the counts drop; 以后再说 keeps the welcome away for
 * the day on that device; an operator edits the survey in 设置 → 问卷 and the customer is asked the
 * new question (a required one is insisted on). Screenshots in test-results/first-response/.
 */
jest.setTimeout(240_000);

let store: LocalServer;
let browser: Browser;
beforeAll(async () => {
  store = await startStore();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await store?.close();
});

const as = (page: Page, openid: string, hash: string) => openAs(page, store.url, openid, hash);
const shot = (app: ReturnType<typeof h5App>, name: string, scrollTo?: string) => app.shot(path.join('first-response', name), scrollTo);

/** The operators' API (what the segment console reads), called as op_admin through the gateway. */
async function counts(): Promise<Record<string, number>> {
  const res = await fetch(`${store.url}/fn/segment`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-dev-openid': 'op_admin' }, body: JSON.stringify({ action: 'counts' }) });
  const body = (await res.json()) as { ok: boolean; data: Record<string, number> };
  expect(body.ok).toBe(true);
  return body.data;
}

function newPage() {
  return openPage(browser).then((page) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    return { page, app: h5App(page), errors };
  });
}

test('a new customer: welcome → survey → tags counted → answers cleared in 我的 → counts drop', async () => {
  const { page, app, errors } = await newPage();
  const customer = `e2e_new_${Date.now().toString(36)}`;
  const before = await counts();
  await page.goto(store.url + '/');
  await as(page, customer, '/pages/index/index');
  await app.waitForText('#welcome-card', '欢迎光临');
  expect(await app.text('#welcome-ask')).toBe('用 30 秒告诉我们您的偏好，我们只推荐您关心的。');
  expect(await app.text('#welcome-offers')).toContain('全场会员价');
  await shot(app, 'fr-01-welcome.png');

  await app.tap('#welcome-start');
  await app.waitForText('#survey-q-industry', '您从事的行业');
  await shot(app, 'fr-02-survey.png');
  // Nothing chosen: told what to do, nothing sent.
  await app.tap('#survey-submit');
  await app.waitForText('#survey-notice', '请至少回答一个问题');
  await app.tap('#survey-opt-industry-beauty');
  await app.tap('#survey-opt-interest-skincare');
  await app.tap('#survey-opt-interest-makeup');
  await shot(app, 'fr-03-survey-chosen.png', '#survey-submit');
  await app.tap('#survey-submit');
  await app.waitForText('#survey-done', '谢谢您的回答');
  expect(await app.text('#survey-done-answers')).toContain('护肤、彩妆');
  await shot(app, 'fr-04-thanks.png');

  const answered = await counts();
  expect(answered['tag:industry-beauty']).toBe((before['tag:industry-beauty'] ?? 0) + 1);
  expect(answered['tag:interest-skincare']).toBe((before['tag:interest-skincare'] ?? 0) + 1);
  expect(answered['tag:interest-makeup']).toBe((before['tag:interest-makeup'] ?? 0) + 1);

  // Back on 首页 the welcome has done its job.
  await app.tap('#survey-go-home');
  await page.locator('#product-list:visible').waitFor();
  expect(await page.locator('#welcome-card:visible').count()).toBe(0);

  // 我的 → 我的问卷回答 → 清除 (after a confirm).
  await app.tab('我的');
  await app.tap('#menu-survey');
  await app.waitForText('#answer-interest', '护肤、彩妆');
  await shot(app, 'fr-05-answers.png');
  await app.tap('#answers-clear');
  await app.waitForText('#answers-clear-dialog', '清除我的问卷回答？');
  await shot(app, 'fr-06-clear-confirm.png');
  await app.tap('#answers-clear-dialog-confirm');
  await app.waitForText('#answers-notice', '已清除您的问卷回答');
  await app.waitForText('#answers-empty', '我们没有保存您的任何偏好');
  await shot(app, 'fr-07-cleared.png');

  const cleared = await counts();
  expect(cleared['tag:industry-beauty']).toBe(before['tag:industry-beauty'] ?? 0);
  expect(cleared['tag:interest-skincare']).toBe(before['tag:interest-skincare'] ?? 0);
  expect(cleared['tag:interest-makeup']).toBe(before['tag:interest-makeup'] ?? 0);
  expect(errors).toEqual([]);
});

test('以后再说 keeps the welcome away on this device for the day; the survey stays reachable from 我的', async () => {
  const { page, app, errors } = await newPage();
  const customer = `e2e_later_${Date.now().toString(36)}`;
  await page.goto(store.url + '/');
  await as(page, customer, '/pages/index/index');
  await app.waitForText('#welcome-card', '欢迎光临');
  await app.tap('#welcome-later');
  await page.locator('#welcome-card:visible').waitFor({ state: 'detached' });
  // The app opened again (a reload is a new launch): still put off today.
  // The welcome is decided once the visit is answered: wait for that answer and the render after
  // it (two frames), not for a pause that only a fast box makes long enough.
  const visited = page.waitForResponse((r) => r.url().endsWith('/fn/customer') && (r.request().postData() ?? '').includes('"action":"visit"'));
  await page.reload();
  await visited;
  await page.locator('#product-list:visible').waitFor();
  await app.rendered();
  expect(await page.locator('#welcome-card:visible').count()).toBe(0);
  await app.tab('我的');
  await app.tap('#menu-survey');
  await app.waitForText('#answers-empty', '您还没有回答问卷');
  await app.tap('#answers-fill');
  await app.waitForText('#survey-q-industry', '您从事的行业');
  expect(errors).toEqual([]);
});

test('an operator edits the survey in 设置 → 问卷; the customer is asked the new (required) question', async () => {
  const { page, app, errors } = await newPage();
  await page.goto(store.url + '/');
  await as(page, 'op_admin', '/packages/ops/settings/index');
  await app.waitForText('#settings-area-survey', '已开启 · 2 个问题');
  await app.tap('#settings-area-survey');
  await app.visible('#set-survey-questions-0-title-input input').waitFor();
  await app.visible('#set-survey-questions-0-title-input input').fill('您从事哪个行业');
  await app.tap('#settings-add-question');
  await app.visible('#set-survey-questions-2-title-input input').fill('您更喜欢哪种购物方式');
  await app.tap('#set-survey-questions-2-required-tick');
  await app.visible('#set-survey-questions-2-options-0-label-input input').fill('到店体验');
  await app.visible('#set-survey-questions-2-options-0-tag-input input').fill('shop-offline');
  await app.visible('#set-survey-questions-2-options-1-label-input input').fill('线上下单');
  await app.visible('#set-survey-questions-2-options-1-tag-input input').fill('shop-online');
  // Asked first.
  await app.tap('#set-survey-questions-2-up');
  await app.tap('#set-survey-questions-1-up');
  await shot(app, 'fr-08-ops-survey-edit.png', '#set-survey-questions-0');
  await app.tap('#settings-save');
  await app.waitForText('#settings-notice', '已保存「问卷」');
  await shot(app, 'fr-09-ops-survey-saved.png');

  const customer = `e2e_asked_${Date.now().toString(36)}`;
  await as(page, customer, '/packages/welcome/survey/index');
  await app.waitForText('#survey-q-q-3', '您更喜欢哪种购物方式');
  expect(await app.text('#survey-q-q-3-kind')).toBe('必答 · 单选');
  expect(await app.text('#survey-q-industry')).toContain('您从事哪个行业');
  await app.tap('#survey-opt-industry-retail');
  await app.tap('#survey-submit');
  await app.waitForText('#survey-q-q-3-error', '这是必答题，请选择一项。');
  await shot(app, 'fr-10-required-missing.png');
  await app.tap('#survey-opt-q-3-opt-1');
  await app.tap('#survey-submit');
  await app.waitForText('#survey-done', '谢谢您的回答');
  expect(await app.text('#survey-done-answers')).toContain('您更喜欢哪种购物方式：到店体验');
  expect((await counts())['tag:shop-offline']).toBe(1);
  await shot(app, 'fr-11-new-question-answered.png');
  expect(errors).toEqual([]);
});
