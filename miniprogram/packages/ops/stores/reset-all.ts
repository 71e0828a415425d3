import type { Resettable } from '../../../stores/root-store';

/**
 * Reset every store a console holds (back office, segments, campaigns): each of its own fields
 * that can be reset. A store added to a console is forgotten on account switch without anyone
 * remembering to list it.
 */
export function resetAll(console: object): void {
  for (const v of Object.values(console)) if (v && typeof (v as Partial<Resettable>).reset === 'function') (v as Resettable).reset();
}
