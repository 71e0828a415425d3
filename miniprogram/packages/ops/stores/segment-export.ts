import { makeAutoObservable, runInAction } from 'mobx';
import { userMessage } from '@shared/errors/messages';
import { dateTime } from '../../../format/date';
import type { CsvFileService, SavedCsv } from '../../../services/csv-file';
import type { SegmentService } from '../../../services/segment';
import { failure, success, type Notice } from '../../../stores/notice';

export type ExportState = 'idle' | 'running' | 'done' | 'cancelled' | 'failed';

/** "segment_purchases-2_20260520-1003.csv": ASCII only (every file system and chat app takes it). */
export function exportFileName(key: string, now: number): string {
  const stamp = dateTime(now).replace(/-/g, '').replace(' ', '-').replace(':', '');
  return `segment_${key.replace(/[^A-Za-z0-9_-]+/g, '-')}_${stamp}.csv`;
}

/**
 * 导出 CSV: pages of `segment.export` (the server's rows, in list order) written to the file as
 * they arrive, with the progress "已导出 n / total 行". 取消 stops after the page in flight and
 * leaves no file behind. A failed page ends the export with the reason; starting again starts
 * over (a CSV is cheap to make, a half file is worse than none).
 */
export class CsvExportStore {
  state: ExportState = 'idle';
  key: string | undefined = undefined;
  rows = 0;
  total: number | undefined = undefined;
  saved: SavedCsv | undefined = undefined;
  notice: Notice | undefined = undefined;
  sharing = false;
  private run = 0;

  constructor(
    private readonly service: SegmentService,
    private readonly files: CsvFileService,
    /** Rows per page; undefined = the server's default (500). */
    private readonly pageRows?: number,
    private readonly clock: () => number = Date.now,
  ) {
    makeAutoObservable<CsvExportStore, 'service' | 'files' | 'pageRows' | 'clock' | 'run'>(this, { service: false, files: false, pageRows: false, clock: false, run: false });
  }

  get running(): boolean {
    return this.state === 'running';
  }

  /** "已导出 40 / 120 行" (the total is known after the first page). */
  get progressText(): string {
    return this.total === undefined ? `已导出 ${this.rows} 行` : `已导出 ${this.rows} / ${Math.max(this.total, this.rows)} 行`;
  }

  get canShare(): boolean {
    return this.state === 'done' && this.saved?.where === 'device' && this.files.canShare;
  }

  async start(key: string): Promise<void> {
    if (this.running) return;
    const run = ++this.run;
    Object.assign(this, { state: 'running', key, rows: 0, total: undefined, saved: undefined, notice: undefined });
    const file = this.files.create(exportFileName(key, this.clock()));
    const stop = async (notice?: Notice) => {
      await file.discard();
      if (run === this.run && notice) runInAction(() => Object.assign(this, { state: 'failed', notice }));
    };
    try {
      let cursor: string | undefined;
      for (;;) {
        const reply = await this.service.exportPage(key, cursor, this.pageRows);
        if (run !== this.run) return stop();
        if (!reply.ok) return stop(failure(`导出失败：${userMessage(reply.error.code, reply.error.message)}`));
        await file.append(reply.data.csv);
        if (run !== this.run) return stop();
        const page = reply.data;
        runInAction(() => {
          this.rows += page.rows;
          if (page.total !== undefined) this.total = page.total;
        });
        if (page.done || !page.nextCursor) break;
        cursor = page.nextCursor;
      }
      const saved = await file.finish();
      if (run !== this.run) return;
      runInAction(() => Object.assign(this, { state: 'done', saved, notice: success(this.doneText(saved)) }));
    } catch {
      await stop(failure('导出失败：文件没有写成功（手机存储空间可能不足），请清理后重试。'));
    }
  }

  /** 取消: the page in flight is dropped, the partial file deleted. */
  cancel(): void {
    if (!this.running) return;
    this.run++;
    this.state = 'cancelled';
    this.notice = failure(`已取消导出（已读取 ${this.rows} 行，未生成文件）。`);
  }

  /** 发送到聊天 (WeChat): the way to get the file from the phone to a computer. */
  async share(): Promise<void> {
    if (!this.saved || this.sharing) return;
    this.sharing = true;
    const r = await this.files.share(this.saved);
    runInAction(() => {
      this.sharing = false;
      if (!r.ok) this.notice = failure(r.message);
    });
  }

  private doneText(saved: SavedCsv): string {
    const what = `已导出 ${this.rows} 行`;
    return saved.where === 'download'
      ? `${what}，文件 ${saved.fileName} 已下载（可用 Excel / WPS 打开）。`
      : `${what}，文件 ${saved.fileName} 已保存在本机，点「发送到聊天」可发到电脑上打开。`;
  }

  dismissNotice(): void {
    this.notice = undefined;
  }

  reset(): void {
    this.run++;
    Object.assign(this, { state: 'idle', key: undefined, rows: 0, total: undefined, saved: undefined, notice: undefined, sharing: false });
  }
}
