/**
 * The ONE declaration of collections and indexes. The local emulator builds its in-memory
 * indexes (and unique constraints) from this list, and deployment (`npm run deploy`) creates the
 * same collections and indexes in the real CloudBase environment. Add new ones here only.
 */
export type IndexDirection = 1 | -1;

export interface IndexDecl {
  /** Index name as created in CloudBase (unique per collection). */
  name: string;
  /** Ordered key fields (dot paths allowed). A field holding an array is indexed per element. */
  keys: Record<string, IndexDirection>;
  unique?: boolean;
}

export interface CollectionDecl {
  name: string;
  indexes: IndexDecl[];
  /** Why the collection exists, for the next engineer reading the deploy dry-run. */
  purpose: string;
}

export const COLLECTIONS: CollectionDecl[] = [
  {
    name: 'products',
    purpose: 'catalog: regular and trial products, prices in fen',
    indexes: [
      { name: 'status_sort', keys: { status: 1, sort: 1 } },
      { name: 'fullProductId', keys: { fullProductId: 1 } },
    ],
  },
  {
    name: 'settings',
    purpose: 'one validated settings document (_id "global") plus its change log',
    indexes: [],
  },
  {
    name: 'settings_changes',
    purpose: 'who changed settings when, before → after',
    indexes: [{ name: 'at', keys: { at: -1 } }],
  },
  {
    name: 'orders',
    purpose: 'product, membership and top-up orders; _id = out_trade_no, derived from the client request id',
    indexes: [
      { name: 'openid_createdAt', keys: { openid: 1, createdAt: -1 } },
      { name: 'status_expiresAt', keys: { status: 1, expiresAt: 1 } },
      // The operator's fulfilment lists (待发货 / 已发货 / …), newest payment first.
      { name: 'fulfilment_paidAt', keys: { 'fulfilment.state': 1, paidAt: -1 } },
    ],
  },
  {
    name: 'wallets',
    purpose: 'stored-value wallet per customer (_id wal_<openid>): cached balance + lots, version-bumped',
    indexes: [],
  },
  {
    name: 'wallet_entries',
    purpose: 'append-only ledger entries; Σ entries = wallet balance',
    indexes: [{ name: 'walletId_at', keys: { walletId: 1, at: -1 } }],
  },
  {
    name: 'memberships',
    purpose: 'paid membership per customer (_id mem_<openid>): expiry and the terms that built it',
    indexes: [{ name: 'expiresAt', keys: { expiresAt: 1 } }],
  },
  {
    name: 'entitlements',
    purpose: 'gift packs a customer may claim (welcome pack per term, tier gifts)',
    indexes: [
      { name: 'openid_grantedAt', keys: { openid: 1, grantedAt: -1 } },
      { name: 'status_claimedAt', keys: { status: 1, claimedAt: -1 } },
      { name: 'fulfilment_claimedAt', keys: { 'fulfilment.state': 1, claimedAt: -1 } },
    ],
  },
  {
    name: 'gift_stock',
    purpose: 'remaining stock per gift id; decremented by id inside the claim transaction',
    indexes: [],
  },
  {
    name: 'refunds',
    purpose: 'refund records (orders, memberships, stored value); _id from the client request id = out_refund_no',
    indexes: [
      { name: 'orderId', keys: { orderId: 1 } },
      { name: 'status_createdAt', keys: { status: 1, createdAt: 1 } },
    ],
  },
  {
    name: 'events',
    purpose: 'purchase event outbox, written in the same transaction as the fact',
    indexes: [
      { name: 'openid_at', keys: { openid: 1, at: -1 } },
      { name: 'type_at', keys: { type: 1, at: -1 } },
      // Consumers' backlog: events still owed to a consumer (per customer, oldest first).
      { name: 'pending_openid_at', keys: { pending: 1, openid: 1, at: 1 } },
    ],
  },
  {
    name: 'profiles',
    purpose: 'customer profile per customer (_id prf_<openid>): qualifying spend, tags, trials, folded from events',
    indexes: [
      // Segment lists: profiles holding one key (multikey array), paged by openid (stable cursor); counts.
      { name: 'segments_openid', keys: { segments: 1, openid: 1 } },
      // The transition run's queue: only profiles whose next time-based change is due.
      { name: 'nextTransitionAt', keys: { nextTransitionAt: 1 } },
    ],
  },
  {
    name: 'trial_reservations',
    purpose: 'one document per (customer, trial product): the atomic one-trial-per-customer rule',
    indexes: [
      { name: 'customerKey_productId', keys: { customerKey: 1, productId: 1 }, unique: true },
      { name: 'openid', keys: { openid: 1 } },
    ],
  },
  {
    name: 'shipping_uploads',
    purpose: 'WeChat shipping-info uploads (_id shp_<orderId>): outbox written with the fulfilment, re-driven until WeChat accepts it',
    indexes: [
      // The sweep: uploads due for a (re)try, oldest due first.
      { name: 'state_nextAttemptAt', keys: { state: 1, nextAttemptAt: 1 } },
      // The operator's list by state, newest first.
      { name: 'state_createdAt', keys: { state: 1, createdAt: -1 } },
    ],
  },
  {
    name: 'audit_log',
    purpose: 'operator audit trail: who changed what when, before → after (same transaction as the change)',
    indexes: [
      { name: 'at', keys: { at: -1 } },
      { name: 'entity_at', keys: { entity: 1, at: -1 } },
      { name: 'entity_entityId_at', keys: { entity: 1, entityId: 1, at: -1 } },
    ],
  },
  {
    name: 'product_images',
    purpose: 'images that passed the server-side type/size check (_id from the file id); products may only use these',
    indexes: [],
  },
  {
    name: 'wecom_syncs',
    purpose: 'WeCom tag sync jobs (_id from the operator request id): segment key, tag, cursor and counts, resumable',
    indexes: [{ name: 'createdAt', keys: { createdAt: -1 } }],
  },
  {
    name: 'wecom_calls',
    purpose: 'local WeCom recorder: every externalcontact/mark_tag call the local adapter would have sent',
    indexes: [
      { name: 'at', keys: { at: -1 } },
      { name: 'jobId_at', keys: { jobId: 1, at: -1 } },
    ],
  },
  {
    name: 'wecom_contacts',
    purpose: 'WeCom external contact per customer (_id wcc_<openid>): external_userid and the following staff userid, resolved once',
    indexes: [],
  },
];

export const collectionNames = (): string[] => COLLECTIONS.map((c) => c.name);
