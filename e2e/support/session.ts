import type { Browser, Page } from 'playwright-core';
import type { LocalServer } from '../../local/server';
import { launchChromium, openPage } from './browser';
import { h5App, openAs } from './h5-app';
import { startStore } from './local-store';

export type Envelope = { ok: boolean; data: any; error?: { code: string; message: string } };

/**
 * What every e2e file sets up: the local store (fresh demo data) and Chromium for the whole file,
 * a phone-sized page per test that records page errors, and direct calls to functions for the
 * arrangements a test does not walk through in the UI. Call at the top level of the file.
 */
export function e2eSession(opts: { demoOwner?: boolean; timeoutMs?: number } = {}) {
  jest.setTimeout(opts.timeoutMs ?? 240_000);
  let store: LocalServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    store = await startStore({ demoOwner: opts.demoOwner });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await store?.close();
  });
  let seq = 0;
  const url = () => store!.url;
  return {
    url,
    /** A function call as `openid` from the Mini Program (the dev identity header). */
    fn: async (openid: string, name: string, body: Record<string, unknown>): Promise<Envelope> =>
      (await (await fetch(`${url()}/fn/${name}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-dev-openid': openid }, body: JSON.stringify(body) })).json()) as Envelope,
    rid: (tag = 'e2e') => `${tag}_${Date.now().toString(36)}_${(seq++).toString(36)}`.padEnd(8, '0'),
    /** WeChat Pay's simulator pays `outTradeNo` and delivers the callback. */
    pay: async (outTradeNo: string) => fetch(`${url()}/local/pay/${outTradeNo}/succeed`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }),
    /** A fresh phone-sized page on the store, with its page errors collected. */
    page: async () => {
      const page: Page = await openPage(browser!);
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(url() + '/');
      return { page, app: h5App(page), errors, as: (openid: string, hash: string) => openAs(page, url(), openid, hash) };
    },
  };
}
