import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { SCREENSHOT_DIR } from './browser';

/**
 * Helpers for driving the Taro H5 build. Tab pages stay in the DOM (hidden) after a switch, so
 * lookups go through `visible()`: the one element with that id on the page being shown.
 */
export function h5App(page: Page) {
  const visible = (selector: string): Locator => page.locator(`${selector}:visible`).first();
  // Page pushes slide in (CSS transitions/animations); a screenshot mid-slide shows two half
  // pages. Wait for every finite animation (spinners run forever) — twice, as a finished slide
  // can start the next page's.
  const settled = async () => {
    for (let i = 0; i < 2; i++) {
      await page.evaluate(() =>
        Promise.all(
          document
            .getAnimations()
            .filter((a) => a.effect?.getComputedTiming().iterations !== Infinity)
            .map((a) => a.finished.catch(() => undefined)),
        ),
      );
      await page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
    }
  };
  return {
    visible,
    /** Two animation frames: whatever an answer that already arrived changes is on screen after them. */
    async rendered(): Promise<void> {
      await page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
    },
    /** Switch tabs through the tab bar, as a customer would. */
    async tab(label: '首页' | '会员' | '钱包' | '我的') {
      await page.locator('.weui-tabbar__item', { hasText: label }).click();
    },
    async text(selector: string): Promise<string> {
      const l = visible(selector);
      await l.waitFor({ state: 'visible' });
      return l.innerText();
    },
    /** Wait until the element shown for `selector` contains `text`. */
    async waitForText(selector: string, text: string): Promise<void> {
      await page.locator(`${selector}:visible`, { hasText: text }).first().waitFor({ state: 'visible' });
    },
    async tap(selector: string): Promise<void> {
      const l = visible(selector);
      await l.waitFor({ state: 'visible' });
      await l.click();
    },
    /**
     * What a phone screen must never show (issue 17 #10): an element sticking out past the viewport's
     * sides, or text squeezed into a column one character wide (a line per character). Returns one
     * line per problem (tag, id/class, text) — empty when the page is sound.
     */
    async layoutProblems(): Promise<string[]> {
      await settled();
      return page.evaluate(() => {
        const width = window.innerWidth;
        const out: string[] = [];
        const name = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\s+/).join('.') : ''}`;
        for (const el of Array.from(document.querySelectorAll('body *'))) {
          const box = el.getBoundingClientRect();
          if (box.width === 0 || box.height === 0) continue;
          const style = getComputedStyle(el);
          if (style.visibility === 'hidden' || style.display === 'none') continue;
          // Inside a horizontal scroller (category tabs, swiper) sticking out is the point.
          if (el.closest('.taro-scroll-view__scroll-x, [class*="swiper"]')) continue;
          if (box.left < -1 || box.right > width + 1) out.push(`overflow ${name(el)} [${Math.round(box.left)}, ${Math.round(box.right)}] > ${width}: ${(el.textContent ?? '').slice(0, 30)}`);
          // Text laid out one character per line: own text of 3+ characters in a box narrower than two characters.
          const own = Array.from(el.childNodes).filter((n) => n.nodeType === 3).map((n) => n.textContent ?? '').join('').trim();
          const fontPx = parseFloat(style.fontSize) || 16;
          if (own.length >= 3 && box.width < fontPx * 1.8 && box.height > fontPx * 2.6) out.push(`one character per line ${name(el)} (${Math.round(box.width)}×${Math.round(box.height)}px): ${own.slice(0, 30)}`);
        }
        return out;
      });
    },
    /**
     * Screenshot of the viewport. Taro H5 scrolls inside the page element, not the document, so
     * `fullPage` would add nothing: pass `scrollTo` to bring a part of the page into view first.
     */
    async shot(name: string, scrollTo?: string): Promise<void> {
      if (scrollTo) await visible(scrollTo).scrollIntoViewIfNeeded();
      await settled();
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, name) });
    },
  };
}

/**
 * Switch the dev-login identity (what the H5 dev-login screen stores) and open `hash` fresh, so
 * every store reloads as the new person.
 */
export async function openAs(page: Page, baseUrl: string, openid: string, hash: string): Promise<void> {
  await page.evaluate((id) => localStorage.setItem('devOpenid', id), openid);
  await page.goto(`${baseUrl}/#${hash}`);
  await page.reload();
}
