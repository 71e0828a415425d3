/**
 * The ONE declaration of collections and indexes. The local emulator builds its in-memory
 * indexes (and unique constraints) from this list, and deployment (`npm run deploy`) creates the
 * same collections and indexes in the real CloudBase environment. Add new ones here only.
 */
export type IndexDirection = 1 | -1;

export interface IndexDecl {
  /** Index name as created in CloudBase (unique per collection). */
  name: string;
  /** Ordered key fields (dot paths allowed). A field holding an array is indexed per element. */
  keys: Record<string, IndexDirection>;
  unique?: boolean;
}

export interface CollectionDecl {
  name: string;
  indexes: IndexDecl[];
  /** Why the collection exists, for the next engineer reading the deploy dry-run. */
  purpose: string;
}

export const COLLECTIONS: CollectionDecl[] = [
  {
    name: 'products',
    purpose: 'catalog: regular and trial products, prices in fen',
    indexes: [
      { name: 'status_sort', keys: { status: 1, sort: 1 } },
      { name: 'fullProductId', keys: { fullProductId: 1 } },
    ],
  },
  {
    name: 'settings',
    purpose: 'one validated settings document (_id "global") plus its change log',
    indexes: [],
  },
  {
    name: 'settings_changes',
    purpose: 'who changed settings when, before → after',
    indexes: [{ name: 'at', keys: { at: -1 } }],
  },
];

export const collectionNames = (): string[] => COLLECTIONS.map((c) => c.name);
