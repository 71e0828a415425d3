import { z } from 'zod';
import { REFUND_PART_STATES, REFUND_STATES } from '../orders/states';
import type { RefundDoc, RefundPart } from './index';
import { epochMs, fen, int } from './fields';

const refundPartSchema: z.ZodType<RefundPart> = z.looseObject({
  outTradeNo: z.string(),
  totalFee: fen,
  refundFee: fen,
  outRefundNo: z.string(),
  state: z.enum(REFUND_PART_STATES),
  providerRefundId: z.string().optional(),
  error: z.string().optional(),
  attempts: int.min(0).optional(),
  requestedAt: epochMs.optional(),
  queries: int.min(0).optional(),
  lastQueryAt: epochMs.optional(),
  nextAt: epochMs.optional(),
  resultStatus: z.enum(['SUCCESS', 'CHANGE', 'REFUNDCLOSE']).optional(),
  finishedAt: epochMs.optional(),
  recvAccount: z.string().optional(),
});

/** One refund (`refunds`, id derived from the order / wallet and the request id). */
export const refundDocSchema: z.ZodType<RefundDoc> = z.looseObject({
  _id: z.string(),
  openid: z.string(),
  kind: z.enum(['order', 'membership', 'wallet', 'late-payment', 'topup-over-cap']),
  orderId: z.string().optional(),
  lines: z.array(z.looseObject({ productId: z.string(), qty: int.min(1), amountFen: fen })).optional(),
  amountFen: fen,
  forfeitBonusFen: fen.optional(),
  parts: z.array(refundPartSchema),
  toBalanceFen: fen,
  status: z.enum(REFUND_STATES),
  requestId: z.string(),
  createdAt: epochMs,
  completedAt: epochMs.optional(),
  driveAt: epochMs.optional(),
  waitingSince: epochMs.optional(),
  retries: int.min(0).optional(),
  lastRetryAt: epochMs.optional(),
  updatedAt: epochMs.optional(),
});
