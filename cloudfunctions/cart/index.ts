import { cartApi } from '../../shared/api/cart';
import { serve } from '../_kit/contract-actions';
import { getCart, removeLines, setLine } from './cart';

/** The `cart` function; its contract is shared/api/cart.ts. */
export const main = serve('cart', cartApi, {
  get: { run: getCart },
  set: { run: setLine },
  remove: { run: removeLines },
});
