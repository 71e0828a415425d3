import { makeAutoObservable } from 'mobx';
import type { PrivacyAuthService, PrivacyResolution } from '../services/privacy-auth';
import { useStores } from './context';
import type { Resettable, RootStore } from './root-store';

type Resolve = (r: PrivacyResolution) => void;

/**
 * WeChat's privacy authorization, answered by our own prompt (components/privacy-popup). WeChat
 * holds a privacy API call (chooseMedia, …) and hands us `resolve`; the prompt shows until the
 * customer agrees — through the button with open-type="agreePrivacyAuthorization", whose id WeChat
 * checks — or declines, and every held call gets that answer. Registered once at app start.
 */
export class PrivacyAuthStore implements Resettable {
  /** Calls waiting for the answer (two privacy APIs at once share one prompt). */
  private waiting: Resolve[] = [];
  /** Which page asked (WeChat's `referrer`), for the log only. */
  referrer: string | undefined = undefined;

  constructor(private readonly service: PrivacyAuthService) {
    makeAutoObservable<PrivacyAuthStore, 'service'>(this, { service: false });
  }

  get open(): boolean {
    return this.waiting.length > 0;
  }

  /** WeChat needs the customer's answer: show the prompt (and tell WeChat it is shown). */
  ask(resolve: Resolve, info: { referrer?: string } = {}): void {
    this.waiting = [...this.waiting, resolve];
    this.referrer = info.referrer;
    resolve({ event: 'exposureAuthorization' });
  }

  /** The agree button was tapped: `buttonId` is its id (WeChat checks that button was the one tapped). */
  agree(buttonId: string): void {
    this.answer({ event: 'agree', buttonId });
  }

  decline(): void {
    this.answer({ event: 'disagree' });
  }

  openContract(): void {
    this.service.openContract();
  }

  /** Account switch: a held call is answered "no" rather than left hanging. */
  reset(): void {
    this.decline();
  }

  private answer(r: PrivacyResolution): void {
    const waiting = this.waiting;
    this.waiting = [];
    this.referrer = undefined;
    for (const resolve of waiting) resolve(r);
  }
}

const KEY = 'privacy-auth';

export const privacyAuthOf = (root: RootStore): PrivacyAuthStore => root.extension(KEY, (r) => new PrivacyAuthStore(r.services.privacyAuth));

export const usePrivacyAuth = (): PrivacyAuthStore => privacyAuthOf(useStores());

/** App start: WeChat's privacy prompts go to our store (weapp; nothing happens on H5). */
export function registerPrivacyAuthorization(root: RootStore): boolean {
  const store = privacyAuthOf(root);
  return root.services.privacyAuth.onNeed((resolve, info) => store.ask(resolve, info));
}
