import { makeAutoObservable, runInAction } from 'mobx';
import { userMessage } from '@shared/errors/messages';
import { formatYuan } from '@shared/money/format';
import type { OpsRefundsTab, OpsRefundView, OpsService } from '../../../services/ops';
import type { IntentIds } from '../../../services/request-id';
import { failure, success, type Notice } from '../../../stores/notice';
import { PagedList } from '../../../stores/paged-list';

export const REFUND_TABS: Array<{ tab: OpsRefundsTab; label: string; empty: (hours: number | undefined) => string }> = [
  { tab: 'failed', label: '失败', empty: () => '没有失败的退款。' },
  { tab: 'stuck', label: '处理中过久', empty: (h) => `没有${h ? `超过 ${h} 小时` : '长时间'}仍未完成的退款。` },
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
export class RefundsStore {
  tab: OpsRefundsTab = 'failed';
  readonly list: PagedList<OpsRefundView>;
  /** settings.refundStuckHours as the server applied it (shown in the intro). */
  stuckHours: number | undefined = undefined;
  busyId: string | undefined = undefined;
  notice: Notice | undefined = undefined;

  constructor(
    private readonly service: OpsService,
    private readonly intents: IntentIds,
  ) {
    this.list = new PagedList(async (cursor) => {
      const r = await this.service.refunds(this.tab, cursor);
      if (!r.ok) return r;
      runInAction(() => (this.stuckHours = r.data.stuckHours));
      return { ok: true, data: { items: r.data.refunds, nextCursor: r.data.nextCursor } };
    }, (r) => r.refundId);
    makeAutoObservable<RefundsStore, 'service' | 'intents'>(this, { service: false, intents: false, list: false });
  }

  setTab(tab: OpsRefundsTab): void {
    if (tab === this.tab && (this.list.loaded || this.list.loading)) return;
    this.tab = tab;
    this.list.clear();
    this.notice = undefined;
    void this.list.load();
  }

  dismissNotice(): void {
    this.notice = undefined;
  }

  async retry(refundId: string): Promise<boolean> {
    const r = this.list.find(refundId);
    if (!r || this.busyId || !r.canRetry) return false;
    // One tap = one retry; a lost reply retried reuses the id, so WeChat is not asked twice.
    const intent = `retry-refund:${refundId}:${r.retries}`;
    this.busyId = refundId;
    this.notice = undefined;
    const reply = await this.service.retryRefund(refundId, this.intents.idFor(intent, 'rretry'));
    this.intents.settleUnlessUnknown(intent, reply);
    runInAction(() => {
      this.busyId = undefined;
      if (!reply.ok) {
        if (reply.error.code === 'FORBIDDEN') this.list.markForbidden();
        this.notice = failure(userMessage(reply.error.code, reply.error.message));
        return;
      }
      const next = reply.data;
      // It stays on its tab while it still belongs there (a failed one re-submitted waits afresh: not stuck yet).
      this.list.update(next, this.tab === 'failed' ? next.status === 'failed' : next.status === 'pending');
      this.notice = retryNotice(next);
    });
    if (!reply.ok && reply.error.code === 'NOT_FOUND') await this.list.load();
    return reply.ok && reply.data.status !== 'failed';
  }

  reset(): void {
    this.tab = 'failed';
    this.list.reset();
    this.stuckHours = undefined;
    this.busyId = undefined;
    this.notice = undefined;
  }
}
