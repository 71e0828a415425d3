/**
 * The only clock reads in the project (DESIGN rule 2). Production: wall time. Local mode: the
 * gateway may shift time for demos and tests (`/local/clock`); nothing in a deployed bundle sets
 * the offset, so it stays 0 there.
 */
export interface Clock {
  now(): number;
}

let localOffsetMs = 0;

export const systemClock: Clock = { now: () => Date.now() + localOffsetMs };

/** Local mode only (called by local/). */
export function setLocalClockOffset(offsetMs: number): void {
  if (!Number.isSafeInteger(offsetMs)) throw new RangeError('clock offset must be an integer number of ms');
  localOffsetMs = offsetMs;
}

export const getLocalClockOffset = (): number => localOffsetMs;

/** A clock frozen at (or advanced manually from) a given instant, for tests. */
export function fixedClock(startMs: number): Clock & { advance(ms: number): void; set(ms: number): void } {
  let t = startMs;
  return { now: () => t, advance: (ms) => void (t += ms), set: (ms) => void (t = ms) };
}
