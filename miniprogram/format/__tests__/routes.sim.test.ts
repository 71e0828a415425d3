import { readdirSync, readFileSync } from 'fs';
import { join, relative } from 'path';
import { checkoutUrl, HOME_URL, orderDetailUrl, TAB_URLS } from '../routes';

const ROOT = join(__dirname, '../../..');
const MINIPROGRAM = join(ROOT, 'miniprogram');
/** The one home of customer URLs, and the operator subpackage (its own list: packages/ops/routes.ts). */
const ROUTES = 'miniprogram/format/routes.ts';
const OWN_LIST = 'miniprogram/packages/ops';
/** A page URL written as a string: '/pages/…', "/packages/…" or `/pages/…`. */
const PAGE_LITERAL = /['"`]\/(pages|packages)\//;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === '__tests__' ? [] : sources(path);
    return /\.tsx?$/.test(e.name) ? [path] : [];
  });
}

describe('page URLs come from format/routes.ts', () => {
  it('no customer-side source outside it writes a page URL literal', () => {
    const offenders = sources(MINIPROGRAM)
      .map((path) => relative(ROOT, path))
      .filter((file) => file !== ROUTES && !file.startsWith(`${OWN_LIST}/`))
      .flatMap((file) =>
        readFileSync(join(ROOT, file), 'utf8')
          .split('\n')
          .flatMap((line, i) => (PAGE_LITERAL.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
      );
    expect(offenders).toEqual([]);
  });

  it('the scan sees the literals it is looking for (it would catch one)', () => {
    expect(PAGE_LITERAL.test(readFileSync(join(ROOT, ROUTES), 'utf8'))).toBe(true);
    expect(PAGE_LITERAL.test("Taro.switchTab({ url: '/pages/member/index' })")).toBe(true);
    expect(PAGE_LITERAL.test('navigateTo({ url: `/packages/orders/detail/index?orderId=${id}` })')).toBe(true);
    expect(PAGE_LITERAL.test("{ pagePath: 'pages/index/index' }")).toBe(false);
  });

  it('builds the URLs pages navigate to', () => {
    expect(TAB_URLS).toContain(HOME_URL);
    expect(checkoutUrl('p 1')).toBe('/pages/checkout/index?productId=p%201');
    expect(orderDetailUrl('ord_1')).toBe('/packages/orders/detail/index?orderId=ord_1');
  });
});
