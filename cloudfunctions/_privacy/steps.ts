import type { Delivery } from '../../shared/gifts/delivery';
import type { CouponDoc } from '../../shared/promotions/coupon';
import type { EventType } from '../../shared/events/domain-event';
import { INTERACTION_EVENT_TYPES, type PurchaseEvent } from '../../shared/schemas/event';
import type { Db } from '../_kit/db';
import { idFromKey } from '../_kit/ids';
import { runInTransaction, type Tx } from '../_kit/transaction';
import { walletIdOf, type DisplayProfileDoc, type EntitlementDoc, type OrderDoc, type RefundDoc, type ShippingUploadDoc, type WalletDoc } from '../../shared/documents';
import { eventIdFor } from '../_events/make-event';
import { txCreate, txGet, txReplace } from '../_kit/tx';
import type { BlockerCode } from '../../shared/privacy/views';
import type { TrialReservation } from '../../shared/trials/eligibility';
import { type CounterDoc } from '../_coupons/docs';
import { firstMine, type AnyDoc } from './find';
import { addMark, trialMarkerCustomers } from '../_deletion/markers';
import { redactAudit, redactCampaignCursors, redactRecomputeCursor, redactWecomSyncs } from './redact';
import { COLL, type CollectionName } from '../_kit/collections';
import { deleteFiles } from '../_kit/storage';

/**
 * The steps of an account deletion, in order, each a bounded batch over the caller's documents
 * (found through the coverage table's finders). A step's batch leaves the documents it handled no
 * longer matching the caller (deleted, or carrying the pseudonym), so the next batch is simply
 * "the first ones still matching": a crashed or timed-out run resumes without a cursor.
 *
 * Order matters: events first (their `profile` consumer then has nothing left to apply for this
 * customer, so it cannot recreate the profile), profile next, then the rest.
 */
export interface StepEnv {
  db: Db;
  openid: string;
  /** `del_<random>`: recorded nowhere linked to the person once the deletion is done. */
  anonId: string;
  now: number;
}

export interface StepOutcome {
  /** The batch was full: there may be more. */
  more: boolean;
  /** Where a step walking operators' records stopped (kept by the job for the next run). */
  cursor?: string;
  deleted?: number;
  anonymised?: number;
  redacted?: number;
  /** Operators' records in other collections whose mention of the customer was removed along the way. */
  redactedIn?: Record<string, number>;
  /**
   * The step met money or goods still under way (an unpaid or unshipped order, a wallet holding
   * principal, a refund not yet arrived…) and left it as it is: the job stops as `blocked`.
   */
  blocked?: BlockerCode;
}

export interface Step {
  collection: CollectionName;
  run(env: StepEnv, cursor: string | undefined): Promise<StepOutcome>;
}

const BATCH = 50;

/** Written where an idempotency key or contact detail was: the field stays (readers expect it), the value is gone. */
export const ERASED = 'erased';

/** Interaction events (and life-stage changes derived from them): nothing financial, deleted. */
export const PURE_INTERACTION_TYPES: readonly EventType[] = [...INTERACTION_EVENT_TYPES, 'lifecycle.changed'];

/**
 * A new id for a kept document whose id derives from the openid (tier gifts, coupons): derived
 * from the pseudonym, so it can be recomputed during the job (steps meet the same document from
 * two sides) and never afterwards (the pseudonym is forgotten).
 */
export const renamed = (env: StepEnv, prefix: string, oldId: string) => idFromKey(prefix, env.anonId, oldId);

/** What stays of a delivery: how it was delivered, not to whom or where. */
export function erasedDelivery(d: Delivery): Delivery {
  return d.method === 'pickup' ? { method: 'pickup' } : { method: 'address', name: '（已删除）', phone: '', address: '（收货信息已随账号注销删除）' };
}

/**
 * `block`: the document is money or goods still under way — never anonymised (the pseudonym could
 * not be paid out, shipped to or refunded); the deletion stops and waits until it is settled.
 * `delete` may carry what else the same transaction writes (the limit marker of a deleted counter).
 */
