import { ORDER_STATES, ORDER_TRANSITIONS, type OrderState } from '../states';
import { transitionOrder } from '../transitions';

describe('order state table', () => {
  test.each([
    ['created', 'paid', true],
    ['created', 'cancelled', true],
    ['paid', 'partially_refunded', true],
    ['paid', 'refunded', true],
    ['partially_refunded', 'partially_refunded', true],
    ['partially_refunded', 'refunded', true],
    ['cancelled', 'paid', false],
    ['refunded', 'paid', false],
    ['paid', 'created', false],
    ['partially_refunded', 'paid', false],
  ] as const)('%s → %s: %s', (from, to, allowed) => expect(transitionOrder({ status: from as OrderState }, to, 0).ok).toBe(allowed));

  test('terminal states have no way out and every target is a known state', () => {
    expect(ORDER_TRANSITIONS.refunded).toEqual([]);
    expect(ORDER_TRANSITIONS.cancelled).toEqual([]);
    for (const s of ORDER_STATES) for (const t of ORDER_TRANSITIONS[s]) expect(ORDER_STATES).toContain(t);
  });
});
