import { makeAutoObservable, runInAction } from 'mobx';
import type { Envelope } from '@shared/errors/envelope';
import { userMessage } from '@shared/errors/messages';
import type { CampaignReportView, CampaignService, CampaignView } from '../../../services/campaign';
import type { IntentIds } from '../../../services/request-id';
import type { SegmentService } from '../../../services/segment';
import { failure, info, success, type Notice } from '../../../stores/notice';
import { Loadable } from '../../../stores/loadable';

type Change = 'launch' | 'pause' | 'resume' | 'remove';

/**
 * One campaign: its status, 发布 with progress (the server works a few seconds per `launch` call
 * and answers with how far it got; this store calls again while the status is `launching`, and
 * the server's timer continues if the page is closed), 暂停 / 继续, and the report.
 */
export class CampaignDetailStore {
  campaignId: string | undefined = undefined;
  /** campaign.get of `campaignId`; a newer answer never loses to an older one (a launch answer may arrive after a pause's). */
  readonly read: Loadable<CampaignView>;
  report: CampaignReportView | undefined = undefined;
  /** Rows the launch walks: the sizes of each clause's first segment list (progress denominator). */
  toWalk: number | undefined = undefined;
  reportError: string | undefined = undefined;
  busy: Change | undefined = undefined;
  /** The 发布 confirmation is open. */
  confirming = false;
  /** The 删除草稿 confirmation is open. */
  confirmingRemove = false;
  /** The launch loop is running in this page. */
  looping = false;
  notice: Notice | undefined = undefined;
  private stopped = false;

  constructor(
    private readonly service: CampaignService,
    private readonly segments: SegmentService,
    private readonly intents: IntentIds,
  ) {
    this.read = new Loadable(
      () => this.service.get(this.campaignId!),
      (next, current) => current._id !== next._id || next.version >= current.version,
    );
    makeAutoObservable<CampaignDetailStore, 'service' | 'segments' | 'intents' | 'stopped'>(this, { service: false, segments: false, intents: false, stopped: false, read: false });
  }

  get view(): CampaignView | undefined {
    return this.read.data;
  }

  /** The page opened (or came back): the campaign, its report; a launch in progress is followed. */
  async open(campaignId: string): Promise<void> {
    if (this.campaignId !== campaignId) {
      this.read.reset();
      this.report = undefined;
      this.notice = undefined;
      this.toWalk = undefined;
    }
    this.campaignId = campaignId;
    this.stopped = false;
    if (!(await this.read.load())) return;
    await Promise.all([this.loadReport(), this.loadToWalk()]);
    if (this.view?.status === 'launching') void this.follow();
  }

  /** The page is hidden: stop calling (the server's timer carries on with a launch). */
  leave(): void {
    this.stopped = true;
  }

  async loadReport(): Promise<void> {
    const id = this.campaignId;
    if (!id) return;
    const reply = await this.service.report(id);
    if (id !== this.campaignId) return;
    runInAction(() => {
      if (reply.ok) this.report = reply.data;
      this.reportError = reply.ok ? undefined : userMessage(reply.error.code, reply.error.message);
    });
  }

  private async loadToWalk(): Promise<void> {
    const v = this.view;
    if (!v || v.status === 'ended') return;
    const reply = await this.segments.counts();
    if (!reply.ok) return;
    const firstKeys = v.conditions[0].args.anyOf.map((clause) => clause[0]);
    runInAction(() => (this.toWalk = firstKeys.reduce((n, k) => n + (reply.data[k] ?? 0), 0)));
  }

  askLaunch(): void {
    this.confirming = true;
  }

  cancelLaunch(): void {
    this.confirming = false;
  }

  askRemove(): void {
    this.confirmingRemove = true;
  }

  cancelRemove(): void {
    this.confirmingRemove = false;
  }

  /** 确认删除 (drafts only): true when it is gone (the page goes back to the list). */
  async remove(): Promise<boolean> {
    this.confirmingRemove = false;
    const v = this.view;
    if (!v || this.busy) return false;
    const intent = `campaign-remove:${v._id}`;
    this.busy = 'remove';
    try {
      const reply = await this.service.remove(v._id, this.intents.idFor(intent, 'cmx'));
      this.intents.settleUnlessUnknown(intent, reply);
      if (!reply.ok) runInAction(() => (this.notice = failure(userMessage(reply.error.code, reply.error.message))));
      return reply.ok;
    } finally {
      runInAction(() => (this.busy = undefined));
    }
  }

