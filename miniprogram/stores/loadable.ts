import { makeAutoObservable } from 'mobx';
import type { Envelope } from '@shared/errors/envelope';
import { applyRead, type ReadState } from './apply-read';

/**
 * One server read a store shows (the member card; in the back office the product list, the settings document, a
 * campaign, the launch checklist): the data as last read, loading, the Chinese error, FORBIDDEN.
 * The newest read wins (an older answer arriving late is dropped); the data on screen stays until
 * an answer replaces it. Every ops store with a single read holds one of these instead of its own
 * generation / loading / error fields (lists use PagedList).
 */
export class Loadable<T> implements ReadState {
  data: T | undefined = undefined;
  loading = false;
  error: string | undefined = undefined;
  forbidden = false;
  private generation = 0;

  constructor(
    private readonly read: () => Promise<Envelope<T>>,
    /** Whether `next` may replace `current` (a campaign: an older version never wins); always by default. */
    private readonly replaces: (next: T, current: T) => boolean = () => true,
  ) {
    makeAutoObservable<Loadable<T>, 'read' | 'replaces' | 'generation'>(this, { read: false, replaces: false, generation: false });
  }

  get loaded(): boolean {
    return this.data !== undefined;
  }

  /** (Re)read; true when this answer was applied. */
  load(): Promise<boolean> {
    const generation = ++this.generation;
    return applyRead(this, this.read, () => generation === this.generation, (d) => this.set(d));
  }

  ensureLoaded(): Promise<unknown> {
    return this.loaded || this.loading ? Promise.resolve() : this.load();
  }

  /** What a change made here returned (the server's newer copy). */
  set(data: T): void {
    if (this.data === undefined || this.replaces(data, this.data)) this.data = data;
  }

  /** An action on this data answered FORBIDDEN. */
  markForbidden(): void {
    this.forbidden = true;
  }

  /** Nothing read (an account switch, another item opened); an answer in flight is dropped. */
  reset(): void {
    this.generation++;
    this.data = undefined;
    this.loading = false;
    this.error = undefined;
    this.forbidden = false;
  }
}
