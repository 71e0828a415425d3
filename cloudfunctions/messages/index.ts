import { messagesApi } from '../../shared/api/messages';
import { ok } from '../../shared/errors/result';
import { serve } from '../_kit/contract-actions';
import { grantsOf, recordSubscribeResults } from '../_campaigns/grants';
import { inbox, openMessage } from './inbox';

/**
 * The customer's side of subscription messages (issue 6, shared/api/messages.ts): how many one-time
 * grants they gave us, recording what they answered to wx.requestSubscribeMessage, the messages
 * that reached them, and opening one (an interaction event).
 */
export const main = serve('messages', messagesApi, {
  grants: { run: async (_i, ctx) => ok(await grantsOf(ctx.db, ctx.openid, await ctx.settings())) },
  subscribeResult: { run: async (i, ctx) => recordSubscribeResults(ctx.db, ctx.openid, i.results, i.requestId, ctx.now(), await ctx.settings()) },
  inbox: { run: inbox },
  open: { run: openMessage },
});
