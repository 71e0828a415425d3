import { makeAutoObservable } from 'mobx';
import type { MemberService, TrialUseView } from '../services/member';
import { Loader } from './loader';

/**
 * The customer's trial purchases (member.trials), so the shop can say "已购买过" on a trial and
 * point to the full product before the customer tries to order it again. Advisory only: the
 * server enforces one trial per customer at payment time (TRIAL_ALREADY_USED), and a failed load
 * simply shows no "已购买过" state.
 */
export class TrialsStore {
  uses: TrialUseView[] = [];
  loading = false;
  loaded = false;
  error: string | undefined = undefined;
  private readonly loader = new Loader(this);

  constructor(private readonly service: MemberService) {
    makeAutoObservable<TrialsStore, 'service' | 'loader'>(this, { service: false, loader: false });
  }

  /** The trial purchase of `productId` (used, or reserved by an order in progress), if any. */
  useOf(productId: string): TrialUseView | undefined {
    return this.uses.find((u) => u.productId === productId);
  }

  async load(): Promise<void> {
    await this.loader.load(() => this.service.trials(), (d) => (this.uses = d.trials));
  }

  ensureLoaded(): Promise<void> {
    return this.loader.ensureLoaded(() => this.load());
  }

  /** An order was placed: what was bought may have changed; reload when next shown. */
  markStale(): void {
    this.loader.markStale();
  }

  reset(): void {
    this.loader.reset();
    this.uses = [];
  }
}
