import type { LifecycleChangedEventData } from '../../shared/events/event-data';
import type { PurchaseEvent } from '../../shared/schemas/event';
import type { Settings } from '../../shared/settings';
import { lifeKeyOf, nextTransitionAt, segmentKeys } from '../../shared/segments/keys';
import { lastStandingPurchaseAt, purchaseCount, withProfileDefaults, type CustomerProfile } from '../../shared/segments/profile';
import { eventIdFor } from '../_events/make-event';

/**
 * The profile with its segment keys and next transition time recomputed at `now` (plus the two
 * derived summary fields list views read). Callers write the result in the same transaction as
 * the facts that changed, so the stored keys never lag the facts (DESIGN rule 8).
 */
export function withSegments(p: CustomerProfile, settings: Settings, now: number): CustomerProfile {
  const full = withProfileDefaults(p);
  const { nextTransitionAt: _old, lastPurchaseAt: _last, ...rest } = full;
  void _old; void _last;
  const next = nextTransitionAt(full, settings, now);
  const last = lastStandingPurchaseAt(full);
  return {
    ...rest,
    segments: segmentKeys(full, settings, now),
    segmentsAt: now,
    purchases: purchaseCount(full),
    ...(last !== undefined ? { lastPurchaseAt: last } : {}),
    ...(next !== undefined ? { nextTransitionAt: next } : {}),
  };
}

/**
 * A `lifecycle.changed` event when the stored life stage differs between two versions of a profile.
 * Emitted for changes caused by TIME passing (the transition run): a stage change caused by a
 * purchase or refund already has its event (order.paid / order.refunded) — a second event for the
 * same fact would only duplicate it in the outbox.
 * Its id derives from the profile version that made the change, and it is written in that same
 * transaction: exactly once. It carries no `pending` for the profile consumer — the profile change
 * IS the fact — so nothing re-applies it (no loop); later consumers (campaigns) read it by type.
 */
export function lifecycleEvent(before: CustomerProfile | null, after: CustomerProfile, cause: LifecycleChangedEventData['cause'], now: number): PurchaseEvent | null {
  const from = lifeKeyOf(before?.segments);
  const to = lifeKeyOf(after.segments);
  if (from === to) return null;
  const data: LifecycleChangedEventData = { from, to, cause };
  return {
    _id: eventIdFor('lifecycle.changed', `${after._id}_v${after.version}`),
    type: 'lifecycle.changed',
    openid: after.openid,
    ...(after.unionid ? { unionid: after.unionid } : {}),
    at: now,
    amounts: { totalFen: 0, cashFen: 0, principalFen: 0, bonusFen: 0 },
    qualifyingDeltaFen: 0,
    productKinds: [],
    data,
  };
}

/** Same keys and same next transition: nothing a list or the transition queue would see changed. */
export const sameSegments = (a: CustomerProfile, b: CustomerProfile): boolean =>
  a.nextTransitionAt === b.nextTransitionAt && (a.segments ?? []).join('\u0000') === (b.segments ?? []).join('\u0000');
