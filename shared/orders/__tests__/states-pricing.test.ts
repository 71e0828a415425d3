import { canTransition, ORDER_STATES, ORDER_TRANSITIONS } from '../states';

describe('order state table', () => {
  test.each([
    ['created', 'paid', true],
    ['created', 'cancelled', true],
    ['paid', 'fulfilled', true],
    ['paid', 'refunded', true],
    ['fulfilled', 'partially_refunded', true],
    ['cancelled', 'paid', false],
    ['refunded', 'paid', false],
    ['paid', 'created', false],
    ['fulfilled', 'paid', false],
  ] as const)('%s → %s: %s', (from, to, allowed) => expect(canTransition(from, to)).toBe(allowed));

  test('terminal states have no way out and every target is a known state', () => {
    expect(ORDER_TRANSITIONS.refunded).toEqual([]);
    expect(ORDER_TRANSITIONS.cancelled).toEqual([]);
    for (const s of ORDER_STATES) for (const t of ORDER_TRANSITIONS[s]) expect(ORDER_STATES).toContain(t);
  });
});
