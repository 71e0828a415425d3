import type { Envelope } from '@shared/errors/envelope';
import type { PublicProduct } from '@shared/schemas/product';
import type { PublicSettings } from '@shared/schemas/settings';
import type { CallFunction } from './cloud';

/** Typed calls to the `catalog` function (API.md): both actions take no input. */
export interface CatalogService {
  list(): Promise<Envelope<{ products: PublicProduct[] }>>;
  settings(): Promise<Envelope<PublicSettings>>;
}

export const createCatalogService = (call: CallFunction): CatalogService => ({
  list: () => call<{ products: PublicProduct[] }>('catalog', { action: 'list' }),
  settings: () => call<PublicSettings>('catalog', { action: 'settings' }),
});