type Decision<T> = { kind: 'skip' } | { kind: 'delete'; also?: (tx: Tx) => Promise<void> } | { kind: 'keep'; doc: T } | { kind: 'block'; code: BlockerCode };

/**
 * Decides about one document inside a transaction (re-read by id, so a money transaction touching
 * it meanwhile conflicts and one of the two retries): delete it, or keep `doc` — under its own id,
 * or under a new one (then the old one is removed in the same transaction).
 */
async function decideInTx<T extends AnyDoc>(env: StepEnv, collection: CollectionName, id: string, decide: (cur: T) => Decision<T>): Promise<'deleted' | 'anonymised' | 'skipped' | { blocked: BlockerCode }> {
  return runInTransaction(env.db, async (tx: Tx) => {
    const cur = await txGet<T>(tx, collection, id);
    if (!cur) return 'skipped';
    const d = decide(cur);
    if (d.kind === 'skip') return 'skipped';
    if (d.kind === 'block') return { blocked: d.code };
    if (d.kind === 'delete') {
      await tx.collection(collection).doc(id).remove();
      if (d.also) await d.also(tx);
      return 'deleted';
    }
    if (d.doc._id === id) {
      await txReplace(tx, collection, d.doc);
    } else {
      if (!(await txGet(tx, collection, d.doc._id))) await txCreate(tx, collection, d.doc);
      await tx.collection(collection).doc(id).remove();
    }
    return 'anonymised';
  });
}

/** A step deciding per document (in a transaction each): the caller's still-matching documents, a batch at a time. */
function perDocument<T extends AnyDoc>(collection: CollectionName, decide: (cur: T, env: StepEnv) => Decision<T>, after?: (cur: T, kept: T | null, env: StepEnv) => Promise<number>): Step {
  return {
    collection,
    async run(env) {
      const docs = (await firstMine(env.db, collection, env.openid, BATCH)) as T[];
      const out: StepOutcome = { more: docs.length === BATCH, deleted: 0, anonymised: 0 };
      let audit = 0;
      for (const doc of docs) {
        let kept: T | null = null;
        const r = await decideInTx<T>(env, collection, doc._id, (cur) => {
          const d = decide(cur, env);
          if (d.kind === 'keep') kept = d.doc;
          return d;
        });
        // Stop here: what is left (this document and the rest of the batch) waits with the job.
        if (typeof r === 'object') return { ...out, more: true, blocked: r.blocked, ...(audit > 0 ? { redactedIn: { [COLL.audit_log]: audit } } : {}) };
        if (r === 'deleted') out.deleted!++;
        if (r === 'anonymised') out.anonymised!++;
        if (after && r !== 'skipped') audit += await after(doc, kept, env);
      }
      return audit > 0 ? { ...out, redactedIn: { [COLL.audit_log]: audit } } : out;
    },
  };
}

/** A step deleting the caller's documents outright (personal data nothing else refers to). */
function deleteAll(collection: CollectionName): Step {
  return {
    collection,
    async run(env) {
      const docs = await firstMine(env.db, collection, env.openid, 100);
      if (docs.length === 0) return { more: false };
      const _ = env.db.command;
      const res = (await env.db.collection(collection).where({ _id: _.in(docs.map((d) => d._id)) }).remove()) as { deleted?: number };
      return { more: docs.length === 100, deleted: res.deleted ?? docs.length };
    },
  };
}

const mine = (cur: object, env: StepEnv) => (cur as { openid?: unknown }).openid === env.openid;

function anonymousEvent(e: PurchaseEvent, env: StepEnv): PurchaseEvent {
  const { unionid: _u, ...rest } = e;
  void _u;
  // A tier gift's claim event is named after the claim, whose id derives from the openid.
  const tierClaim = e.type === 'gift.claimed' && e.data?.source === 'tier';
  const prefix = eventIdFor('gift.claimed', '');
  const _id = tierClaim && e._id.startsWith(prefix) ? eventIdFor('gift.claimed', renamed(env, 'ent', e._id.slice(prefix.length))) : e._id;
  // The coupon's id derives from the openid too (order.paid and coupon.claimed carry it).
  const data = e.type === 'order.paid' || e.type === 'coupon.claimed' ? e.data : undefined;
  // Same type and data as `e` but for the renamed ids (the cast: TS loses the type–data pairing through a spread).
  return {
    ...rest,
    _id,
    openid: env.anonId,
    ...(data?.couponId !== undefined ? { data: { ...data, couponId: renamed(env, 'cpn', data.couponId) } } : {}),
    // The profile is gone: nothing is owed to it any more. The report still folds money events
    // it has not seen (their totals must not change), under the pseudonym's shard.
    ...(e.pending ? { pending: e.pending.filter((c) => c !== 'profile') } : {}),
  } as PurchaseEvent;
}

