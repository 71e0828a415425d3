import { orderApi } from '../../shared/api/order';
import { serve } from '../_kit/contract-actions';
import { settlesEvents } from '../_consumers/settle';
import { cancelOrder, combinedQuote, countOrders, createOrder, getOrder, listOrders, payOrder, requestRefund } from './use-cases';

/** The `order` function; inputs, outputs and error codes are declared in shared/api/order.ts. */
export const main = serve('order', orderApi, {
  create: { run: settlesEvents(createOrder) },
  combinedQuote: { run: combinedQuote },
  get: { run: getOrder },
  list: { run: listOrders },
  counts: { run: countOrders },
  pay: { run: payOrder },
  cancel: { run: cancelOrder },
  refund: { run: settlesEvents(requestRefund) },
});
