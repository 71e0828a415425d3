import { z } from 'zod';
import { SPEND_RULES } from '../ledger/lots';
import { nonNegativeFenSchema, positiveFenSchema } from '../money/fen';
import { settingIdSchema } from './fields';

/** Stored value (PRODUCT.md "Wallet"): top-up plans, the legal cap, how payments draw from lots, the card terms. */
export const topUpPlanSchema = z
  .object({
    id: settingIdSchema,
    principalFen: positiveFenSchema,
    bonusFen: nonNegativeFenSchema,
    active: z.boolean().default(true),
  })
  .strict();
export type TopUpPlan = z.infer<typeof topUpPlanSchema>;

const DEFAULT_TERMS_TEXT =
  '1. 储值余额仅限本店使用，不可转让、不计利息。\n' +
  '2. 单个实名账户余额上限为 5000 元（依《单用途商业预付卡管理办法》）。\n' +
  '3. 未使用的充值本金可随时申请退还；赠送金额不予退还，退款时一并作废。\n' +
  '4. 消费时按每笔充值的本金与赠送金额比例同时扣减，先充值的先使用。';

export const walletSettings = {
  topUpPlans: z
    .array(topUpPlanSchema)
    .max(20)
    .prefault([
      { id: 'topup-500', principalFen: 50_000, bonusFen: 3_000 },
      { id: 'topup-1000', principalFen: 100_000, bonusFen: 10_000 },
      { id: 'topup-3000', principalFen: 300_000, bonusFen: 40_000 },
    ]),
  customTopUp: z
    .object({ enabled: z.boolean(), minFen: positiveFenSchema, maxFen: positiveFenSchema })
    .strict()
    .default({ enabled: true, minFen: 1_000, maxFen: 500_000 }),
  /** 单用途商业预付卡: a named balance may not exceed this. */
  namedBalanceCapFen: positiveFenSchema.default(500_000),
  /** How a balance payment draws from lots (shared/ledger/lots.ts). */
  spendRule: z.enum(SPEND_RULES).default('proportional'),
  cardTerms: z
    .object({ version: z.string().min(1).max(20), text: z.string().min(1).max(5000) })
    .strict()
    .default({ version: '2026-01', text: DEFAULT_TERMS_TEXT }),
};
