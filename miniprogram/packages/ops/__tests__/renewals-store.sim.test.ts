import type { Envelope } from '@shared/errors/envelope';
import type { RenewalsInput, RenewalsView, ReportService } from '../../../services/report';
import { FOLLOWUP_EXPIRING_URL, FOLLOWUP_LAPSED_URL, RenewalsStore } from '../stores/renewals-store';

/**
 * The 续费 store against a scripted ReportService (the service layer is what is faked): the default
 * asks for no period (the server's this month and the next), the other chips ask for the days
 * ending today in Shanghai; rows filter by outcome; FORBIDDEN turns the page away; an answer for a
 * period the operator already left is dropped; the follow-up buttons go to the follow-up page.
 */
const NOW = Date.UTC(2026, 4, 20, 2, 0); // 2026-05-20 10:00 in Shanghai
const ok = <T>(data: T): Envelope<T> => ({ ok: true, data });
const NO_DISPLAY = { nickname: null, avatarUrl: null };

const viewOf = (p: RenewalsInput): RenewalsView => ({
  from: p.from ?? '2026-05-01',
  to: p.to ?? '2026-06-30',
  asOf: NOW,
  rows: [
    { openid: 'o_a', orderId: 'ord_a', planName: '年度会员', joinedAt: NOW - 400 * 86_400_000, startsAt: 0, expiresAt: NOW - 35 * 86_400_000, outcome: 'lapsed', savedFen: 0, feeFen: 100_000, bucket: 'lt25', customer: NO_DISPLAY },
    { openid: 'o_b', orderId: 'ord_b', planName: '年度会员', joinedAt: NOW - 380 * 86_400_000, startsAt: 0, expiresAt: NOW - 5 * 86_400_000, outcome: 'renewed-before', renewedAt: NOW - 5 * 86_400_000, savedFen: 120_000, feeFen: 100_000, bucket: 'gte100', customer: NO_DISPLAY },
    { openid: 'o_c', orderId: 'ord_c', planName: '年度会员', joinedAt: NOW - 360 * 86_400_000, startsAt: 0, expiresAt: NOW + 5 * 86_400_000, outcome: 'open', savedFen: 30_000, feeFen: 100_000, bucket: '25to50', customer: NO_DISPLAY },
  ],
  totals: { 'renewed-before': 1, 'renewed-after': 0, lapsed: 1, open: 1, all: 3 },
  renewed: 1,
  decided: 2,
  ratePercent: 50,
  cohorts: [],
  distribution: [],
  more: false,
});

class ScriptedRenewals implements Pick<ReportService, 'renewals'> {
  calls: RenewalsInput[] = [];
  gates: Array<() => void> = [];
  gate = false;
  fail: Envelope<never> | undefined;
  async renewals(p: RenewalsInput) {
    this.calls.push(p);
    if (this.gate) await new Promise<void>((r) => this.gates.push(r));
    return this.fail ?? ok(viewOf(p));
  }
}
const storeOf = (service: ScriptedRenewals) => new RenewalsStore(service as unknown as ReportService, () => NOW);

test('the default asks for no period (this month and the next); 近 90 天 asks for the days ending today', async () => {
  const service = new ScriptedRenewals();
  const store = storeOf(service);
  expect(store.period).toEqual({ from: '2026-05-01', to: '2026-06-30' });
  await store.load();
  expect(service.calls).toEqual([{}]);
  expect(store.counts).toEqual({ 'renewed-before': 1, 'renewed-after': 0, lapsed: 1, open: 1 });
  store.setPeriod('past90');
  await new Promise((r) => setTimeout(r, 0));
  expect(service.calls[1]).toEqual({ from: '2026-02-20', to: '2026-05-20' });
  expect(store.period).toEqual({ from: '2026-02-20', to: '2026-05-20' });
});

test('rows filter by outcome', async () => {
  const store = storeOf(new ScriptedRenewals());
  await store.load();
  expect(store.rows.map((r) => r.openid)).toEqual(['o_a', 'o_b', 'o_c']);
  store.setFilter('lapsed');
  expect(store.rows.map((r) => r.openid)).toEqual(['o_a']);
  store.setFilter('renewed-after');
  expect(store.rows).toEqual([]);
});

test('FORBIDDEN turns the page away; another failure is shown in words', async () => {
  const service = new ScriptedRenewals();
  service.fail = { ok: false, error: { code: 'FORBIDDEN', message: '仅限店铺运营人员操作。' } };
  const store = storeOf(service);
  await store.load();
  expect(store.forbidden).toBe(true);
  service.fail = { ok: false, error: { code: 'INVALID_INPUT', message: '一次最多查看 366 天，请缩短时间段。' } };
  await store.load();
  expect(store.forbidden).toBe(false);
  expect(store.error).toContain('一次最多查看 366 天');
});

test('an answer for a period the operator already left is dropped', async () => {
  const service = new ScriptedRenewals();
  const store = storeOf(service);
  service.gate = true;
  const first = store.load();
  store.setPeriod('past365');
  await new Promise((r) => setTimeout(r, 0));
  expect(service.gates).toHaveLength(2);
  service.gates[1]();
  await new Promise((r) => setTimeout(r, 0));
  service.gates[0]();
  await first;
  expect(store.view?.from).toBe('2025-05-21');
  store.reset();
  expect(store.view).toBeUndefined();
  expect(store.periodKey).toBe('upcoming');
});

test('the follow-up buttons open the follow-up page for the expiring and the lapsed members', () => {
  expect(FOLLOWUP_EXPIRING_URL).toBe('/packages/ops/followup-new/index?goal=renewal&segment=member%3Aexpiring');
  expect(FOLLOWUP_LAPSED_URL).toBe('/packages/ops/followup-new/index?goal=renewal&segment=member%3Alapsed');
});
