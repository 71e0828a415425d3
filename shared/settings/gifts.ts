import { z } from 'zod';
import { nonNegativeFenSchema } from '../money/fen';
import { settingIdSchema } from './fields';

/**
 * A gift pack: a membership's welcome pack or a tier's gift. Both share one stock namespace
 * (gift_stock/gst_<giftId>), which is why their ids must differ (checked in ./index.ts).
 */
export const giftPackSchema = z
  .object({
    id: settingIdSchema,
    name: z.string().min(1).max(40),
    /** Retail value of the pack — shown to members, used in refund reductions and profit reports. */
    valueFen: nonNegativeFenSchema,
    /** What it costs the brand (profit reports). */
    costFen: nonNegativeFenSchema.default(0),
    items: z.array(z.string().min(1).max(40)).max(20).default([]),
    stock: z.number().int().min(0),
    /** Days after the grant during which it can be claimed. */
    claimDays: z.number().int().min(1).max(3650),
  })
  .strict();
export type GiftPack = z.infer<typeof giftPackSchema>;
