import { createContext, useContext } from 'react';
import type { RootStore } from './root-store';

export const StoreContext = createContext<RootStore | null>(null);

/** The app's RootStore; pages are rendered inside App's provider, so it is always there. */
export function useStores(): RootStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useStores() outside StoreContext.Provider');
  return store;
}
