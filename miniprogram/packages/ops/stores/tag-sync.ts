import { makeAutoObservable, runInAction } from 'mobx';
import { userMessage } from '@shared/errors/messages';
import type { IntentIds } from '../../../services/request-id';
import type { SegmentService, SyncJobView } from '../../../services/segment';
import { failure, info, success, type Notice } from '../../../stores/notice';

/** What the server accepts as a WeCom tag id (企业微信「客户标签」的 tag_id). */
export const TAG_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** When another call holds the job (a second tap, another operator), wait this long before asking again. */
const BUSY_WAIT_MS = 1_500;

/**
 * 同步到企业微信标签: `segment.syncTags` again and again while the job says `more` (each call
 * works a few seconds on the server). The request id belongs to (segment, tag): 停止 and a later
 * 继续同步 — or a retry after a lost reply — continue the same job instead of tagging everyone
 * again; a finished job settles it, so the next sync of that segment is a new one.
 */
export class TagSyncStore {
  key: string | undefined = undefined;
  tagId = '';
  inputError: string | undefined = undefined;
  /** The form is folded until the operator asks for it. */
  formOpen = false;
  running = false;
  job: SyncJobView | undefined = undefined;
  notice: Notice | undefined = undefined;
  private run = 0;

  constructor(
    private readonly service: SegmentService,
    private readonly intents: IntentIds,
    private readonly wait: (ms: number) => Promise<void> = sleep,
  ) {
    makeAutoObservable<TagSyncStore, 'service' | 'intents' | 'wait' | 'run'>(this, { service: false, intents: false, wait: false, run: false });
  }

  /** "已处理 30 / 120 人" */
  get progressText(): string {
    const j = this.job;
    return j ? `已处理 ${j.processed} / ${Math.max(j.total, j.processed)} 人` : '';
  }

  /** The segment the form is for (a different one starts a fresh form). */
  open(key: string): void {
    if (key === this.key) return;
    this.stop();
    Object.assign(this, { key, tagId: '', inputError: undefined, job: undefined, notice: undefined, formOpen: false });
  }

  showForm(): void {
    this.formOpen = true;
  }

  /** 收起 (not while sending: the progress stays in view until it is stopped or done). */
  hideForm(): void {
    if (!this.running) this.formOpen = false;
  }

  setTagId(v: string): void {
    this.tagId = v;
    this.inputError = undefined;
  }

  async start(): Promise<void> {
    const key = this.key;
    const tagId = this.tagId.trim();
    if (!key || this.running) return;
    if (!TAG_ID_PATTERN.test(tagId)) {
      this.inputError = tagId ? '标签 ID 只能包含字母、数字、- 或 _（在企业微信管理后台「客户标签」中查看）。' : '请填写企业微信客户标签的 ID。';
      return;
    }
    const run = ++this.run;
    const intent = `wecom-sync:${key}:${tagId}`;
    const requestId = this.intents.idFor(intent, 'wsync');
    this.running = true;
    this.notice = undefined;
    for (;;) {
      const reply = await this.service.syncTags(key, tagId, requestId);
      // Even after 停止 the answer is the job's real progress: show it.
      if (reply.ok) runInAction(() => (this.job = reply.data));
      if (run !== this.run) return;
      if (!reply.ok) return this.refused(intent, reply.error);
      const job = reply.data;
      if (!job.more) return this.finished(intent, job);
      if (job.busy) await this.wait(BUSY_WAIT_MS);
      if (run !== this.run) return;
    }
  }

  /** 停止: no further calls; the job keeps its place and 继续同步 goes on from there. */
  stop(): void {
    if (!this.running) return;
    this.run++;
    this.running = false;
    this.notice = info('已停止。点「继续同步」从停下的地方接着同步，已打过标签的顾客不会重复打。');
  }

  private finished(intent: string, job: SyncJobView): void {
    this.intents.settle(intent);
    const local = job.mode === 'local-recorder' ? '本地模式：没有真正发送，可在「企业微信同步记录」查看将发送的请求。' : '';
    const skipped = job.skipped ? `，跳过 ${job.skipped} 人（不是企业微信联系人）` : '';
    const failed = job.failed ? `，失败 ${job.failed} 人（原因见同步记录）` : '';
    const text = `已同步到标签 ${job.tagId}：打上标签 ${job.tagged} 人${skipped}${failed}。${local}`;
    this.running = false;
    this.notice = job.failed ? failure(text) : success(text);
  }

  private refused(intent: string, error: { code: string; message: string }): void {
    // Unknown outcome (network, server fault): keep the request id, so 继续同步 resumes the same job.
    this.intents.settleUnlessUnknown(intent, { ok: false, error });
    const message = userMessage(error.code, error.message);
    this.running = false;
    this.notice = failure(error.code === 'INTERNAL' ? `${message} 点「继续同步」会接着上次的进度。` : message);
  }

  dismissNotice(): void {
    this.notice = undefined;
  }

  reset(): void {
    this.run++;
    Object.assign(this, { key: undefined, tagId: '', inputError: undefined, formOpen: false, running: false, job: undefined, notice: undefined });
  }
}
