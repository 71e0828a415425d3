import type { cartApi } from '@shared/api/cart';
import { callerOf, type Out } from './api-call';
import type { CallFunction } from './cloud';

/** Typed calls to the `cart` function (shared/api/cart.ts). */
export type { CartView } from '@shared/api/cart';
export type { CartLine } from '@shared/documents/cart';

type Api = typeof cartApi;

export interface CartService {
  get(): Out<Api, 'get'>;
  /** The line's quantity becomes `qty` (0 removes it): absolute, so a retry is harmless. */
  set(productId: string, qty: number): Out<Api, 'set'>;
  remove(productIds: string[]): Out<Api, 'remove'>;
}

export const createCartService = (call: CallFunction): CartService => {
  const cart = callerOf<Api>(call, 'cart');
  return {
    get: () => cart('get'),
    set: (productId, qty) => cart('set', { productId, qty }),
    remove: (productIds) => cart('remove', { productIds }),
  };
};
