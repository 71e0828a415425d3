import { z } from 'zod';
import { deliverySchema } from '../../shared/gifts/delivery';
import { settlesEvents } from '../_events/settle';
import { action, createHandler } from '../_kit';
import { requestIdSchema } from '../_kit/input';
import { claimGift, tiers } from './tiers';
import { trials } from './trials';

const noInput = z.object({}).strict();

/** Member-facing progress: cumulative-spend tiers and their gifts, trial purchases (API.md `member`). */
export const main = createHandler({
  name: 'member',
  actions: {
    tiers: action({ input: noInput, auth: 'customer', run: tiers }),
    claimGift: action({
      input: z.object({ giftId: z.string().min(1).max(40), delivery: deliverySchema.optional(), requestId: requestIdSchema }).strict(),
      auth: 'customer',
      run: settlesEvents(claimGift),
    }),
    trials: action({ input: noInput, auth: 'customer', run: trials }),
  },
});
