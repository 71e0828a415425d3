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

/** Keeps each declared name as a literal type, so `CollectionName` (below) is exactly the declared set. */
const declare = <N extends string>(decls: Array<CollectionDecl & { name: N }>) => decls;

export const COLLECTIONS = declare([
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
      // 续费 (report.renewals): membership terms ending in a period — paid membership orders carry their term's expiry.
      { name: 'membership_expiresAt', keys: { 'membership.expiresAt': 1 } },
    ],
  },
  {
    name: 'member_cards',
    purpose: 'member card per customer (_id mcd_<openid>): card number and the secret of its minute codes (server-only)',
    indexes: [],
  },
  {
    name: 'member_card_numbers',
    purpose: 'claim of a card number (_id mcn_<cardNo>) → openid: keeps numbers unique and finds the card of a typed code',
    indexes: [{ name: 'openid', keys: { openid: 1 } }],
  },
  {
    name: 'display_profiles',
    purpose: 'display profile per customer (_id dpf_<openid>): the nickname and avatar they chose (头像昵称填写), read by id — operators\' lists fetch a page\'s customers with one _id in [...]',
    indexes: [],
  },
  {
    name: 'addresses',
    purpose: 'address book per customer (_id adr_<openid>): up to 10 快递到家 addresses really used, last used first',
    indexes: [],
  },
  {
    name: 'followup_lists',
    purpose: '1:1 follow-up lists (跟进任务): goal, 话术, facts to record, staff, due date, holdout',
    indexes: [
      { name: 'createdAt', keys: { createdAt: -1 } },
      // A staff member's own lists (multikey over the assigned staff).
      { name: 'staff_createdAt', keys: { 'staff.openid': 1, createdAt: -1 } },
    ],
  },
  {
    name: 'followup_entries',
    purpose: 'one customer on one follow-up list (_id fen_<list>_<openid>): group, staff, contacts, conversion and its credit',
    indexes: [
      { name: 'listId_openid', keys: { listId: 1, openid: 1 } },
      { name: 'listId_staff_openid', keys: { listId: 1, staff: 1, openid: 1 } },
      // Attribution (the profile consumer finds a customer's entries) and account deletion.
      { name: 'openid', keys: { openid: 1 } },
      // Overdue follow-ups (the 运营后台 to-do): entries whose next contact is due.
      { name: 'dueAt', keys: { dueAt: 1 } },
    ],
  },
  {
    name: 'followup_contacts',
    purpose: 'one recorded 1:1 conversation (_id from the staff member + request id): channel, facts, objection, outcome, next date',
    indexes: [
      { name: 'entryId_at', keys: { entryId: 1, at: -1 } },
      { name: 'openid', keys: { openid: 1 } },
    ],
  },
  {
    name: 'followup_holds',
    purpose: 'a customer on an open follow-up list of a goal (_id fho_<goal>_<openid>): not added to a second one',
    indexes: [{ name: 'openid', keys: { openid: 1 } }],
  },
  {
    name: 'carts',
    purpose: 'cart per customer (_id cart_<openid>): products and quantities kept across sessions and devices',
    indexes: [],
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
      // The sweep: refunds with a part due (re-send, query an overdue result, re-check a 退款异常).
      { name: 'status_driveAt', keys: { status: 1, driveAt: 1 } },
      // 运营后台 · 退款 「处理中过久」: pending refunds waiting longer than settings.refundStuckHours.
      { name: 'status_waitingSince', keys: { status: 1, waitingSince: 1 } },
      // One customer's refunds (隐私与数据: summary, export, anonymising on account deletion).
      { name: 'openid_createdAt', keys: { openid: 1, createdAt: -1 } },
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
      // Everyone's backlog of one consumer, oldest first (the report consumer's batches, the sweep):
      // an ordered seek that stops after the batch instead of sorting every owed event.
      { name: 'pending_at', keys: { pending: 1, at: 1 } },
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
    name: 'order_holds',
    purpose: 'per customer (_id hld_<openid>): the unpaid product orders they hold and their units of stock-tracked products (settings.maxUnpaidOrders / maxHeldUnitsPerProduct), read and written in the order transaction',
    // The sweep: customers over the limits (an operator lowered them).
    indexes: [
      { name: 'orderCount', keys: { orderCount: 1 } },
      { name: 'maxUnits', keys: { maxUnits: 1 } },
    ],
  },
  {
    name: 'payment_closes',
    purpose: 'WeChat closeOrder outbox (_id = out_trade_no): written when an unpaid WeChat order is cancelled or expires, sent by the sweep ≥ 5 minutes after the payment was created',
    indexes: [{ name: 'state_dueAt', keys: { state: 1, dueAt: 1 } }],
  },
  {
    name: 'shipping_uploads',
    purpose: 'WeChat shipping-info uploads (_id shp_<orderId>): outbox written with the fulfilment, re-driven until WeChat accepts it',
    indexes: [
      // The sweep: uploads due for a (re)try, oldest due first.
      { name: 'state_nextAttemptAt', keys: { state: 1, nextAttemptAt: 1 } },
      // The operator's list by state, newest first.
      { name: 'state_createdAt', keys: { state: 1, createdAt: -1 } },
      // One customer's uploads (the payer's openid is in the body: anonymised on account deletion).
      { name: 'openid', keys: { openid: 1 } },
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
      // One customer's recorded calls (deleted with the account).
      { name: 'openid', keys: { openid: 1 } },
    ],
  },
  {
    name: 'wecom_contacts',
    purpose: 'WeCom external contact per customer (_id wcc_<openid>): external_userid and the following staff userid, resolved once',
    indexes: [],
  },
  {
    name: 'report_rollups',
    purpose: 'profit and stored-value figures folded from money events: rpt_<day>_<shard> per Shanghai day, rpt_total_<shard> all-time',
    // A period's day documents by range (day documents only: the all-time totals have no `day`).
    indexes: [{ name: 'day', keys: { day: 1 } }],
  },
  {
    name: 'migrations',
    purpose: 'one document per finished data migration step (_id = step id, cloudfunctions/_migrations): later starts skip it',
    indexes: [],
  },
  {
    name: 'segment_snapshots',
    purpose: 'segment sizes once per Shanghai day (_id sss_<day>), for the size-over-time chart',
    indexes: [{ name: 'day', keys: { day: 1 } }],
  },
  {
    name: 'coupon_templates',
    purpose: 'coupon templates operators create (_id cpt_…): the rule, validity, limits, active/paused, claimable',
    indexes: [{ name: 'status_createdAt', keys: { status: 1, createdAt: -1 } }],
  },
  {
    name: 'coupons',
    purpose: 'coupons issued to customers (_id from template + customer + issue key): rule snapshot, validity, status, the order holding it',
    indexes: [
      // 我的优惠券 and the checkout picker: one customer's coupons, newest first.
      { name: 'openid_issuedAt', keys: { openid: 1, issuedAt: -1 } },
      // Campaign reports: coupons of one template (issued / used).
      { name: 'templateId_status', keys: { templateId: 1, status: 1 } },
    ],
  },
  {
    name: 'coupon_counters',
    purpose: 'issued counts per template (cpq_…) and per template + customer (cpu_…), written by id in the issuing transaction: never over-issued',
    // One customer's per-template counters (deleted with the account).
    indexes: [{ name: 'openid', keys: { openid: 1 } }],
  },
  {
    name: 'campaigns',
    purpose: 'operator campaigns (_id cmp_…): conditions/actions as {code,args}, schedule, holdout, status and launch cursor',
    indexes: [
      { name: 'createdAt', keys: { createdAt: -1 } },
      // The scheduler continues campaigns still launching, oldest launch first.
      { name: 'status_launchedAt', keys: { status: 1, launchedAt: 1 } },
    ],
  },
  {
    name: 'campaign_deliveries',
    purpose: 'one per (campaign, customer) (_id cmd_…): holdout or treated, policy outcome, coupon, message, attributed orders',
    // Attribution and opt-outs: a customer's recent deliveries.
    indexes: [{ name: 'openid_at', keys: { openid: 1, at: -1 } }],
  },
  {
    name: 'campaign_stats',
    purpose: 'campaign counters spread over shards (_id cst_<campaign>_<shard>), summed by the report',
    indexes: [],
  },
  {
    name: 'messages',
    purpose: 'subscription messages decided (_id from campaign/reminder + customer): reserved → sent/refused/failed/unknown',
    // The customer's 消息 list: their sent messages, newest first.
    indexes: [{ name: 'openid_state_sentAt', keys: { openid: 1, state: 1, sentAt: -1 } }],
  },
  {
    name: 'contact_records',
    purpose: 'per customer (_id cnt_<openid>): send times in the rolling 7 days — the contact cap, written in the send decision',
    indexes: [],
  },
  {
    name: 'subscription_grants',
    purpose: 'one-time subscription grants per customer and message kind (_id sgr_<kind>_<openid>): remaining, accepted, consumed, rejected',
    indexes: [],
  },
  {
    name: 'subscription_requests',
    purpose: 'idempotency of recorded subscription answers (_id from customer + request id)',
    // One customer's records (deleted with the account).
    indexes: [{ name: 'openid', keys: { openid: 1 } }],
  },
  {
    name: 'message_calls',
    purpose: 'local message recorder: every subscribeMessage.send the local adapter would have made (_id = message id)',
    indexes: [
      { name: 'at', keys: { at: -1 } },
      // One customer's recorded sends (deleted with the account).
      { name: 'openid', keys: { openid: 1 } },
    ],
  },
  {
    name: 'local_message_refusals',
    purpose: 'local simulator only: armed 43101 refusals per customer (_id = openid)',
    indexes: [],
  },
  {
    name: 'scheduler_state',
    purpose: 'bookkeeping of timed jobs (_id per job), e.g. the renewal reminders\' last run',
    indexes: [],
  },
  {
    name: 'platform_health',
    purpose: 'the latest outcome of each cloud call per function (_id <fn>:<api>, e.g. scheduler:uploadShippingInfo): 上线检查 reads -604101 / ok / never called',
    // A handful of documents, read whole by id or in one page.
    indexes: [],
  },
  {
    name: 'owner_claims',
    purpose: 'failed first-owner claim tries per account (_id ocl_<openid>): five wrong codes lock the account for an hour',
    indexes: [],
  },
  {
    name: 'privacy_requests',
    purpose: 'account deletions (PIPL): the running job (prj_…, holds the pseudonym until done, then removed) and the audit record (prq_…): what was deleted/anonymised, counts, when — no personal data',
    // The privacy timer finishes deletions left running and re-checks blocked ones when due (jobs only, most overdue first).
    indexes: [{ name: 'kind_dueAt', keys: { kind: 1, dueAt: 1 } }],
  },
  {
    name: 'limit_markers',
    purpose: 'limits that survive an account deletion (issue 15 #6): lmk_<HMAC-SHA256(PRIVACY_MARKER_KEY, customer key + trial product / coupon template)> with a count — no openid, read and written by id only',
    indexes: [],
  },
]);

/** A declared collection's name: the only kind `_kit` reads and writes (cloudfunctions/_kit/collections.ts). */
export type CollectionName = (typeof COLLECTIONS)[number]['name'];

export const collectionNames = (): string[] => COLLECTIONS.map((c) => c.name);
