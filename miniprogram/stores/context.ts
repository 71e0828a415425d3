import { createContext, useContext, useEffect, type DependencyList } from 'react';
import type { RootStore } from './root-store';

export const StoreContext = createContext<RootStore | null>(null);

/** The app's RootStore; pages are rendered inside App's provider, so it is always there. */
export function useStores(): RootStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useStores() outside StoreContext.Provider');
  return store;
}

/**
 * For a page that shows the customer's own data: runs `load` when the customer is signed in (again
 * after signing in, or when `deps` change); `signedIn` says whether the page shows its content or
 * the sign-in gate.
 */
export function useWhenSignedIn(load: () => void, deps: DependencyList): { root: RootStore; signedIn: boolean } {
  const root = useStores();
  const signedIn = root.session.isLoggedIn;
  useEffect(() => {
    if (signedIn) load();
    // `load` is a fresh closure every render: `deps` name what it reads.
  }, [signedIn, ...deps]);
  return { root, signedIn };
}
