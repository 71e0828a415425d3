import { z } from 'zod';
import { positiveFenSchema } from '../money/fen';

/** Segment rules (shared/segments/keys.ts): lifecycle stage boundaries and the thresholds PRODUCT.md leaves to the operator. */
export const segmentRulesSchema = z
  .object({
    /** layer:ironfan = engaged and qualifying spend ≥ this (PRODUCT.md: e.g. ¥10,000). */
    ironFanSpendFen: positiveFenSchema.default(1_000_000),
    /** tier:near = the next tier threshold is at most this far away. */
    tierNearFen: positiveFenSchema.default(100_000),
    /** member:expiring = membership ends within this many days. */
    memberExpiringDays: z.number().int().min(1).max(365).default(30),
    /** Visits (distinct business days) that make a customer "engaged" on their own; a first visit alone is still "new". */
    engagedMinVisits: z.number().int().min(1).max(365).default(2),
  })
  .strict();

export const segmentSettings = {
  /** Days since the last standing purchase that end each life stage (must increase; checked in ./index.ts). */
  lifecycleDays: z
    .object({ active: z.number().int().min(1), silent: z.number().int().min(1), sleeping: z.number().int().min(1) })
    .strict()
    .default({ active: 30, silent: 90, sleeping: 180 }),
  /** Segment rule thresholds (issue 5). */
  segmentRules: segmentRulesSchema.prefault({}),
};
