import { useStores } from '../../../stores/context';
import type { RootStore } from '../../../stores/root-store';
import { PrivacyStore } from './privacy-store';

/** The page's state lives in this subpackage (built on first use; reset with the rest on account switch). */
export const privacyOf = (root: RootStore): PrivacyStore =>
  root.extension('privacy', (r) => new PrivacyStore(r.services.privacy, r.services.csvFile, r.intents, () => r.forgetCustomer()));

export function usePrivacy(): PrivacyStore {
  return privacyOf(useStores());
}
