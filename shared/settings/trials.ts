import { z } from 'zod';

/** Trial products (PRODUCT.md "Trials"). */
export const trialSettings = {
  /**
   * Refunding a trial product: does the customer get to buy that trial again? PRODUCT.md leaves
   * it configurable; default no, so buy → refund → buy again cannot farm a loss-making trial.
   */
  trialRefundRestoresEligibility: z.boolean().default(false),
};
