import type { OrderDoc, RefundDoc } from '../../shared/documents';
import { currentRefundPolicy } from '../../shared/membership/refund';
import type { Settings } from '../../shared/settings';
import type { Db } from '../_kit/db';
import { COLL, type CollectionName } from '../_kit/collections';
import { scheduled } from '../_payments/refund-lifecycle';

/**
 * Data migrations: each rewrites documents an older version of the code wrote into today's shape,
 * so the read paths need no fallback for the old one. A step finds what it still has to do with
 * `pending` (a query that no longer matches a migrated document — that is what makes a re-run
 * harmless) and rewrites one document at a time in its own transaction (`migrate` gets the document
 * as re-read inside it and returns the new one, or null when there is nothing to change).
 * Steps are never edited after they shipped; a new shape gets a new step.
 */
export interface MigrationStep<T extends { _id: string } = { _id: string }> {
  id: string;
  collection: CollectionName;
  /** Why the documents need it (the log and the docs say this). */
  describe: string;
  pending(db: Db): Record<string, unknown>;
  migrate(doc: T, env: { now: number; settings: Settings }): T | null;
}

const step = <T extends { _id: string }>(s: MigrationStep<T>) => s as unknown as MigrationStep;

export const MIGRATION_STEPS: readonly MigrationStep[] = [
  step<OrderDoc>({
    id: '2026-12-membership-refund-policy',
    collection: COLL.orders,
    describe: 'membership orders sold before the refund rules were kept on the order (issue 15): they followed the settings of the day, so today\'s rules are written on them',
    pending: (db) => ({ kind: 'membership', 'membership.refundPolicy': db.command.exists(false) }),
    migrate: (o, { settings }) => (o.membership && !o.membership.refundPolicy ? { ...o, membership: { ...o.membership, refundPolicy: currentRefundPolicy(settings) } } : null),
  }),
  step<RefundDoc>({
    id: '2026-12-refund-drive-at',
    collection: COLL.refunds,
    describe: 'pending refunds written before driveAt existed: their schedule is computed from their parts, so the sweep finds them through (status, driveAt) alone',
    pending: (db) => ({ status: db.command.eq('pending'), driveAt: db.command.exists(false) }),
    migrate: (r, { now }) => {
      if (r.status !== 'pending' || r.driveAt !== undefined) return null;
      const next = scheduled(r, now);
      return next.driveAt === undefined ? null : next;
    },
  }),
];
