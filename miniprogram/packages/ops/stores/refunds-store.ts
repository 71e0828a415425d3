import { makeObservable, observable, runInAction } from 'mobx';
import { formatYuan } from '@shared/money/format';
import type { OpsRefundsTab, OpsRefundView, OpsService, Shown } from '../../../services/ops';
import type { IntentIds } from '../../../services/request-id';
import { failure, success, type Notice } from '../../../stores/notice';
import { TabbedList, type ListTab } from './tabbed-list';
import { pageOf } from './page-of';

export const REFUND_TABS: Array<ListTab<OpsRefundsTab, (hours: number | undefined) => string>> = [
  { key: 'failed', label: '失败', empty: () => '没有失败的退款。' },
  { key: 'stuck', label: '处理中过久', empty: (h) => `没有${h ? `超过 ${h} 小时` : '长时间'}仍未完成的退款。` },
];

/** What a retry led to, in words an operator can act on. */
export function retryNotice(r: OpsRefundView): Notice {
  const amount = formatYuan(r.amountFen);
  if (r.status === 'succeeded') return success(`退款 ${r.refundId} 已完成：${amount} 已由微信原路退回。`);
  const change = r.parts.find((p) => p.state === 'failed' && p.resultStatus === 'CHANGE');
  if (change) return failure(`微信仍显示退款异常（${amount}）：请在微信支付商户平台「交易中心 → 退款」处理此笔退款，处理后这里会自动更新。`);
  const failed = r.parts.find((p) => p.state === 'failed');
  if (failed) return failure(`退款仍未成功：${failed.error ?? '微信未说明原因'}`);
  const refused = r.parts.find((p) => p.state === 'pending' && p.error);
  if (refused) return failure(`微信拒绝了退款申请（${refused.error}）。系统会自动重试，处理原因后也可再点「重试」。`);
  return success(`已用原退款单号重新提交给微信（${amount}），微信已受理，结果到达后自动更新。`);
}

/**
 * 运营后台 · 退款: WeChat refunds a person should look at — 失败 (退款异常 / 退款关闭) and 处理中过久
 * (not finished settings.refundStuckHours after they were asked for) — and 重试, which asks WeChat
 * again now (server: refund-lifecycle.ts retryRefund).
 */
export class RefundsStore extends TabbedList<Shown<OpsRefundView>, OpsRefundsTab> {
  /** settings.refundStuckHours as the server applied it (shown in the intro). */
  stuckHours: number | undefined = undefined;

  constructor(
    private readonly service: OpsService,
    intents: IntentIds,
  ) {
    super(
      'failed',
      async (tab, cursor) => {
        const r = await service.refunds(tab, cursor);
        if (r.ok) runInAction(() => (this.stuckHours = r.data.stuckHours));
        return pageOf(r, (d) => d.refunds, (d) => d.nextCursor);
      },
      (r) => r.refundId,
      intents,
    );
    makeObservable(this, { stuckHours: observable });
  }

  async retry(refundId: string): Promise<boolean> {
    const r = this.list.find(refundId);
    if (!r || this.busyId || !r.canRetry) return false;
    // One tap = one retry; a lost reply retried reuses the id, so WeChat is not asked twice.
    const reply = await this.act(refundId, `retry-refund:${refundId}:${r.retries}`, 'rretry', (requestId) => this.service.retryRefund(refundId, requestId));
    if (!reply.ok) {
      await this.refused(reply.error, ['NOT_FOUND']);
      return false;
    }
    const next = reply.data;
    runInAction(() => {
      // It stays on its tab while it still belongs there (a failed one re-submitted waits afresh: not stuck yet).
      this.list.update(next, this.tab === 'failed' ? next.status === 'failed' : next.status === 'pending');
      this.notice = retryNotice(next);
    });
    return next.status !== 'failed';
  }

  protected override forget(): void {
    this.stuckHours = undefined;
  }
}