  /** 确认发布: starts the launch and follows it to the end. */
  async launch(): Promise<void> {
    this.confirming = false;
    if (!this.view || this.busy) return;
    await this.follow();
  }

  /** Calls `launch` while the campaign is launching (one request id for the whole launch). */
  private async follow(): Promise<void> {
    const id = this.view?._id;
    if (!id || this.looping) return;
    const intent = `campaign-launch:${id}`;
    this.looping = true;
    this.busy = 'launch';
    this.notice = undefined;
    // A draft's report is all zeros: show 正在加载 rather than zeros that are about to change.
    if (this.view?.status === 'draft') this.report = undefined;
    try {
      for (;;) {
        const reply = await this.service.launch(id, this.intents.idFor(intent, 'cml'));
        if (!this.handled(reply, intent)) return;
        if (this.view?.status !== 'launching' || this.stopped) break;
      }
      await this.loadReport();
      if (this.view?.status === 'live' || this.view?.status === 'ended') {
        const s = this.view.stats;
        runInAction(() => (this.notice = success(`发布完成：目标 ${s.audience} 人，已发送 ${s.sent} 条消息，发券 ${s.couponsIssued} 张。`)));
      }
    } finally {
      runInAction(() => {
        this.looping = false;
        this.busy = undefined;
      });
    }
  }

  /** Takes a change's answer; false when it failed (the notice says what to do). */
  private handled(reply: Envelope<CampaignView>, intent: string): boolean {
    if (!reply.ok) {
      this.intents.settleUnlessUnknown(intent, reply);
      const text = userMessage(reply.error.code, reply.error.message);
      // Lost reply or a server fault mid-launch: the scheduler continues it; 继续发送 resumes following.
      runInAction(() => (this.notice = reply.error.code === 'INTERNAL' ? info(`${text.replace(/[。.]\s*$/, '')}。发送会在后台继续，可点「继续发送」查看进度。`) : failure(text)));
      return false;
    }
    if (reply.data.status !== 'launching') this.intents.settle(intent);
    runInAction(() => this.read.set(reply.data));
    return true;
  }

  async pause(): Promise<void> {
    await this.change('pause');
  }

  /** 继续: a paused launch continues where it stopped. */
  async resume(): Promise<void> {
    await this.change('resume');
    if (this.view?.status === 'launching') void this.follow();
  }

  private async change(what: 'pause' | 'resume'): Promise<void> {
    const v = this.view;
    if (!v || (this.busy && this.busy !== 'launch')) return;
    const intent = `campaign-${what}:${v._id}:${v.version}`;
    this.busy = what;
    try {
      const call = what === 'pause' ? this.service.pause : this.service.resume;
      const reply = await call(v._id, this.intents.idFor(intent, what === 'pause' ? 'cmp' : 'cmr'));
      this.intents.settleUnlessUnknown(intent, reply);
      if (!reply.ok) {
        runInAction(() => (this.notice = failure(userMessage(reply.error.code, reply.error.message))));
        return;
      }
      runInAction(() => {
        this.read.set(reply.data);
        this.notice = what === 'pause' ? info('已暂停：不再向新的顾客发送。已发出的券和消息不受影响，可随时继续。') : success('已继续。');
      });
    } finally {
      // A pause during a launch: the loop still runs until its next answer says 已暂停.
      runInAction(() => (this.busy = this.looping ? 'launch' : undefined));
    }
  }

  dismissNotice(): void {
    this.notice = undefined;
  }

  reset(): void {
    this.stopped = true;
    this.campaignId = undefined;
    this.read.reset();
    this.report = undefined;
    this.toWalk = undefined;
    this.reportError = undefined;
    this.busy = undefined;
    this.confirming = false;
    this.confirmingRemove = false;
    this.looping = false;
    this.notice = undefined;
  }
}
