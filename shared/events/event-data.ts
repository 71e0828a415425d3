import { z } from 'zod';
import { fenSchema } from '../money/fen';

/**
 * What each event type carries in `data`: the facts its consumers (profile reducer, report rollups,
 * campaign attribution) need beyond the common envelope, so they never re-read the order. One schema
 * per type: the writer validates `data` with it before the event is stored (a wrong shape is a bug
 * and throws), and tests validate what they read back.
 *
 * Fields marked optional are absent on events written before they were recorded (the consumers
 * fall back, see shared/segments/profile.ts and shared/reports/rollup.ts), or only present for some
 * facts of the type (a coupon on an order). `.strict()`: a writer cannot slip in an unnamed field.
 */
const int = z.number().int();

/** A paid order's coupon (order.paid): the discount, so sales are reported before it. */
const couponData = { couponId: z.string().optional(), couponFen: fenSchema.optional() };

/** The membership as a purchase or refund leaves it (profile: member:* segments; newest version wins). */
const membershipState = {
  planId: z.string().optional(),
  /** The membership's expiry right after this fact (purchase: extended; refund: rolled back). */
  expiresAt: int.optional(),
  /** The membership document's version after this fact: the newest version wins, in any apply order. */
  membershipVersion: int.optional(),
  /** Terms not refunded after this fact: 0 means the customer is no longer (and never was) a member. */
  activeTerms: int.optional(),
};

export const surveyAnswerFactSchema = z
  .object({
    questionId: z.string(),
    optionIds: z.array(z.string()),
    /** The tags those options carried when answered (`tag:<name>` segment keys). */
    tags: z.array(z.string()),
  })
  .strict();

export const EVENT_DATA_SCHEMAS = {
  'order.paid': z.object(couponData).strict(),
  'order.refunded': z
    .object({
      /** The order is now fully refunded (it stops counting as a purchase). */
      fullRefund: z.boolean().optional(),
      /** When the refunded order was paid (so a refund applied before its payment still places the order in time). */
      orderPaidAt: int.optional(),
      /** The order had a regular (non-trial) line: it counted as a qualifying purchase. */
      orderQualifying: z.boolean().optional(),
    })
    .strict(),
  'wallet.topup': z
    .object({
      /** The lot credited: what was paid, and what the top-up plan gave on top. */
      principalFen: fenSchema.optional(),
      bonusFen: fenSchema.optional(),
    })
    .strict(),
  'wallet.refunded': z
    .object({
      forfeitBonusFen: fenSchema.optional(),
      /** Principal that left because a refund took the balance over the cap (not a customer's withdrawal). */
      overCap: z.boolean().optional(),
      /** With overCap: the refunded order that caused it. */
      orderId: z.string().optional(),
    })
    .strict(),
  'membership.purchased': z
    .object({
      ...membershipState,
      termDays: int.optional(),
      startsAt: int.optional(),
    })
    .strict(),
  'membership.refunded': z
    .object({
      ...membershipState,
      /** What the refund deducted from the fee: the pack's value and the member savings enjoyed. */
      deductFen: fenSchema.optional(),
      savingsFen: fenSchema.optional(),
      /** The unclaimed welcome pack was voided by this refund. */
      packVoided: z.boolean().optional(),
    })
    .strict(),
  'gift.claimed': z
    .object({
      giftId: z.string(),
      source: z.enum(['welcome', 'tier']),
      valueFen: fenSchema,
      /** What the gift cost us (reports: gift cost). */
      costFen: fenSchema,
      /** How the customer takes it (`Delivery['method']`, shared/gifts/delivery). */
      delivery: z.enum(['pickup', 'address']),
    })
    .strict(),
  'customer.visited': z.object({ /** Business day (Asia/Shanghai) of the visit: one event per customer and day. */ day: z.string() }).strict(),
  'survey.answered': z
    .object({
      answers: z.array(surveyAnswerFactSchema),
      /**
       * The customer withdrew their answers (PIPL: they may delete what they told us): `answers` then
       * lists every question with no options, which replaces the earlier answers in any apply order,
       * and it does not count as an interaction.
       */
      cleared: z.boolean().optional(),
      /** An earlier answer event whose answers were erased by a later withdrawal (customer.clearSurvey). */
      erased: z.boolean().optional(),
    })
    .strict(),
  'coupon.claimed': z.object({ couponId: z.string(), templateId: z.string() }).strict(),
  // kind: a MessageKind (shared/settings/options.ts; not imported: shared/settings sits above this folder).
  'message.opened': z.object({ messageId: z.string(), kind: z.string(), campaignId: z.string().optional() }).strict(),
  // A one-to-one conversation a staff member recorded (issue 19): the facts observed become profile
  // facts (`fact:<key>` segment keys). goal/channel/outcome: shared/followup/rules (not imported: it sits above).
  'followup.contacted': z
    .object({
      listId: z.string(),
      contactId: z.string(),
      goal: z.string(),
      channel: z.string(),
      outcome: z.string(),
      facts: z.array(z.object({ key: z.string(), value: z.union([z.number().int().min(0), z.boolean()]) }).strict()),
    })
    .strict(),
  'lifecycle.changed': z
    .object({
      from: z.string().nullable(),
      to: z.string().nullable(),
      /** Time passing (the transition run); stage changes caused by a purchase/refund are told by that event. */
      cause: z.literal('time'),
    })
    .strict(),
} as const;

export type EventDataSchemas = typeof EVENT_DATA_SCHEMAS;
export type EventType = keyof EventDataSchemas;
export type EventDataOf<T extends EventType> = z.infer<EventDataSchemas[T]>;

export type SurveyAnswerFact = z.infer<typeof surveyAnswerFactSchema>;
export type OrderRefundEventData = EventDataOf<'order.refunded'>;
export type MembershipEventData = EventDataOf<'membership.purchased'> | EventDataOf<'membership.refunded'>;
export type SurveyAnsweredEventData = EventDataOf<'survey.answered'>;
export type LifecycleChangedEventData = EventDataOf<'lifecycle.changed'>;
