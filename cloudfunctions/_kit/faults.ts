/**
 * Fault injection for crash tests: a use case calls `faultPoint('pay.after-order')` between steps;
 * a test arms a point to throw there N times, proving a retry leaves consistent state. Unarmed
 * points cost one map lookup. Nothing arms them outside tests.
 */
const armed = new Map<string, number>();

export class InjectedFault extends Error {
  constructor(readonly point: string) {
    super(`injected fault at ${point}`);
    this.name = 'InjectedFault';
  }
}

export function faultPoint(point: string): void {
  const left = armed.get(point);
  if (!left) return;
  if (left <= 1) armed.delete(point);
  else armed.set(point, left - 1);
  throw new InjectedFault(point);
}

export function armFault(point: string, times = 1): void {
  armed.set(point, times);
}

export function disarmFaults(): void {
  armed.clear();
}
