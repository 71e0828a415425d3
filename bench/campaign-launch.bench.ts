import { performance } from 'node:perf_hooks';
import { startTestStore } from '../local/testing/store-harness';
import { firstThreePurchaseTemplate } from '../shared/promotions/campaign';
import { newProfile } from '../shared/segments/profile';
import { grantIdOf } from '../cloudfunctions/_campaigns/docs';
import { runStandalone, type BenchFigure } from './emulator.bench';

/**
 * A campaign launch driven by the timer alone (issue 18): N customers (default 20,000; every one
 * in the audience, subscribed, so each is a real send: cap check, grant, message, delivery,
 * counters), the 首三单复购 campaign with a 10 % holdout, and nobody keeping the 发布 page open —
 * only `campaign` timer runs, one per (simulated) minute. Figures: timer runs until the launch
 * finished (goal ≤ 15), deliveries per second while it ran, and the holdout / sends as written.
 */
export async function benchCampaignLaunch(customers: number): Promise<BenchFigure[]> {
  const s = await startTestStore();
  try {
    const db = s.db();
    const now = Date.now();
    const editor = (await s.call('op_admin', 'settings', { action: 'editor' })).data;
    const templateId = editor.settings.messageTemplates.promotion.templateId as string;
    // The audience: customers with one purchase (the campaign's first clause), each subscribed once.
    for (let i = 0; i < customers; i += 1_000) {
      const profiles = [];
      const grants = [];
      for (let k = i; k < Math.min(customers, i + 1_000); k++) {
        const openid = `bl_${String(k).padStart(6, '0')}`;
        profiles.push({ ...newProfile(openid, now), purchasesPaid: 1, purchases: 1, lastPurchaseAt: now - 86_400_000, segments: ['purchases:1', 'layer:paying', 'life:active'], segmentsAt: now, version: 1 });
        grants.push({ _id: grantIdOf(openid, 'promotion'), openid, kind: 'promotion', templateId, remaining: 1, accepted: 1, consumed: 0, rejected: 0, updatedAt: now, version: 1 });
      }
      await db.collection('profiles').add(profiles);
      await db.collection('subscription_grants').add(grants);
    }
    const created = await s.call('op_admin', 'campaign', { action: 'create', campaign: { ...firstThreePurchaseTemplate(now - 1_000), holdoutPercent: 10 }, requestId: s.rid('bcmp') });
    if (!created.ok) throw new Error(`campaign refused: ${created.error?.message}`);
    const id = created.data._id as string;
    // 发布 starts it (one request, as the page does); from then on only the timer.
    const wire = () => Object.values(s.server.emulator.wireCalls()).reduce((a, b) => a + b, 0);
    const callsBefore = wire();
    const launched = await s.call('op_admin', 'campaign', { action: 'launch', campaignId: id, requestId: s.rid('blch') });
    if (!launched.ok) throw new Error(`launch refused: ${launched.error?.message}`);
    let runs = 0;
    const t0 = performance.now();
    let status = launched.data.status as string;
    for (let offset = 60_000; status === 'launching' && runs < 200; offset += 60_000) {
      await s.clock(offset);
      await s.trigger('campaign');
      runs++;
      status = (await s.call('op_admin', 'campaign', { action: 'get', campaignId: id })).data.status;
    }
    const seconds = (performance.now() - t0) / 1000;
    const calls = wire() - callsBefore;
    const report = (await s.call('op_admin', 'campaign', { action: 'report', campaignId: id })).data;
    const c = report.counts as { audience: number; holdout: number; sent: number };
    return [
      { name: 'launch.customers', value: customers, unit: 'customers' },
      { name: 'launch.timer_runs_to_finish', value: status === 'launching' ? -1 : runs, unit: 'runs of the every-minute timer (goal ≤ 15; -1 = not finished in 200)' },
      { name: 'launch.deliveries_per_s', value: +(c.audience / seconds).toFixed(1), unit: 'customers/s while the timer ran' },
      { name: 'launch.db_calls_per_customer', value: +(calls / customers).toFixed(1), unit: 'calls (timer runs, reads of the status between them included)' },
      { name: 'launch.audience_reached', value: c.audience, unit: 'customers' },
      { name: 'launch.holdout', value: c.holdout, unit: 'customers (10 % asked)' },
      { name: 'launch.sent', value: c.sent, unit: 'messages' },
    ];
  } finally {
    await s.clock(0);
    await s.close();
  }
}

if (require.main === module) runStandalone(() => benchCampaignLaunch(Number(process.env.BENCH_LAUNCH_CUSTOMERS) || 20_000));
