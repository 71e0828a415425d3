import { z } from 'zod';
import { action, createHandler } from '../_kit';
import { requestIdSchema } from '../_kit/input';
import { deleteAccount, sweep } from '../_privacy/delete-account';
import { exportPage } from '../_privacy/export';
import { summary } from '../_privacy/summary';

/**
 * A customer's privacy rights (PIPL, issue 7): see what we hold about them, export it, delete the
 * account. Identity comes from the platform context only, so a customer can only ever reach their
 * own data. The timer finishes deletions a customer left running.
 */
export const main = createHandler({
  name: 'privacy',
  onTimer: 'sweep',
  actions: {
    summary: action({ input: z.object({}).strict(), auth: 'customer', run: summary }),
    export: action({ input: z.object({ cursor: z.string().min(1).max(400).optional() }).strict(), auth: 'customer', run: exportPage }),
    deleteAccount: action({
      input: z.object({ confirm: z.literal(true, '请先确认注销'), requestId: requestIdSchema }).strict(),
      labels: { confirm: '确认注销' },
      auth: 'customer',
      run: (input, ctx) => deleteAccount(input, ctx),
    }),
    // Finishes deletions left running (the customer closed the app mid-way).
    sweep: action({ input: z.object({}).strict(), auth: 'system', sources: ['timer'], run: (input, ctx) => sweep(input, ctx) }),
  },
});