const eventsOneByOne = perDocument<PurchaseEvent & AnyDoc>(COLL.events, (e, env) => {
  if (!mine(e, env)) return { kind: 'skip' };
  if (PURE_INTERACTION_TYPES.includes(e.type)) return { kind: 'delete' };
  return { kind: 'keep', doc: anonymousEvent(e, env) as PurchaseEvent & AnyDoc };
});

/**
 * Interaction events already applied (nothing owed to any consumer) are never written again by
 * anyone, so they go in one bulk delete — a daily visitor has hundreds of them. Everything else
 * (money events, events still owed to a consumer that may rewrite them) is decided one by one in
 * a transaction.
 */
const events: Step = {
  collection: COLL.events,
  async run(env, cursor) {
    const docs = (await firstMine(env.db, COLL.events, env.openid, 100)) as Array<PurchaseEvent & AnyDoc>;
    const settled = docs.filter((e) => PURE_INTERACTION_TYPES.includes(e.type) && !(e.pending ?? []).length).map((e) => e._id);
    if (settled.length === 0) return eventsOneByOne.run(env, cursor);
    const _ = env.db.command;
    const res = (await env.db.collection(COLL.events).where({ _id: _.in(settled), openid: env.openid }).remove()) as { deleted?: number };
    return { more: true, deleted: res.deleted ?? settled.length };
  },
};

function anonymousOrder(o: OrderDoc, env: StepEnv): OrderDoc {
  const { unionid: _u, ...rest } = o;
  void _u;
  return {
    ...rest,
    openid: env.anonId,
    // The order id derives from (openid, request id): without the request id it cannot be recomputed.
    requestId: ERASED,
    ...(o.delivery ? { delivery: erasedDelivery(o.delivery) } : {}),
    ...(o.coupon ? { coupon: { ...o.coupon, couponId: renamed(env, 'cpn', o.coupon.couponId) } } : {}),
  };
}

/**
 * Money or goods still under way, decided on the document as the step's transaction reads it (a
 * payment applied a moment ago conflicts with this transaction or is seen by it): the same rules
 * as blockers.ts, so what blocks the start of a deletion also stops it midway.
 */
export function blockerOf(collection: CollectionName, doc: AnyDoc): BlockerCode | null {
  if (collection === COLL.orders) {
    const o = doc as unknown as OrderDoc;
    if (o.status === 'created') return 'ORDERS_UNPAID';
    if (o.fulfilment?.state === 'pending') return 'AWAITING_SHIPMENT';
  }
  if (collection === COLL.refunds && ['pending', 'failed'].includes((doc as unknown as RefundDoc).status)) return 'REFUNDS_IN_PROGRESS';
  if (collection === COLL.wallets) {
    const w = doc as unknown as WalletDoc;
    if (w.principalFen > 0) return 'BALANCE_OUTSTANDING';
    if (w.holds?.length) return 'ORDERS_UNPAID';
  }
  if (collection === COLL.entitlements) {
    const e = doc as unknown as EntitlementDoc;
    if (e.status === 'claimed' && e.fulfilment?.state === 'pending') return 'AWAITING_SHIPMENT';
  }
  if (collection === COLL.shipping_uploads && ['pending', 'failed'].includes((doc as unknown as ShippingUploadDoc).state)) return 'SHIPPING_INFO_SYNCING';
  return null;
}

/** A kept financial record, unless it is still under way (then the deletion stops: see Decision). */
function keepUnlessOpen<T extends AnyDoc>(collection: CollectionName, cur: T, doc: () => T): Decision<T> {
  const code = blockerOf(collection, cur);
  return code ? { kind: 'block', code } : { kind: 'keep', doc: doc() };
}

