import { z } from 'zod';
import { action, createHandler } from '../_kit';
import { listProducts } from './list-products';
import { publicSettings } from './public-settings';

const noInput = z.object({}).strict();

export const main = createHandler({
  name: 'catalog',
  actions: {
    list: action({ input: noInput, auth: 'customer', run: listProducts }),
    settings: action({ input: noInput, auth: 'customer', run: publicSettings }),
  },
});
