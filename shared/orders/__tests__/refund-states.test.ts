import { canMovePart, REFUND_PART_STATES, REFUND_STATES, refundStateOf, type RefundPartCause } from '../states';
import { transitionRefund } from '../transitions';

const canRefundTransition = (from: (typeof REFUND_STATES)[number], to: (typeof REFUND_STATES)[number]) => transitionRefund({ status: from }, to, 0).ok;

const CAUSES: RefundPartCause[] = ['accepted', 'result', 'operator-retry'];

describe('refund state tables (WeChat: accepted ≠ done)', () => {
  test('nothing leaves succeeded; failed leaves only by an operator retry or a later SUCCESS; acceptance never finishes a part', () => {
    for (const to of REFUND_PART_STATES) for (const c of CAUSES) expect(canMovePart('succeeded', to, c)).toBe(false);
    const fromFailed = REFUND_PART_STATES.flatMap((to) => CAUSES.filter((c) => canMovePart('failed', to, c)).map((c) => `${to}:${c}`));
    expect(fromFailed.sort()).toEqual(['pending:operator-retry', 'succeeded:result']);
    for (const from of REFUND_PART_STATES) {
      expect(canMovePart(from, 'succeeded', 'accepted')).toBe(false);
      expect(canMovePart(from, 'failed', 'accepted')).toBe(false);
    }
    // A result may overtake the acceptance (crash between WeChat's answer and our write).
    expect(canMovePart('pending', 'succeeded', 'result')).toBe(true);
    expect(canMovePart('requested', 'pending', 'operator-retry')).toBe(false);
  });

  test('the document follows its parts, and every derived move is in the document table', () => {
    expect(refundStateOf([])).toBe('succeeded'); // money went back to the balance at once
    expect(refundStateOf([{ state: 'requested' }, { state: 'succeeded' }])).toBe('pending');
    expect(refundStateOf([{ state: 'failed' }, { state: 'succeeded' }])).toBe('failed');
    expect(refundStateOf([{ state: 'failed' }, { state: 'requested' }])).toBe('pending');
    expect(refundStateOf([{ state: 'succeeded' }, { state: 'succeeded' }])).toBe('succeeded');
    expect(canRefundTransition('succeeded', 'pending')).toBe(false);
    expect(canRefundTransition('succeeded', 'failed')).toBe(false);
    for (const s of REFUND_STATES) expect(canRefundTransition(s, s)).toBe(true);
    expect(canRefundTransition('failed', 'pending')).toBe(true);
    expect(canRefundTransition('failed', 'succeeded')).toBe(true);
  });
});
