import { makeAutoObservable, runInAction } from 'mobx';
import { userMessage } from '@shared/errors/messages';
import type { CsvFileService, SavedCsv } from '../../../services/csv-file';
import type { DeletionBlocker, DeletionResult, PrivacyService, PrivacySummary } from '../../../services/privacy';
import type { IntentIds } from '../../../services/request-id';
import { Loader } from '../../../stores/loader';
import { failure, info, success, type Notice } from '../../../stores/notice';
import { EXPORT_FOOTER, exportEntries, exportFileName, exportHeader } from '../export-json';

const DELETE_INTENT = 'privacy-delete';
/** Calls per deletion before the page stops and asks to try again (each call works a few seconds). */
const MAX_DELETE_CALLS = 60;

/**
 * 隐私与数据 (PIPL, issue 7): what we hold about the customer (summary), exporting it as one JSON
 * file, and deleting the account. The deletion keeps one request id until the server answers for
 * good, and keeps calling while the server reports it still running; a refusal lists what to do
 * first (refund the balance in 钱包, finish orders…).
 */
export class PrivacyStore {
  summary: PrivacySummary | undefined = undefined;
  loading = false;
  loaded = false;
  error: string | undefined = undefined;
  /** The outcome of the last deletion attempt (shown in the 注销账号 card). */
  notice: Notice | undefined = undefined;

  exporting = false;
  /** The outcome of the last export (shown in the 导出 card, where the button was tapped). */
  exportNotice: Notice | undefined = undefined;
  exportedCount = 0;
  /** The finished export on the phone (WeChat: offered 发送到聊天). */
  saved: SavedCsv | undefined = undefined;

  confirmingDelete = false;
  deleting = false;
  /** Why the last attempt was refused (what to do first). */
  refusal: DeletionBlocker[] = [];
  deleted: DeletionResult | undefined = undefined;
  private readonly loader = new Loader(this);

  constructor(
    private readonly service: PrivacyService,
    private readonly files: CsvFileService,
    private readonly intents: IntentIds,
    private readonly forgetCustomer: () => void,
    private readonly now: () => number = Date.now,
  ) {
    makeAutoObservable<PrivacyStore, 'service' | 'files' | 'intents' | 'forgetCustomer' | 'now' | 'loader'>(this, { service: false, files: false, intents: false, forgetCustomer: false, now: false, loader: false });
  }

  get canShare(): boolean {
    return this.files.canShare && this.saved?.where === 'device';
  }

  /** What stands in the way now: the last refusal's reasons, else what the summary found. */
  get blockers(): DeletionBlocker[] {
    return this.refusal.length ? this.refusal : (this.summary?.blockers ?? []);
  }

  async load(): Promise<void> {
    const applied = await this.loader.load(
      () => this.service.summary(),
      (summary) => {
        this.summary = summary;
        this.refusal = [];
      },
    );
    // A deletion left running (the page was closed meanwhile) is carried on, not forgotten.
    if (applied && this.summary?.deletionRunning && !this.deleting) await this.runDeletion();
  }

  /** 导出我的数据: every page into one JSON file (H5 download / a file on the phone). */
  async exportData(): Promise<void> {
    if (this.exporting) return;
    this.exporting = true;
    this.exportedCount = 0;
    this.saved = undefined;
    this.exportNotice = info('正在导出，请稍候…');
    const writer = this.files.create(exportFileName(this.now()), 'application/json;charset=utf-8');
    try {
      let cursor: string | undefined;
      for (let first = true; ; first = false) {
        const reply = await this.service.exportPage(cursor);
        if (!reply.ok) {
          await writer.discard();
          runInAction(() => (this.exportNotice = failure(`导出失败：${userMessage(reply.error.code, reply.error.message)}`)));
          return;
        }
        if (first) await writer.append(exportHeader(reply.data));
        await writer.append(exportEntries(reply.data.documents, this.exportedCount));
        runInAction(() => (this.exportedCount += reply.data.documents.length));
        if (!reply.data.nextCursor) break;
        cursor = reply.data.nextCursor;
      }
      await writer.append(EXPORT_FOOTER);
      const saved = await writer.finish();
      runInAction(() => {
        this.saved = saved;
        this.exportNotice = success(saved.where === 'download' ? `已导出 ${this.exportedCount} 条记录，文件 ${saved.fileName} 已开始下载。` : `已导出 ${this.exportedCount} 条记录，文件已保存在手机上，点「发送到聊天」即可转存到电脑。`);
      });
    } catch {
      await writer.discard().catch(() => undefined);
      runInAction(() => (this.exportNotice = failure('导出失败：文件没能保存，请检查手机存储空间后重试。')));
    } finally {
      runInAction(() => (this.exporting = false));
    }
  }

  async share(): Promise<void> {
    if (!this.saved) return;
    const r = await this.files.share(this.saved);
    if (!r.ok) runInAction(() => (this.exportNotice = failure(r.message)));
  }

  askDelete(): void {
    this.notice = undefined;
    this.confirmingDelete = true;
  }

  cancelDelete(): void {
    if (!this.deleting) this.confirmingDelete = false;
  }

  async confirmDelete(): Promise<void> {
    if (this.deleting) return;
    await this.runDeletion();
  }

  dismissNotice(): void {
    this.notice = undefined;
  }

  dismissExportNotice(): void {
    this.exportNotice = undefined;
  }

  /** The page closed: "账号已注销" was said; opened again, the page shows the (new) customer's data. */
  leave(): void {
    this.deleted = undefined;
    this.notice = undefined;
    this.exportNotice = undefined;
  }

  /** Account switch: nothing of this page belongs to the next person. */
  reset(): void {
    this.loader.reset();
    this.summary = undefined;
    this.notice = undefined;
    this.exportNotice = undefined;
    this.exportedCount = 0;
    this.saved = undefined;
    this.confirmingDelete = false;
    this.refusal = [];
    this.deleted = undefined;
  }

  private async runDeletion(): Promise<void> {
    this.deleting = true;
    this.refusal = [];
    const requestId = this.intents.idFor(DELETE_INTENT, 'privacy');
    try {
      for (let i = 0; i < MAX_DELETE_CALLS; i++) {
        const reply = await this.service.deleteAccount(requestId);
        if (!reply.ok) {
          this.intents.settleUnlessUnknown(DELETE_INTENT, reply);
          const details = reply.error.details as { blockers?: DeletionBlocker[]; state?: string } | undefined;
          const blockers = details?.blockers ?? [];
          // A deletion already under way that money or goods arriving since have paused (issue 15 #1).
          const paused = details?.state === 'blocked';
          runInAction(() => {
            this.confirmingDelete = false;
            this.refusal = blockers;
            this.notice = failure(
              blockers.length ? (paused ? '注销已暂停：注销开始后又有款项或订单需要处理。请先处理下面列出的事项，处理完成后注销会自动继续。' : '暂时不能注销账号，请先处理下面列出的事项。') : userMessage(reply.error.code, reply.error.message),
            );
          });
          return;
        }
        if (reply.data.state === 'done') {
          this.intents.settle(DELETE_INTENT);
          // Everything the app shows about the customer goes (this page's state too), then the result.
          this.forgetCustomer();
          runInAction(() => {
            this.deleted = reply.data;
            this.confirmingDelete = false;
          });
          return;
        }
      }
      runInAction(() => (this.notice = failure('注销仍在进行中，请稍后回到本页，我们会继续完成。')));
    } finally {
      runInAction(() => (this.deleting = false));
    }
  }
}