const orders = perDocument<OrderDoc & AnyDoc>(COLL.orders, (o, env) => (mine(o, env) ? keepUnlessOpen(COLL.orders, o, () => anonymousOrder(o, env) as OrderDoc & AnyDoc) : { kind: 'skip' }));

// Where WeChat paid a refund to (refund_recv_accout, e.g. a bank card's last digits) is the customer's, not the record's.
const refunds = perDocument<RefundDoc & AnyDoc>(COLL.refunds, (r, env) =>
  mine(r, env) ? keepUnlessOpen(COLL.refunds, r, () => ({ ...r, openid: env.anonId, requestId: ERASED, parts: r.parts.map(({ recvAccount: _gone, ...p }) => p) })) : { kind: 'skip' },
);

/**
 * The wallet moves to `wal_<pseudonym>` with its balance and lots (its id is the openid) — only
 * once it holds no principal (money we owe, refundable only to the customer) and no reservation.
 */
const wallet = perDocument<WalletDoc & AnyDoc>(COLL.wallets, (w, env) => (mine(w, env) ? keepUnlessOpen(COLL.wallets, w, () => ({ ...w, _id: walletIdOf(env.anonId), openid: env.anonId })) : { kind: 'skip' }));

/**
 * Ledger entries follow the wallet. They are append-only (no transaction ever rewrites one), so a
 * plain update of the batch is safe; Σ entries of the moved wallet = its balance, as before.
 */
const entries: Step = {
  collection: COLL.wallet_entries,
  async run(env) {
    const docs = await firstMine(env.db, COLL.wallet_entries, env.openid, 100);
    if (docs.length === 0) return { more: false };
    const _ = env.db.command;
    await env.db.collection(COLL.wallet_entries).where({ _id: _.in(docs.map((d) => d._id)) }).update({ walletId: walletIdOf(env.anonId), openid: env.anonId });
    return { more: docs.length === 100, anonymised: docs.length };
  },
};

/** Claimed gifts stay (goods handed out, their cost is in the reports) without the delivery details; unclaimed ones go. */
const entitlements = perDocument<EntitlementDoc & AnyDoc>(
  COLL.entitlements,
  (e, env) => {
    if (!mine(e, env)) return { kind: 'skip' };
    if (e.status !== 'claimed') return { kind: 'delete' };
    const _id = e.source === 'tier' ? renamed(env, 'ent', e._id) : e._id;
    return keepUnlessOpen(COLL.entitlements, e, () => ({ ...e, _id, openid: env.anonId, ...(e.delivery ? { delivery: erasedDelivery(e.delivery) } : {}) }));
  },
  // The operators' shipping records follow a renamed claim (else its old id would still lead to it).
  async (old, kept, env) => (kept && kept._id !== old._id ? redactAudit(env, { entity: 'gift-claim', entityId: old._id }, (a) => ({ ...a, entityId: kept._id })) : 0),
);

/** A used coupon is part of an order's price: it stays (renamed: its id derives from the openid); the rest go. */
const coupons = perDocument<CouponDoc & AnyDoc>(
  'coupons',
  (c, env) => {
    if (!mine(c, env)) return { kind: 'skip' };
    if (c.status !== 'used') return { kind: 'delete' };
    return { kind: 'keep', doc: { ...c, _id: renamed(env, 'cpn', c._id), openid: env.anonId, issueKey: ERASED } };
  },
  // An operator's grant of this coupon is in the audit trail, naming the customer.
  async (old, kept, env) => (old.issuedBy === 'operator' ? redactAudit(env, { couponGrant: old }, (a) => redactGrant(a, old, kept, env)) : 0),
);

function redactGrant(a: AnyDoc, old: CouponDoc, kept: CouponDoc | null, env: StepEnv): AnyDoc {
  const summary = typeof a.summary === 'string' ? a.summary.split(old.openid).join('已注销的顾客') : a.summary;
  return { ...a, summary, after: kept ? { ...(a.after as object), _id: kept._id, openid: env.anonId, issueKey: ERASED } : { status: 'deleted-with-account' } };
}

