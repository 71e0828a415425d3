import type { z } from 'zod';
import type { CollectionName } from '../schemas/indexes';
import { holdDocSchema } from './hold';
import { membershipDocSchema } from './membership';
import { entryDocSchema, walletDocSchema } from './wallet';
import { orderDocSchema } from './order';
import { refundDocSchema } from './refund';
import { entitlementDocSchema } from './entitlement';
import { shippingUploadDocSchema } from './shipping-upload';
import { cardNumberDocSchema, memberCardDocSchema } from './member-card';
import { cartDocSchema } from './cart';
import { displayProfileDocSchema } from './display-profile';
import { addressBookDocSchema } from './address-book';
import { followupContactDocSchema, followupEntryDocSchema, followupHoldDocSchema, followupListDocSchema } from './followup';

/**
 * The schema of each collection's documents, where one is declared (shared/documents/<doc>.ts).
 * `_kit`'s reads check what they read against it (cloudfunctions/_kit/stored-docs.ts).
 */
export const DOCUMENT_SCHEMAS: Partial<Record<CollectionName, z.ZodType>> = {
  wallets: walletDocSchema,
  wallet_entries: entryDocSchema,
  memberships: membershipDocSchema,
  order_holds: holdDocSchema,
  orders: orderDocSchema,
  refunds: refundDocSchema,
  entitlements: entitlementDocSchema,
  shipping_uploads: shippingUploadDocSchema,
  member_cards: memberCardDocSchema,
  member_card_numbers: cardNumberDocSchema,
  carts: cartDocSchema,
  display_profiles: displayProfileDocSchema,
  addresses: addressBookDocSchema,
  followup_lists: followupListDocSchema,
  followup_entries: followupEntryDocSchema,
  followup_contacts: followupContactDocSchema,
  followup_holds: followupHoldDocSchema,
};
