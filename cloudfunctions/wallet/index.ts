import { walletApi } from '../../shared/api/wallet';
import { serve } from '../_kit/contract-actions';
import { settlesEvents } from '../_consumers/settle';
import { quote } from './refund-wallet';
import { topUp } from './top-up';
import { balance, entries, refund, terms } from './use-cases';

/** The `wallet` function; its contract is shared/api/wallet.ts. */
export const main = serve('wallet', walletApi, {
  terms: { run: terms },
  topUp: { run: topUp },
  balance: { run: balance },
  entries: { run: entries },
  refundQuote: { run: quote },
  refund: { run: settlesEvents(refund) },
});
