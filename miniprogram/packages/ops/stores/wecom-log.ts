import { makeAutoObservable, runInAction } from 'mobx';
import type { SegmentService, SyncJobView, SyncLog, WecomCallView } from '../../../services/segment';
import { PagedList } from '../../../stores/paged-list';
import { pageOf } from './page-of';

/**
 * 企业微信同步记录: the tag sync jobs (newest first) and the externalcontact/mark_tag calls the
 * local recorder stored — exactly the bodies the corp API adapter would POST — all of them, or one
 * job's. With a real corp configured nothing is recorded (the calls went to WeCom).
 */
export class WecomLogStore {
  mode: SyncLog['mode'] | undefined = undefined;
  /** The job whose calls are shown (undefined = every call). */
  jobId: string | undefined = undefined;
  readonly jobs: PagedList<SyncJobView, number>;
  readonly calls: PagedList<WecomCallView, number>;

  constructor(private readonly service: SegmentService) {
    this.jobs = new PagedList<SyncJobView, number>(async (cursor) => {
      const r = await this.service.syncJobs(cursor);
      if (r.ok) runInAction(() => (this.mode = r.data.mode));
      return pageOf(r, (d) => d.jobs, (d) => d.nextCursor);
    }, (j) => j.jobId);
    this.calls = new PagedList<WecomCallView, number>(async (cursor) => {
      return pageOf(await this.service.wecomSyncLog(this.jobId, cursor), (d) => d.calls, (d) => d.nextCursor);
    }, (c) => c.callId);
    makeAutoObservable<WecomLogStore, 'service'>(this, { service: false, jobs: false, calls: false });
  }

  get forbidden(): boolean {
    return this.jobs.forbidden || this.calls.forbidden;
  }

  get job(): SyncJobView | undefined {
    return this.jobId ? this.jobs.find(this.jobId) : undefined;
  }

  /** Load both lists (the page's first show and 刷新). */
  load(jobId?: string): Promise<void> {
    this.jobId = jobId;
    this.calls.clear();
    return Promise.all([this.jobs.load(), this.calls.load()]).then(() => undefined);
  }

  /** Show one job's calls (or all again). */
  select(jobId: string | undefined): void {
    if (jobId === this.jobId && this.calls.loaded) return;
    this.jobId = jobId;
    this.calls.clear();
    void this.calls.load();
  }

  reset(): void {
    this.mode = undefined;
    this.jobId = undefined;
    this.jobs.reset();
    this.calls.reset();
  }
}
