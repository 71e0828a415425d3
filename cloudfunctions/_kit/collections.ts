import { COLLECTIONS, type CollectionName } from '../../shared/schemas/indexes';

export type { CollectionName };

/**
 * Every collection's name, keyed by itself (`COLL.wallet_entries === 'wallet_entries'`), derived
 * from the one declaration in shared/schemas/indexes.ts: there is no second list to keep in step,
 * a collection that is not declared cannot be named (tsc), and searching for a collection's name
 * finds every place that uses it.
 */
export const COLL = Object.freeze(Object.fromEntries(COLLECTIONS.map((c) => [c.name, c.name]))) as { readonly [N in CollectionName]: N };
