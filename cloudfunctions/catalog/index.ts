import { catalogApi } from '../../shared/api/catalog';
import { createHandler } from '../_kit';
import { implement } from '../_kit/contract-actions';
import { listProducts } from './list-products';
import { publicSettings } from './public-settings';

/** The `catalog` function; its contract is shared/api/catalog.ts. */
export const main = createHandler({
  name: 'catalog',
  actions: implement(catalogApi, {
    list: { run: listProducts },
    settings: { run: publicSettings },
  }),
});
