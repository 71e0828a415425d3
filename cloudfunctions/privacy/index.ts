import { privacyApi } from '../../shared/api/privacy';
import { serve } from '../_kit/contract-actions';
import { deleteAccount, sweep } from '../_privacy/delete-account';
import { exportPage } from '../_privacy/export';
import { summary } from '../_privacy/summary';

/**
 * A customer's privacy rights (PIPL, issue 7, shared/api/privacy.ts): see what we hold about them,
 * export it, delete the account. Identity comes from the platform context only, so a customer can
 * only ever reach their own data. The timer finishes deletions a customer left running.
 */
export const main = serve('privacy', privacyApi, {
  summary: { run: summary },
  export: { run: exportPage },
  deleteAccount: { labels: { confirm: '确认注销' }, run: (input, ctx) => deleteAccount(input, ctx) },
  // Finishes deletions left running (the customer closed the app mid-way).
  sweep: { sources: ['timer'], run: (input, ctx) => sweep(input, ctx) },
}, { onTimer: 'sweep' });
