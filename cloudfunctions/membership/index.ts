import { membershipApi } from '../../shared/api/membership';
import { serve } from '../_kit/contract-actions';
import { settlesEvents } from '../_consumers/settle';
import { buyMembership, claimPack, refund, refundQuote, status } from './use-cases';

/** The `membership` function; its contract is shared/api/membership.ts. */
export const main = serve('membership', membershipApi, {
  buy: { run: settlesEvents(buyMembership) },
  status: { run: status },
  claimPack: { run: settlesEvents(claimPack) },
  refundQuote: { run: refundQuote },
  refund: { run: settlesEvents(refund) },
});
