import { runInAction } from 'mobx';
import type { Envelope } from '@shared/errors/envelope';
import { applyRead, type ReadState } from './apply-read';

/** What a store that loads something shows about it: ReadState, and whether its data arrived yet. */
export interface LoadState extends ReadState {
  loaded: boolean;
}

/**
 * The load plumbing every store shares, so none hand-rolls it: each `load` is a new generation and
 * only the newest answer is applied (a tab switch or a pull-to-refresh can overtake a slow load);
 * `loaded` turns true when an answer was applied and stays until `markStale`/`reset`. The state
 * fields live on the store itself (pages read `store.loading`, `store.error` as they always did);
 * this object only holds the generation. Lists paged by the server use PagedList instead.
 */
export class Loader {
  private generation = 0;

  constructor(private readonly state: LoadState) {}

  /** One read into the store: `apply` runs (in an action) only when this is still the newest load. */
  load<T>(read: () => Promise<Envelope<T>>, apply: (data: T) => void): Promise<boolean> {
    const generation = ++this.generation;
    return applyRead(this.state, read, () => generation === this.generation, (data) => {
      apply(data);
      this.state.loaded = true;
    });
  }

  /** Load unless already loaded or loading: pages call this on show. */
  ensureLoaded(load: () => Promise<unknown>): Promise<void> {
    return this.state.loaded || this.state.loading ? Promise.resolve() : load().then(() => undefined);
  }

  /** Something changed elsewhere: load again when next shown (what is on screen stays). */
  markStale(): void {
    runInAction(() => (this.state.loaded = false));
  }

  /** Account switch: answers still in flight are dropped and nothing counts as loaded. */
  reset(): void {
    this.generation++;
    runInAction(() => {
      this.state.loading = false;
      this.state.loaded = false;
      this.state.error = undefined;
      if (this.state.forbidden !== undefined) this.state.forbidden = false;
    });
  }
}

/** Two reads a store needs together, as one: the first failure is the answer, else both data. */
export async function readBoth<A, B>(a: Promise<Envelope<A>>, b: Promise<Envelope<B>>): Promise<Envelope<[A, B]>> {
  const [ra, rb] = await Promise.all([a, b]);
  if (!ra.ok) return ra;
  if (!rb.ok) return rb;
  return { ok: true, data: [ra.data, rb.data] };
}
