import type { Envelope } from '@shared/errors/envelope';
import type { ConversionView, LiabilityView, OverviewView, ReportPeriod, ReportService, SegmentHistoryView } from '../../../services/report';
import { ReportsStore } from '../stores/report-store';

/**
 * The 经营报表 store against a scripted ReportService (the service layer is what is faked): the
 * period is the last N Shanghai days, sections fail separately, FORBIDDEN turns the page away,
 * and an answer for a period the operator already left is dropped.
 */
const NOW = Date.UTC(2026, 4, 20, 2, 0); // 2026-05-20 10:00 in Shanghai
const fresh = { asOf: NOW, catchingUp: false };
const overviewOf = (p: ReportPeriod, gmvFen: number) => ({ ...fresh, ...p, totals: { gmvFen, profitFen: gmvFen / 2 }, days: [] }) as unknown as OverviewView;
const ok = <T>(data: T): Envelope<T> => ({ ok: true, data });

class ScriptedReports implements ReportService {
  calls: string[] = [];
  gates: Array<() => void> = [];
  gate = false;
  fail: Partial<Record<keyof ReportService, Envelope<never>>> = {};
  private async answer<T>(name: keyof ReportService, data: T): Promise<Envelope<T>> {
    if (this.gate) await new Promise<void>((r) => this.gates.push(r));
    return (this.fail[name] as Envelope<T> | undefined) ?? ok(data);
  }
  overview(p: ReportPeriod) {
    this.calls.push(`overview ${p.from}..${p.to}`);
    return this.answer('overview', overviewOf(p, p.from === '2026-05-14' ? 7_000 : 30_000));
  }
  liability(p: ReportPeriod) {
    return this.answer('liability', { ...fresh, ...p, now: { principalFen: 1, bonusFen: 2, totalFen: 3 }, days: [] } as LiabilityView);
  }
  conversion() {
    return this.answer('conversion', { ...fresh, scanned: 0, complete: true } as unknown as ConversionView);
  }
  segmentHistory(p: ReportPeriod) {
    return this.answer('segmentHistory', { ...p, days: [], current: { day: p.to, at: NOW, counts: {} } } as SegmentHistoryView);
  }
  renewals(): Promise<Envelope<never>> {
    throw new Error('the reports page does not read renewals');
  }
}

test('30 days ending today in Shanghai by default; 近 7 天 asks for the last 7', async () => {
  const service = new ScriptedReports();
  const store = new ReportsStore(service, () => NOW);
  expect(store.period).toEqual({ from: '2026-04-21', to: '2026-05-20' });
  await store.load();
  expect(store.overview?.totals.gmvFen).toBe(30_000);
  expect(store.liability?.now.totalFen).toBe(3);
  expect(store.forbidden).toBe(false);
  store.setDays(7);
  await new Promise((r) => setTimeout(r, 0));
  expect(service.calls).toEqual(['overview 2026-04-21..2026-05-20', 'overview 2026-05-14..2026-05-20']);
  expect(store.overview?.totals.gmvFen).toBe(7_000);
});

test('an answer for a period the operator already left is dropped', async () => {
  const service = new ScriptedReports();
  const store = new ReportsStore(service, () => NOW);
  service.gate = true;
  const first = store.load(); // 30 days, held
  store.setDays(7); // the operator switched before it came back
  await new Promise((r) => setTimeout(r, 0));
  expect(service.gates).toHaveLength(8);
  // The 7-day answers arrive first, then the stale 30-day ones.
  service.gates.slice(4).forEach((g) => g());
  await new Promise((r) => setTimeout(r, 0));
  expect(store.overview?.totals.gmvFen).toBe(7_000);
  service.gates.slice(0, 4).forEach((g) => g());
  await first;
  expect(store.overview?.totals.gmvFen).toBe(7_000);
  expect(store.loading).toBe(false);
});

test('sections fail on their own with a Chinese message; FORBIDDEN turns the page away', async () => {
  const service = new ScriptedReports();
  const store = new ReportsStore(service, () => NOW);
  service.fail.conversion = { ok: false, error: { code: 'INTERNAL', message: '系统繁忙，请稍后重试。' } };
  await store.load();
  expect(store.errors).toEqual({ conversion: '系统繁忙，请稍后重试。' });
  expect(store.overview).toBeDefined();
  expect(store.forbidden).toBe(false);

  const denied = new ScriptedReports();
  for (const k of ['overview', 'liability', 'conversion', 'segmentHistory'] as const) denied.fail[k] = { ok: false, error: { code: 'FORBIDDEN', message: '仅限店铺运营人员操作。' } };
  const other = new ReportsStore(denied, () => NOW);
  await other.load();
  expect(other.forbidden).toBe(true);
  expect(other.loaded).toBe(false);
  other.reset();
  expect(other.forbidden).toBe(false);
});
