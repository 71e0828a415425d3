import path from 'node:path';
import type { Browser } from 'playwright-core';
import type { LocalServer } from '../local/server';
import { launchChromium, SCREENSHOT_DIR, openPage } from './support/browser';
import { startStore } from './support/local-store';

jest.setTimeout(120_000);

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

test('open /, dev-login, see the seeded products with ¥ prices, member price and trial badge', async () => {
  const page = await openPage(browser);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(store.url + '/');

  // No identity yet: the dev login is offered instead of a broken shop.
  const login = page.locator('#dev-login');
  await login.waitFor();
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'home-dev-login.png') });
  await login.getByText('cust_demo').first().click();

  const list = page.locator('#product-list');
  await list.waitFor();
  await page.getByText('焕颜修护精华 50ml').first().waitFor();
  const text = await list.innerText();
  expect(text).toContain('¥688');
  expect(text).toContain('¥588'); // member price
  expect(text).toContain('体验装');
  expect(text).toContain('每人限购一次');
  expect(text).toContain('护肤课程 体验课');
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'home-products.png'), fullPage: true });
  expect(errors).toEqual([]);
});
