import { z } from 'zod';
import { positiveFenSchema } from '../money/fen';
import { giftPackSchema } from './gifts';

/** Spend tiers (PRODUCT.md "Tiers"): a gift per qualifying-spend threshold. */
export const tierSchema = z
  .object({
    thresholdFen: positiveFenSchema,
    gift: giftPackSchema,
  })
  .strict();

const tierGift = (id: string, name: string, valueFen: number, costFen: number, item: string, stock: number) => ({
  id,
  name,
  valueFen,
  costFen,
  items: [item],
  stock,
  claimDays: 90,
});

export const tierSettings = {
  tiers: z
    .array(tierSchema)
    .max(10)
    .prefault([
      { thresholdFen: 500_000, gift: tierGift('tier-5k', '¥5,000 消费礼', 30_000, 12_000, '精选礼盒', 500) },
      { thresholdFen: 1_000_000, gift: tierGift('tier-10k', '¥10,000 消费礼', 80_000, 30_000, '高定礼盒', 300) },
      { thresholdFen: 5_000_000, gift: tierGift('tier-50k', '¥50,000 消费礼', 300_000, 120_000, '年度珍藏套装', 100) },
      { thresholdFen: 10_000_000, gift: tierGift('tier-100k', '¥100,000 消费礼', 800_000, 300_000, '私享定制礼遇', 50) },
    ]),
  /** Qualifying spend: whether the bonus-funded part of balance payments counts (PRODUCT.md: no). */
  qualifyingIncludesBonus: z.boolean().default(false),
};
