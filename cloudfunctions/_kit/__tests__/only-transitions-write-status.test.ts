import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CAMPAIGN_TRANSITIONS } from '../../../shared/promotions/campaign-transitions';
import { ORDER_STATES, PAYMENT_STATES, REFUND_STATES } from '../../../shared/orders/states';

/**
 * The transition functions (shared/orders/transitions.ts, shared/promotions/campaign-transitions.ts)
 * are the only writers of an order's, a refund's or a campaign's `status` and of a payment's
 * `state`: everything else spreads their patch. This scan of cloudfunctions/ fails on any
 * `status:` written with one of those states spelled out (`{ ...order, status: 'paid' }`,
 * `status: x ? 'refunded' : 'partially_refunded'`), and on any payment `state:` written by hand.
 * Not writes: query filters (`where({ status: 'created' })`), copies into views
 * (`status: o.status`), type declarations. Other documents' states (coupons, entitlements, trial
 * reservations, products, templates) use words of their own and are not matched.
 */
const ROOT = path.resolve(__dirname, '../..');
const AGGREGATE_STATES = new Set<string>([...ORDER_STATES, ...REFUND_STATES, ...Object.keys(CAMPAIGN_TRANSITIONS)]);
const PAYMENT_STATE_WORDS = new Set<string>(PAYMENT_STATES);

/**
 * Lines that spell an aggregate's state in a `status:` and are not a write of it. Keep short: each
 * entry says why it is not a status write.
 */
const ALLOWED: Array<{ file: string; line: RegExp; why: string }> = [
  { file: 'ops/refunds.ts', line: /pageNewestFirst<RefundDoc>\(ctx\.db, COLL\.refunds, \{ status: '(pending|failed)' \}/, why: "the operators' refund lists: a query filter passed to the paging helper" },
  { file: 'order/tabs.ts', line: /return \{ openid, status: 'created' \};/, why: "我的订单's 待付款 tab: the query condition tabWhere hands to the paging helper" },
  { file: 'ops/dashboard.ts', line: /where: \((ctx, stuckBefore)?\) => \(\{ status: '(pending|failed)'/, why: "the dashboard's 退款待处理 count: a query filter passed to count()" },
  { file: '_privacy/blockers.ts', line: /countMine\(db, COLL\.orders, openid, \{ status: 'created' \}\)/, why: "erasure blockers: counts the customer's unpaid orders (a query filter)" },
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return d.name === '__tests__' || d.name === 'node_modules' ? [] : sourceFiles(p);
    return d.name.endsWith('.ts') && !d.name.endsWith('.d.ts') ? [p] : [];
  });
}

const quoted = (s: string) => [...s.matchAll(/'([a-z_]+)'/g)].map((m) => m[1]);

/** The status writes of one file's text (`rel`: its path under cloudfunctions/), as `line: text`. */
function statusWritesIn(rel: string, source: string): string[] {
  const hits: string[] = [];
  source.split('\n').forEach((text, i) => {
    const trimmed = text.trim();
    if (trimmed.startsWith('//') || trimmed.startsWith('*') || trimmed.startsWith('/*')) return;
    if (/\.where\(/.test(text) || ALLOWED.some((a) => a.file === rel && a.line.test(text))) return; // a query filter
    const hit = () => hits.push(`${rel}:${i + 1}: ${trimmed}`);
    // The value of a `status:` up to the end of the property (a conditional's two branches included).
    for (const m of text.matchAll(/\bstatus\??:\s*([^,}\n]*)/g)) {
      if (/^(_|[\w.]*command)\./.test(m[1])) continue; // a query operator (`_.in([...])`): never a document's value
      if (quoted(m[1]).some((w) => AGGREGATE_STATES.has(w))) hit();
    }
    // A payment's state by hand: `payment: { ...p, state: ... }` or `{ ...order.payment, state: ... }`.
    const state = text.search(/\bstate\s*:/);
    if (state >= 0 && /(payment\s*:\s*\{|\.\.\.\s*[\w.]*\bpayment\b)/.test(text.slice(0, state)) && quoted(text.slice(state)).some((w) => PAYMENT_STATE_WORDS.has(w))) hit();
  });
  return hits;
}

const statusWrites = () => sourceFiles(ROOT).flatMap((f) => statusWritesIn(path.relative(ROOT, f).split(path.sep).join('/'), readFileSync(f, 'utf8')));

describe('only the transition functions write a status', () => {
  test('no code in cloudfunctions/ writes an order, refund or campaign status or a payment state itself', () => {
    expect(statusWrites()).toEqual([]);
  });

  test('the scan sees the writes it exists to stop (lines as they were before the transition functions)', () => {
    const before = [
      "    let paid: OrderDoc = { ...order, status: 'paid', payment, paidAt: now, updatedAt: now, version: order.version + 1 };",
      "    const payment = { ...order.payment, state: 'succeeded' as const, paidAt: now };",
      "  const closed: OrderDoc = { ...cur, status: 'cancelled', cancelledAt: now, ...(cur.payment ? { payment: { ...cur.payment, state: 'closed' as const } } : {}) };",
      "      status: refundedFen >= order.totalFen ? 'refunded' : 'partially_refunded',",
      "      next = { ...c, status: now > c.schedule.endAt ? 'ended' : (c.pausedFrom ?? 'launching') };",
      "  await db.collection(COLL.refunds).doc(id).update({ status: 'failed' });",
    ];
    expect(statusWritesIn('x.ts', before.join('\n'))).toHaveLength(before.length + 1); // close-unpaid's line writes both
    const notWrites = [
      "  const due = await ctx.db.collection(COLL.orders).where({ status: 'created', expiresAt: _.lte(now) }).get();",
      '    status: o.status,',
      "  countMine(db, COLL.refunds, openid, { status: _.in(['pending', 'failed']) }),",
      '  status: OrderState;',
      "      const claimed: EntitlementDoc = { ...ent, status: 'claimed', claimedAt: now, fulfilment: { state: 'pending' } };",
      '      // status: \'paid\' in a comment',
    ];
    expect(statusWritesIn('x.ts', notWrites.join('\n'))).toEqual([]);
  });

  test('the allow-list is still needed: every entry matches a line of its file', () => {
    for (const a of ALLOWED) {
      const lines = readFileSync(path.join(ROOT, a.file), 'utf8').split('\n');
      expect({ file: a.file, found: lines.some((l) => a.line.test(l)) }).toEqual({ file: a.file, found: true });
    }
  });
});
