import { z } from 'zod';
import { action, createHandler } from '../_kit';
import { requestIdSchema } from '../_kit/input';
import { answerSurvey, clearSurvey, survey, visit } from './use-cases';

const idSchema = z.string().min(1).max(40);

/**
 * The customer's own interactions (issue 5, PRODUCT.md "First response"): the daily visit, the
 * onboarding survey and its answers. Each writes an interaction event (the outbox) that the profile
 * consumer folds into the caller's profile right away.
 */
export const main = createHandler({
  name: 'customer',
  actions: {
    visit: action({ input: z.object({}).strict(), auth: 'customer', run: visit }),
    survey: action({ input: z.object({}).strict(), auth: 'customer', run: survey }),
    answerSurvey: action({
      input: z
        .object({
          answers: z.array(z.object({ questionId: idSchema, optionIds: z.array(idSchema).max(12) }).strict()).min(1).max(10),
          requestId: requestIdSchema,
        })
        .strict(),
      labels: { answers: '问卷回答' },
      auth: 'customer',
      run: answerSurvey,
    }),
    clearSurvey: action({ input: z.object({ requestId: requestIdSchema }).strict(), auth: 'customer', run: clearSurvey }),
  },
});
