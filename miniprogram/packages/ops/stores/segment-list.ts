import { makeAutoObservable, runInAction } from 'mobx';
import type { SegmentMemberRow, SegmentService } from '../../../services/segment';
import { PagedList } from '../../../stores/paged-list';
import { pageOf } from './page-of';

export const SEGMENT_PAGE_SIZE = 20;

/**
 * One segment's members, 20 a page in openid order (`segment.list`): the cursor is the last openid
 * shown, so customers joining or leaving meanwhile never shift a page — 加载更多 neither repeats
 * nor skips anyone. `total` is the segment's size when the first page was read.
 */
export class SegmentListStore {
  key: string | undefined = undefined;
  total: number | undefined = undefined;
  readonly list: PagedList<SegmentMemberRow, string>;

  constructor(
    private readonly service: SegmentService,
    private readonly pageSize = SEGMENT_PAGE_SIZE,
  ) {
    this.list = new PagedList<SegmentMemberRow, string>(async (cursor) => {
      const key = this.key!;
      const r = await this.service.list(key, cursor, this.pageSize);
      if (r.ok && cursor === undefined && key === this.key) runInAction(() => (this.total = r.data.total));
      return pageOf(r, (d) => d.members, (d) => d.nextCursor || undefined);
    }, (m) => m.openid);
    makeAutoObservable<SegmentListStore, 'service' | 'pageSize'>(this, { service: false, pageSize: false, list: false });
  }

  /** Show `key` (from the start); the same key already shown stays as it is. */
  open(key: string): void {
    if (key === this.key && (this.list.loaded || this.list.loading)) return;
    this.key = key;
    this.total = undefined;
    this.list.clear();
    void this.list.load();
  }

  reload(): Promise<void> {
    return this.list.load();
  }

  reset(): void {
    this.key = undefined;
    this.total = undefined;
    this.list.reset();
  }
}