/**
 * Trial reservations go, but a used trial leaves its limit marker (markers.ts: a keyed hash, no
 * openid) in the same transaction: one trial per customer survives the deletion (issue 15 #6).
 */
const trials = perDocument<TrialReservation & AnyDoc>(COLL.trial_reservations, (t, env) => {
  if (!mine(t, env)) return { kind: 'skip' };
  if (t.status !== 'used') return { kind: 'delete' };
  return {
    kind: 'delete',
    also: async (tx) => {
      for (const key of trialMarkerCustomers(t)) await addMark(tx, 'trial', key, t.productId, 1, env.now);
    },
  };
});

/** Per-customer coupon counters go; what they counted moves onto the template's limit marker for this customer (issue 15 #6). */
const couponCounters = perDocument<CounterDoc & AnyDoc>(COLL.coupon_counters, (c, env) =>
  mine(c, env) ? { kind: 'delete', also: (tx) => addMark(tx, 'coupon', env.openid, c.templateId, c.issued, env.now) } : { kind: 'skip' },
);

/** What was reported to WeChat for a payment: the payer becomes the pseudonym, the receiver's (masked) phone goes. */
const shippingUploads = perDocument<ShippingUploadDoc & AnyDoc>(COLL.shipping_uploads, (u, env) => {
  if (!mine(u, env)) return { kind: 'skip' };
  const body = u.body ? { ...u.body, payer: { openid: env.anonId }, shipping_list: u.body.shipping_list.map(({ contact: _c, ...item }) => (void _c, item)) } : undefined;
  return keepUnlessOpen(COLL.shipping_uploads, u, () => ({ ...u, openid: env.anonId, ...(body ? { body } : {}) }));
});

/**
 * The display profile (头像昵称): the avatar file in cloud storage goes first, then the document —
 * a crash in between leaves the document, so the next run deletes the (already gone) file again
 * and then the document.
 */
const displayProfiles: Step = {
  collection: COLL.display_profiles,
  async run(env) {
    const docs = (await firstMine(env.db, COLL.display_profiles, env.openid, 100)) as Array<AnyDoc & Partial<DisplayProfileDoc>>;
    if (docs.length === 0) return { more: false };
    const files = docs.flatMap((d) => (d.avatar?.fileID ? [d.avatar.fileID] : []));
    if (files.length) await deleteFiles(files);
    const _ = env.db.command;
    const res = (await env.db.collection(COLL.display_profiles).where({ _id: _.in(docs.map((d) => d._id)) }).remove()) as { deleted?: number };
    return { more: docs.length === 100, deleted: res.deleted ?? docs.length };
  },
};

/** Operators' records walked for mentions (not found through the customer's own indexes). */
const redactions: Step[] = [
  { collection: COLL.wecom_syncs, run: (env, cursor) => redactWecomSyncs(env, cursor) },
  { collection: COLL.campaigns, run: (env, cursor) => redactCampaignCursors(env, cursor) },
  { collection: COLL.scheduler_state, run: (env) => redactRecomputeCursor(env) },
];

export const STEPS: Step[] = [
  events,
  deleteAll(COLL.profiles),
  displayProfiles,
  orders,
  refunds,
  wallet,
  entries,
  deleteAll(COLL.memberships),
  entitlements,
  coupons,
  couponCounters,
  trials,
  shippingUploads,
  deleteAll('campaign_deliveries'),
  deleteAll('messages'),
  deleteAll('contact_records'),
  deleteAll('subscription_grants'),
  deleteAll('subscription_requests'),
  deleteAll('message_calls'),
  deleteAll('local_message_refusals'),
  deleteAll('wecom_contacts'),
  deleteAll('wecom_calls'),
  deleteAll('owner_claims'),
  deleteAll(COLL.addresses),
  deleteAll(COLL.order_holds),
  deleteAll(COLL.carts),
  deleteAll(COLL.member_cards),
  deleteAll(COLL.member_card_numbers),
  deleteAll(COLL.followup_entries),
  deleteAll(COLL.followup_contacts),
  deleteAll(COLL.followup_holds),
  ...redactions,
];
