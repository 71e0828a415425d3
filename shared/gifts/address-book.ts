import type { Delivery } from './delivery';

/**
 * The customer's address book: the 快递到家 addresses they really used (an order shipped to it, a
 * gift claimed to it), last used first. Pure rules; the document is shared/documents/address-book.ts
 * and the server records a use after the order or claim commits (cloudfunctions/_addresses).
 */

/** At most this many addresses are kept: the 11th distinct one pushes out the least recently used. */
export const MAX_SAVED_ADDRESSES = 10;

export interface SavedAddress {
  name: string;
  phone: string;
  address: string;
  /** Epoch ms of the last order or claim that used it: the book lists the latest first. */
  lastUsedAt: number;
}

/** What `customer.addresses` answers: the saved addresses, last used first. */
export interface AddressBookView {
  addresses: SavedAddress[];
}

export type AddressFields = Pick<SavedAddress, 'name' | 'phone' | 'address'>;

/** Two uses are the same address when name, phone and address are the same (as validated: trimmed). */
export const sameAddress = (a: AddressFields, b: AddressFields) => a.name === b.name && a.phone === b.phone && a.address === b.address;

/** The address a delivery used, or undefined for 到店自提 (nothing to remember). */
export const addressOf = (d: Delivery | undefined): AddressFields | undefined =>
  d && d.method === 'address' ? { name: d.name, phone: d.phone, address: d.address } : undefined;

/** Last used first (a tie keeps the stored order). */
export const byLastUsed = (entries: readonly SavedAddress[]): SavedAddress[] => [...entries].sort((a, b) => b.lastUsedAt - a.lastUsedAt);

/**
 * The book after `used` was used at `now`: moved to the front with its time bumped if it was there,
 * otherwise added in front; the least recently used ones beyond MAX_SAVED_ADDRESSES are dropped.
 * A use older than the entry's own time (a late retry) never moves it back.
 */
export function recordUse(entries: readonly SavedAddress[], used: AddressFields, now: number): SavedAddress[] {
  const prior = entries.find((e) => sameAddress(e, used));
  const rest = entries.filter((e) => !sameAddress(e, used));
  const entry: SavedAddress = { name: used.name, phone: used.phone, address: used.address, lastUsedAt: Math.max(now, prior?.lastUsedAt ?? 0) };
  return byLastUsed([entry, ...rest]).slice(0, MAX_SAVED_ADDRESSES);
}

/** The book without `gone` (absent: unchanged). */
export const removeAddress = (entries: readonly SavedAddress[], gone: AddressFields): SavedAddress[] => entries.filter((e) => !sameAddress(e, gone));
