import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { WAIT_BUDGET_MS } from '../../local/testing/wait-until';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.resolve(__dirname, '..', '..', 'test-results');

/**
 * Debian's Chromium driven by playwright-core (`npx playwright install` cannot download here).
 * Flags from DESIGN.md: no background networking (this machine's network is closed) and a fresh
 * profile per run (playwright launches each browser with its own temporary profile and refuses
 * --user-data-dir in args). Missing Chromium is a loud failure — scripts/ensure-system-deps.sh installs it.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`Chromium not found at ${CHROMIUM_PATH}: run scripts/ensure-system-deps.sh`);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A phone-sized page, like the Mini Program's. */
export const MOBILE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: 'zh-CN' } as const;

/**
 * A new page whose every wait (locator waits, clicks, waitForEvent, waitForFunction) has the tests'
 * one generous budget (local/testing/wait-until.ts), so no test depends on the box being fast.
 */
export async function openPage(browser: Browser, options: BrowserContextOptions = MOBILE): Promise<Page> {
  const page = await browser.newPage(options);
  page.setDefaultTimeout(WAIT_BUDGET_MS);
  return page;
}
