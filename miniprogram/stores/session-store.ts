import { makeAutoObservable } from 'mobx';
import type { DevIdentity } from '../services/dev-identity';
import type { Platform } from '../services';

/**
 * Who is using the app. On weapp WeChat supplies the identity with every cloud call, so the user
 * is always signed in. On H5 (local mode) the dev login picks an openid for the gateway.
 */
export class SessionStore {
  devOpenid: string | undefined;

  constructor(
    readonly platform: Platform,
    private readonly identity: DevIdentity,
  ) {
    this.devOpenid = platform === 'h5' ? identity.get() : undefined;
    makeAutoObservable<SessionStore, 'identity'>(this, { platform: false, identity: false });
  }

  get isLoggedIn(): boolean {
    return this.platform === 'weapp' || this.devOpenid !== undefined;
  }

  signInDev(openid: string): void {
    this.identity.set(openid);
    this.devOpenid = openid;
  }

  signOutDev(): void {
    this.identity.clear();
    this.devOpenid = undefined;
  }
}
