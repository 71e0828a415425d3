import { z } from 'zod';
import { ok } from '../../shared/errors/result';
import { action, createHandler } from '../_kit';
import { requestIdSchema } from '../_kit/input';
import { grantsOf, recordSubscribeResults, SUBSCRIBE_RESULTS } from '../_campaigns/grants';
import { inbox, openMessage } from '../_campaigns/inbox';

const result = z.enum(SUBSCRIBE_RESULTS);

/**
 * The customer's side of subscription messages (issue 6): how many one-time grants they gave us,
 * recording what they answered to wx.requestSubscribeMessage, the messages that reached them, and
 * opening one (an interaction event).
 */
export const main = createHandler({
  name: 'messages',
  actions: {
    grants: action({ input: z.object({}).strict(), auth: 'customer', run: async (_i, ctx) => ok(await grantsOf(ctx.db, ctx.openid, await ctx.settings())) }),
    subscribeResult: action({
      input: z.object({ results: z.object({ promotion: result.optional(), renewal: result.optional() }).strict(), requestId: requestIdSchema }).strict(),
      auth: 'customer',
      run: async (i, ctx) => recordSubscribeResults(ctx.db, ctx.openid, i.results, i.requestId, ctx.now(), await ctx.settings()),
    }),
    inbox: action({ input: z.object({ cursor: z.number().int().positive().optional() }).strict(), auth: 'customer', run: inbox }),
    open: action({ input: z.object({ messageId: z.string().min(1).max(64) }).strict(), auth: 'customer', run: openMessage }),
  },
});
