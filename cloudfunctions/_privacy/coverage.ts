import { MESSAGE_KINDS } from '../../shared/settings';
import { profileIdOf } from '../../shared/segments/profile';
import type { PrivacyGroupKey } from '../../shared/privacy/views';
import { contactIdOf, grantIdOf } from '../_campaigns/docs';
import { wecomContactIdOf } from '../_kit/wecom/port';
import { addressBookIdOf, cartIdOf, displayProfileIdOf, holdIdOf, memberCardIdOf, membershipIdOf, walletIdOf } from '../../shared/documents';
import { ownerClaimIdOf } from '../_ops/owner-claims';
import type { CollectionName } from '../_kit/collections';

/**
 * Every collection, and what it holds about a customer — THE table the privacy rights are built
 * on (issue 7). Summary, export and account deletion all walk it, and a test fails when a
 * collection is declared in shared/schemas/indexes.ts without a row here, so a new collection
 * holding an openid cannot slip past deletion unnoticed.
 *
 * How the caller's documents are found, always through an index or by id (never a scan):
 *   field: `where({[field]: value})` on an indexed field (value = the openid unless `value` says);
 *   ids:   documents whose id derives from the openid.
 */
export type Finder = { kind: 'field'; field: string; value?: (openid: string) => string } | { kind: 'ids'; ids: (openid: string) => string[] };

/**
 *   none       holds nothing about any customer
 *   operator   holds operators' openids only (an operator leaves the allow-list before deleting)
 *   delete     the customer's personal data: deleted with the account
 *   anonymise  a financial record: kept (the law requires it) with the openid replaced by a
 *              pseudonym and contact details removed
 *   mixed      per document: financial ones anonymised, the rest deleted (see the reason)
 *   redact     an operator's record that mentions a customer: the mention is removed
 */
export type Treatment = 'none' | 'operator' | 'delete' | 'anonymise' | 'mixed' | 'redact';

export interface Coverage {
  treatment: Treatment;
  reason: string;
  /** How to find the caller's documents (every treatment except none/operator/redact has one). */
  find?: Finder;
  /** Where the page counts them. */
  group?: PrivacyGroupKey;
}

const byOpenid: Finder = { kind: 'field', field: 'openid' };
/** Documents carrying the person's openid in an `openid` field. */
const byOwner = (treatment: Coverage['treatment'], reason: string, group: NonNullable<Coverage['group']>): Coverage => ({ treatment, reason, find: byOpenid, group });
/** The person's one document, whose id derives from the openid. */
const byId = (idOf: (openid: string) => string): Finder => ({ kind: 'ids', ids: (o) => [idOf(o)] });

