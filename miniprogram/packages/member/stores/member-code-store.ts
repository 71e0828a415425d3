import { makeAutoObservable, runInAction } from 'mobx';
import type { MemberCodeView } from '@shared/api/member';
import type { MemberService } from '../../../services/member';
import { Loader } from '../../../stores/loader';
import { useStores } from '../../../stores/context';
import type { RootStore } from '../../../stores/root-store';

/** Bounds on the wait for the next code: a phone clock that is off can neither stall nor spin it. */
const MIN_WAIT_MS = 3_000;
const MAX_WAIT_MS = 60_000;

/**
 * 会员码: the code shown now, fetched again when the server says it is replaced (every minute).
 * Only the server can make a code (the secret never reaches the phone); while the page is shown
 * the store keeps one timer, stopped when the page hides.
 */
export class MemberCodeStore {
  view: MemberCodeView | undefined = undefined;
  loading = false;
  loaded = false;
  error: string | undefined = undefined;
  private timer: ReturnType<typeof setTimeout> | undefined = undefined;
  private readonly loader = new Loader(this);

  constructor(
    private readonly service: MemberService,
    private readonly now: () => number = Date.now,
  ) {
    makeAutoObservable<MemberCodeStore, 'service' | 'now' | 'timer' | 'loader'>(this, { service: false, now: false, timer: false, loader: false });
  }

  /** Show the code and keep it current until `stop`. */
  async start(): Promise<void> {
    this.stopTimer();
    const applied = await this.loader.load(() => this.service.code(), (v) => (this.view = v));
    const next = this.view ? Math.min(MAX_WAIT_MS, Math.max(MIN_WAIT_MS, this.view.refreshAt - this.now() + 500)) : MAX_WAIT_MS;
    // A failed fetch tries again on the same schedule; the page shows the error meanwhile.
    if (applied || this.error) runInAction(() => (this.timer = setTimeout(() => void this.start(), next)));
  }

  stop(): void {
    this.stopTimer();
  }

  /** Seconds until the shown code is replaced (for 「xx 秒后更新」). */
  secondsLeft(now: number): number {
    return this.view ? Math.max(0, Math.ceil((this.view.refreshAt - now) / 1000)) : 0;
  }

  private stopTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  reset(): void {
    this.stopTimer();
    this.loader.reset();
    this.view = undefined;
  }
}

export const memberCodeOf = (root: RootStore): MemberCodeStore => root.extension('member-code', (r) => new MemberCodeStore(r.services.member));
export const useMemberCode = (): MemberCodeStore => memberCodeOf(useStores());
