import { z } from 'zod';
import type { Delivery } from '../gifts/delivery';
import { CLAIMED_PACK_POLICIES, SAVINGS_POLICIES } from '../membership/refund';
import type { OrderFulfilment } from '../orders/fulfilment';
import { ORDER_STATES, PAYMENT_STATES } from '../orders/states';
import type { OrderDoc, OrderLine } from './index';
import { epochMs, fen, int, lotDrawSchema, objectWith } from './fields';

const orderLineSchema: z.ZodType<OrderLine> = z.looseObject({
  productId: z.string(),
  name: z.string(),
  kind: z.enum(['regular', 'trial']),
  fullProductId: z.string().optional(),
  physical: z.boolean(),
  qty: int.min(1),
  listUnitFen: fen,
  unitFen: fen,
  memberPriceApplied: z.boolean(),
  lineTotalFen: fen,
  costFen: fen,
  refundWindowDays: int.min(0),
  refundedQty: int.min(0),
  stockTracked: z.boolean().optional(),
  stockReserved: z.boolean().optional(),
  couponDiscountFen: fen.optional(),
});

/** One order (`orders`, id derived from the customer and the request id): product, membership or top-up. */
export const orderDocSchema: z.ZodType<OrderDoc> = z.looseObject({
  _id: z.string(),
  openid: z.string(),
  unionid: z.string().optional(),
  kind: z.enum(['product', 'membership', 'topup']),
  status: z.enum(ORDER_STATES),
  title: z.string(),
  lines: z.array(orderLineSchema),
  totalFen: fen,
  payWith: z.enum(['wechat', 'balance', 'combined']),
  payment: z
    .looseObject({ provider: z.enum(['cloudpay', 'local']), state: z.enum(PAYMENT_STATES), transactionId: z.string().optional(), paidAt: epochMs.optional(), lateRefundId: z.string().optional() })
    .optional(),
  balance: z.looseObject({ entryId: z.string(), principalFen: fen, bonusFen: fen, draws: z.array(lotDrawSchema), refundedDraws: z.array(lotDrawSchema) }).optional(),
  combined: z.looseObject({ balanceFen: fen, principalFen: fen, bonusFen: fen, draws: z.array(lotDrawSchema), cashFen: int.min(1) }).optional(),
  membership: z
    .looseObject({
      planId: z.string(),
      planName: z.string(),
      termDays: int.min(1),
      startsAt: epochMs.optional(),
      expiresAt: epochMs.optional(),
      entitlementId: z.string().optional(),
      renewalCouponId: z.string().optional(),
      refundPolicy: z.looseObject({ claimedPack: z.enum(CLAIMED_PACK_POLICIES), savings: z.enum(SAVINGS_POLICIES) }),
    })
    .optional(),
  topUp: z.looseObject({ planId: z.string().optional(), principalFen: fen, bonusFen: fen, termsVersion: z.string() }).optional(),
  qualifyingFen: fen,
  qualifyingReversedFen: fen,
  refundedFen: fen,
  refundWindowDays: int.min(0),
  coupon: z
    .looseObject({ couponId: z.string(), templateId: z.string(), name: z.string(), discountFen: fen, basis: z.enum(['coupon', 'stacked']), subtotalFen: fen })
    .optional(),
  delivery: objectWith<Delivery>('method').optional(),
  fulfilment: objectWith<OrderFulfilment>('state').optional(),
  requestId: z.string(),
  createdAt: epochMs,
  expiresAt: epochMs,
  paidAt: epochMs.optional(),
  cancelledAt: epochMs.optional(),
  cancelReason: z.enum(['cancelled', 'expired', 'hold-limit']).optional(),
  updatedAt: epochMs,
  version: int,
});