// Keyed by every declared collection (a new one without a row fails tsc); looked up by any name.
export const PRIVACY_COVERAGE: Record<CollectionName, Coverage> & Record<string, Coverage> = {
  products: { treatment: 'none', reason: 'catalog' },
  settings: { treatment: 'operator', reason: 'operator and owner openids (the allow-list); no customer data' },
  settings_changes: { treatment: 'operator', reason: 'who (an operator) changed settings' },
  orders: byOwner('anonymise', 'sales records (accounting, tax, WeChat Pay reconciliation by out_trade_no): kept; openid/unionid → pseudonym, request id and delivery name/phone/address removed', 'orders'),
  wallets: { treatment: 'anonymise', reason: 'stored-value account (prepaid-card rules): moved to wal_<pseudonym>, balance and lots kept', find: byId(walletIdOf), group: 'wallet' },
  wallet_entries: { treatment: 'anonymise', reason: 'the append-only ledger: kept, re-pointed at the moved wallet', find: { kind: 'field', field: 'walletId', value: walletIdOf }, group: 'wallet' },
  member_cards: { treatment: 'delete', reason: 'the card number and code secret of the person', find: byId(memberCardIdOf), group: 'membership' },
  addresses: { treatment: 'delete', reason: 'the address book: names, phones and addresses the person shipped to (orders and gift claims keep their own copy, anonymised there)', find: byId(addressBookIdOf), group: 'addresses' },
  carts: { treatment: 'delete', reason: 'what the person was about to buy: no record to keep', find: byId(cartIdOf), group: 'orders' },
  member_card_numbers: byOwner('delete', 'which card number was the person\'s', 'membership'),
  memberships: { treatment: 'delete', reason: 'membership status of the person (the fees stay in orders and events)', find: byId(membershipIdOf), group: 'membership' },
  entitlements: byOwner('mixed', 'claimed gifts are goods handed out (their cost is in the reports): kept, delivery details removed, tier-gift ids (derived from the openid) renamed; unclaimed ones are deleted', 'gifts'),
  gift_stock: { treatment: 'none', reason: 'stock counters per gift' },
  refunds: byOwner('anonymise', 'money paid back: kept; openid → pseudonym, request id removed', 'refunds'),
  events: byOwner('mixed', 'money events feed the reports: kept with the pseudonym; interaction events (visits, survey answers, coupon claims, message opens, life-stage changes) are deleted', 'events'),
  profiles: { treatment: 'delete', reason: 'segment profile, survey facts and tags', find: byId(profileIdOf), group: 'profile' },
  display_profiles: { treatment: 'delete', reason: 'the nickname and avatar the person chose (头像昵称): the document and the avatar file in storage', find: byId(displayProfileIdOf), group: 'display' },
  trial_reservations: byOwner('delete', 'the one-trial-per-customer rule: a deleted customer who comes back is a new customer', 'trials'),
  order_holds: { treatment: 'delete', reason: 'the unpaid orders a customer holds (hold limits): order ids, units and times, nothing financial', find: byId(holdIdOf), group: 'orders' },
  payment_closes: { treatment: 'none', reason: 'closeOrder outbox: out_trade_no, state and times only — no customer in it' },
  shipping_uploads: byOwner('anonymise', 'what was reported to WeChat for a payment: kept; payer openid → pseudonym, receiver contact removed', 'shipping'),
  audit_log: { treatment: 'redact', reason: 'operators\' records: a coupon granted to the customer names them (summary, copy of the coupon); gift-claim entries follow renamed claims' },
  product_images: { treatment: 'none', reason: 'catalog images' },
  wecom_syncs: { treatment: 'redact', reason: 'operators\' tag sync jobs: failures list openids, a paused job\'s cursor may be one' },
  wecom_calls: byOwner('delete', 'local WeCom recorder: calls made for the customer', 'wecom'),
  wecom_contacts: { treatment: 'delete', reason: 'WeCom external contact of the customer', find: byId(wecomContactIdOf), group: 'wecom' },
  report_rollups: { treatment: 'none', reason: 'sums per day and shard: no customer in them' },
  segment_snapshots: { treatment: 'none', reason: 'segment sizes per day' },
  migrations: { treatment: 'none', reason: 'which data migration steps ran, when, how many documents: no customer in them' },
  coupon_templates: { treatment: 'none', reason: 'operators\' coupon rules' },
  coupons: byOwner('mixed', 'a used coupon is part of an order\'s price: kept, renamed (its id derives from the openid), openid → pseudonym; coupons not used are deleted', 'coupons'),
  coupon_counters: byOwner('delete', 'per-customer issue counts (cpu_…); the template-wide counters hold no customer', 'coupons'),
  campaigns: { treatment: 'redact', reason: 'operators\' campaigns: a launch paused at this customer holds their openid as its cursor' },
  campaign_deliveries: byOwner('delete', 'who a campaign reached (contact record); the campaign\'s counters keep the report totals', 'messages'),
  campaign_stats: { treatment: 'none', reason: 'campaign counters per shard' },
  messages: byOwner('delete', 'subscription messages to the customer', 'messages'),
  contact_records: { treatment: 'delete', reason: 'send times for the contact cap', find: byId(contactIdOf), group: 'messages' },
  subscription_grants: { treatment: 'delete', reason: 'one-time subscription grants', find: { kind: 'ids', ids: (o) => MESSAGE_KINDS.map((k) => grantIdOf(o, k)) }, group: 'messages' },
  subscription_requests: byOwner('delete', 'idempotency of subscription answers', 'messages'),
  message_calls: byOwner('delete', 'local message recorder: sends to the customer', 'messages'),
  local_message_refusals: { treatment: 'delete', reason: 'local simulator: armed refusals for the customer (_id = openid)', find: { kind: 'ids', ids: (o) => [o] }, group: 'messages' },
  scheduler_state: { treatment: 'redact', reason: 'timed jobs\' bookkeeping: the segment re-derivation pass may be paused at this customer (cursor)' },
  platform_health: { treatment: 'none', reason: 'cloud-call outcomes per function (codes and times only)' },
  owner_claims: { treatment: 'delete', reason: 'the rate limit of the first-owner claim: failed tries of this account', find: byId(ownerClaimIdOf), group: 'profile' },
  limit_markers: {
    treatment: 'none',
    reason: 'keyed hashes (HMAC, secret PRIVACY_MARKER_KEY) of customer key + trial product / coupon template with a count: no openid, not reversible; they keep one-trial-per-customer and per-customer coupon limits across a deletion (privacy text says so)',
  },
  followup_lists: { treatment: 'operator', reason: 'operators\' follow-up lists: goal, script, staff names and openids; the customers are in followup_entries' },
  followup_entries: byOwner('delete', 'the customer on a follow-up list: staff, contact times, outcomes, conversion', 'profile'),
  followup_contacts: byOwner('delete', 'what staff recorded about conversations with the customer (facts, objection, note)', 'profile'),
  followup_holds: byOwner('delete', 'which open follow-up list the customer is on per goal', 'profile'),
  privacy_requests: { treatment: 'none', reason: 'deletion audit records: counts and times, never an openid (a running job holds the openid and the pseudonym only until it is done, then it is removed)' },
};

/** Collections with the customer's own documents, in the order an export lists them. */
export const OWN_COLLECTIONS = Object.entries(PRIVACY_COVERAGE)
  .filter(([, c]) => c.find)
  .map(([name]) => name as CollectionName);
