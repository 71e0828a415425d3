import { z } from 'zod';
import { MAX_SAVED_ADDRESSES, type SavedAddress } from '../gifts/address-book';
import { epochMs, int } from './fields';

/**
 * A customer's address book (`addresses`, _id adr_<openid>): one document, so recording a use or
 * removing an entry is one transaction on it. Personal data: deleted with the account.
 */
export const addressBookIdOf = (openid: string) => `adr_${openid}`;

export interface AddressBookDoc {
  _id: string;
  openid: string;
  entries: SavedAddress[];
  updatedAt: number;
  version: number;
}

export const savedAddressSchema: z.ZodType<SavedAddress> = z
  .object({ name: z.string().min(1).max(20), phone: z.string().regex(/^1\d{10}$/), address: z.string().min(5).max(120), lastUsedAt: epochMs })
  .strict();

export const addressBookDocSchema: z.ZodType<AddressBookDoc> = z.looseObject({
  _id: z.string(),
  openid: z.string(),
  entries: z.array(savedAddressSchema).max(MAX_SAVED_ADDRESSES),
  updatedAt: epochMs,
  version: int,
});
