import { makeAutoObservable, runInAction } from 'mobx';
import { userMessage } from '@shared/errors/messages';
import type { MemberService, TrialUseView } from '../services/member';

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
  private generation = 0;

  constructor(private readonly service: MemberService) {
    makeAutoObservable<TrialsStore, 'service' | 'generation'>(this, { service: false, generation: false });
  }

  /** The trial purchase of `productId` (used, or reserved by an order in progress), if any. */
  useOf(productId: string): TrialUseView | undefined {
    return this.uses.find((u) => u.productId === productId);
  }

  async load(): Promise<void> {
    const generation = ++this.generation;
    this.loading = true;
    this.error = undefined;
    const reply = await this.service.trials();
    if (generation !== this.generation) return;
    runInAction(() => {
      this.loading = false;
      if (!reply.ok) {
        this.error = userMessage(reply.error.code, reply.error.message);
        return;
      }
      this.uses = reply.data.trials;
      this.loaded = true;
    });
  }

  ensureLoaded(): Promise<void> {
    return this.loaded || this.loading ? Promise.resolve() : this.load();
  }

  /** An order was placed: what was bought may have changed; reload when next shown. */
  markStale(): void {
    this.loaded = false;
  }

  reset(): void {
    this.generation++;
    this.uses = [];
    this.loading = false;
    this.loaded = false;
    this.error = undefined;
  }
}
