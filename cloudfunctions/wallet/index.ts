import { z } from 'zod';
import { nonNegativeFenSchema, positiveFenSchema } from '../../shared/money/fen';
import { action, createHandler } from '../_kit';
import { settlesEvents } from '../_events/settle';
import { requestIdSchema } from '../_kit/input';
import { quote } from './refund-wallet';
import { topUp } from './top-up';
import { balance, entries, refund, terms } from './use-cases';

const noInput = z.object({}).strict();

export const main = createHandler({
  name: 'wallet',
  actions: {
    terms: action({ input: noInput, auth: 'customer', run: terms }),
    topUp: action({
      input: z
        .object({
          planId: z.string().min(1).max(40).optional(),
          amountFen: positiveFenSchema.optional(),
          // The amounts the customer was shown and confirmed (issue 15: stale offers are refused, not charged).
          expected: z.object({ principalFen: positiveFenSchema, bonusFen: nonNegativeFenSchema }).strict().optional(),
          acceptTerms: z.boolean().optional(),
          requestId: requestIdSchema,
        })
        .strict(),
      auth: 'customer',
      run: topUp,
    }),
    balance: action({ input: noInput, auth: 'customer', run: balance }),
    entries: action({ input: z.object({ cursor: z.number().int().positive().optional() }).strict(), auth: 'customer', run: entries }),
    refundQuote: action({ input: noInput, auth: 'customer', run: quote }),
    refund: action({ input: z.object({ requestId: requestIdSchema }).strict(), auth: 'customer', run: settlesEvents(refund) }),
  },
});
