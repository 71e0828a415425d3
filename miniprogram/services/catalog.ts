import type { catalogApi } from '@shared/api/catalog';
import { callerOf, type Out } from './api-call';
import type { CallFunction } from './cloud';

type Api = typeof catalogApi;

/** Typed calls to the `catalog` function (shared/api/catalog.ts): both actions take no input. */
export interface CatalogService {
  list(): Out<Api, 'list'>;
  settings(): Out<Api, 'settings'>;
}

export const createCatalogService = (call: CallFunction): CatalogService => {
  const catalog = callerOf<Api>(call, 'catalog');
  return { list: () => catalog('list'), settings: () => catalog('settings') };
};
