import { makeAutoObservable } from 'mobx';
import type { AuditEntity, AuditEntry, OpsService } from '../../../services/ops';
import { PagedList } from '../../../stores/paged-list';
import { pageOf } from './page-of';

export const AUDIT_FILTERS: Array<{ entity: AuditEntity | undefined; label: string }> = [
  { entity: undefined, label: '全部' },
  { entity: 'product', label: '商品' },
  { entity: 'settings', label: '设置' },
  { entity: 'order', label: '订单' },
  { entity: 'gift-claim', label: '礼品' },
  { entity: 'shipping-upload', label: '发货上传' },
  { entity: 'refund', label: '退款' },
  { entity: 'image', label: '图片' },
  { entity: 'coupon-template', label: '优惠券' },
];

/** 操作记录: who changed what and when, newest first, optionally one kind of entity (or one entity). */
export class AuditStore {
  entity: AuditEntity | undefined = undefined;
  entityId: string | undefined = undefined;
  readonly list: PagedList<AuditEntry>;
  /** Entries whose full diff is shown. */
  expanded = new Set<string>();

  constructor(private readonly service: OpsService) {
    this.list = new PagedList(async (cursor) => {
      const r = await this.service.audit({ entity: this.entity, entityId: this.entity ? this.entityId : undefined }, cursor);
      return pageOf(r, (d) => d.entries, (d) => d.nextCursor);
    }, (e) => e._id);
    makeAutoObservable<AuditStore, 'service'>(this, { service: false, list: false });
  }

  /** Show one kind of entity (undefined = all); `entityId` narrows to one product / order. */
  filter(entity: AuditEntity | undefined, entityId?: string): void {
    if (entity === this.entity && entityId === this.entityId && (this.list.loaded || this.list.loading)) return;
    this.entity = entity;
    this.entityId = entity ? entityId : undefined;
    this.list.clear();
    void this.list.load();
  }

  toggle(id: string): void {
    if (this.expanded.has(id)) this.expanded.delete(id);
    else this.expanded.add(id);
  }

  reset(): void {
    this.entity = undefined;
    this.entityId = undefined;
    this.expanded.clear();
    this.list.reset();
  }
}
