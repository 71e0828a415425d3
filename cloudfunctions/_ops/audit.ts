import type { AuditAction, AuditEntity, AuditEntry } from '../../shared/schemas/audit';
import type { Db } from '../_kit/db';
import { idFromKey } from '../_kit/ids';
import type { Tx } from '../_kit/transaction';
import { pageNewestFirst } from '../_kit/paging';
import { txCreate, txGet } from '../_kit/tx';
import { COLL } from '../_kit/collections';

/**
 * The audit record of one operator change is written in the SAME transaction as the change, so a
 * change without its record (or a record of a change that rolled back) cannot exist. Its id
 * derives from (operator, request id, action, entity): a retried request finds its record and
 * returns the first result instead of applying the change twice (and a request id reused on
 * another entity is a new change, never mistaken for a retry).
 */
export const auditIdFor = (by: string, requestId: string, action: AuditAction, entityId = '') => idFromKey('aud', by, requestId, action, entityId);

export const priorAudit = (tx: Tx, id: string) => txGet<AuditEntry>(tx, COLL.audit_log, id);

/** Top-level fields whose value differs (bookkeeping fields excluded). */
export function changedKeys(before: unknown, after: unknown, ignore: readonly string[] = ['updatedAt', 'updatedBy', 'revision', 'version', '_version']): string[] {
  const a = (before && typeof before === 'object' ? before : {}) as Record<string, unknown>;
  const b = (after && typeof after === 'object' ? after : {}) as Record<string, unknown>;
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => !ignore.includes(k) && JSON.stringify(a[k]) !== JSON.stringify(b[k])).sort();
}

/** Who made a change, when, and under which request id (the retry key). */
export interface OperatorRequest {
  by: string;
  at: number;
  requestId: string;
}

/** What changed. `id` defaults to auditIdFor(by, requestId, action, entityId); an action that checked for a retry passes the id it checked. */
export interface AuditFacts {
  id?: string;
  entity: AuditEntity;
  entityId: string;
  action: AuditAction;
  summary: string;
  before: unknown;
  after: unknown;
  changed?: string[];
}

export async function writeAudit(tx: Tx, op: OperatorRequest, e: AuditFacts): Promise<AuditEntry> {
  const entry: AuditEntry = {
    _id: e.id ?? auditIdFor(op.by, op.requestId, e.action, e.entityId),
    entity: e.entity,
    entityId: e.entityId,
    action: e.action,
    by: op.by,
    at: op.at,
    summary: e.summary.slice(0, 300),
    changed: e.changed ?? changedKeys(e.before, e.after),
    before: e.before ?? null,
    after: e.after ?? null,
    requestId: op.requestId,
  };
  await txCreate(tx, COLL.audit_log, entry);
  return entry;
}

/** Newest first, optionally one entity type (and one entity); keyset paging on `at` through the indexes. */
export async function listAudit(db: Db, q: { entity?: AuditEntity; entityId?: string; cursor?: number }, pageSize = 20) {
  const key: Record<string, unknown> = {};
  if (q.entity) key.entity = q.entity;
  if (q.entity && q.entityId) key.entityId = q.entityId;
  return pageNewestFirst<AuditEntry>(db, COLL.audit_log, key, 'at', q.cursor, pageSize);
}

/** A delivery step (发货 / 到店自提) of an order or a gift claim. */
export interface FulfilmentAudit {
  id: string;
  entity: AuditEntity;
  entityId: string;
  action: AuditAction;
  /** What was handed over, as the log names it: 订单「…」 or 礼品「…」. */
  what: string;
  to: 'shipped' | 'picked-up';
  carrierName?: string;
  trackingNo?: string;
  before: unknown;
  after: unknown;
}

/** Orders and gift claims are shipped and picked up alike: one wording of their audit record. */
export function writeFulfilmentAudit(tx: Tx, op: OperatorRequest, f: FulfilmentAudit): Promise<AuditEntry> {
  const summary = f.to === 'shipped' ? `${f.what}发货：${f.carrierName ?? ''} ${f.trackingNo ?? ''}` : `${f.what}顾客已到店自提`;
  return writeAudit(tx, op, { id: f.id, entity: f.entity, entityId: f.entityId, action: f.action, summary, before: { fulfilment: f.before }, after: { fulfilment: f.after } });
}
