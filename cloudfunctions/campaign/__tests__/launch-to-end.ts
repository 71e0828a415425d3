import type { TestStore } from '../../../local/testing/store-harness';

/** Calls `campaign.launch` as the operator until the launch is no longer 发送中; answers the last view. */
export async function launchToEnd(s: TestStore, campaignId: string, operator = 'op_admin') {
  for (let i = 0; i < 50; i++) {
    const r = await s.call(operator, 'campaign', { action: 'launch', campaignId, requestId: s.rid('launch') });
    expect(r.error).toBeUndefined();
    if (r.data.status !== 'launching') return r.data;
  }
  throw new Error('launch did not finish');
}
