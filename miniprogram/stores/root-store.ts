import { makeAutoObservable } from 'mobx';
import type { Services } from '../services';
import { CatalogStore } from './catalog-store';
import { SessionStore } from './session-store';

/** The app's state, built from services so tests can hand in fakes (DESIGN rule 10). */
export class RootStore {
  readonly session: SessionStore;
  readonly catalog: CatalogStore;

  constructor(services: Services) {
    this.session = new SessionStore(services.platform, services.identity);
    this.catalog = new CatalogStore(services.catalog);
    makeAutoObservable(this, { session: false, catalog: false });
  }

  /** H5 dev login: become `openid` and reload what depends on who is asking. */
  signInDev(openid: string): Promise<void> {
    this.session.signInDev(openid);
    this.catalog.reset();
    return this.catalog.load();
  }

  /** "切换账号": drop the identity; the pages show the dev login until a new one is chosen. */
  signOutDev(): void {
    this.session.signOutDev();
    this.catalog.reset();
  }
}
