import { z } from 'zod';
import type { Delivery, Fulfilment } from '../gifts/delivery';
import type { EntitlementDoc } from './index';
import { epochMs, fen, int, objectWith } from './fields';

/** A gift a customer may claim (`entitlements`): the welcome pack of a membership term, or a tier gift. */
export const entitlementDocSchema: z.ZodType<EntitlementDoc> = z.looseObject({
  _id: z.string(),
  openid: z.string(),
  source: z.enum(['welcome', 'tier']),
  giftId: z.string(),
  name: z.string(),
  items: z.array(z.string()),
  valueFen: fen,
  costFen: fen,
  status: z.enum(['available', 'claimed', 'void', 'suspended', 'expired']),
  grantedAt: epochMs,
  claimDeadline: epochMs,
  orderId: z.string().optional(),
  claimedAt: epochMs.optional(),
  delivery: objectWith<Delivery>('method').optional(),
  fulfilment: objectWith<Fulfilment>('state').optional(),
  suspendedRemainingMs: int.min(0).optional(),
  suspendedAt: epochMs.optional(),
  version: int,
});
