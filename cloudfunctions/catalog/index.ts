import { catalogApi } from '../../shared/api/catalog';
import { serve } from '../_kit/contract-actions';
import { listProducts } from './list-products';
import { publicSettings } from './public-settings';

/** The `catalog` function; its contract is shared/api/catalog.ts. */
export const main = serve('catalog', catalogApi, {
  list: { run: listProducts },
  settings: { run: publicSettings },
});
