/**
 * Option lists that settings offer and rules read. They live here, below both: the settings parts
 * validate with them and the rule modules (promotions, segments) import them back, so neither
 * folder imports the other in a circle (cloudfunctions/_kit/__tests__/folder-cycles.test.ts).
 */

/** Purposes of a subscription message: campaign promotions, membership renewal reminders. */
export const MESSAGE_KINDS = ['promotion', 'renewal'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** Which offers a stage may get (the setting `contactPolicy.<stage>.offers`; see promotions/contact-policy offerAllowed). */
export const CONTACT_OFFERS = ['none', 'small', 'big', 'big-sale-only'] as const;
export type ContactOffer = (typeof CONTACT_OFFERS)[number];

/** Coupon vs member price (promotions/pricing priceOrder): the cheaper of the two, or both stacked. */
export type CouponStacking = 'member-price-or-coupon' | 'both';
export const COUPON_STACKINGS: readonly CouponStacking[] = ['member-price-or-coupon', 'both'];

/** Survey questions are choices only, no free text (nothing collected beyond what is configured — PIPL). */
export const SURVEY_QUESTION_KINDS = ['single', 'multiple'] as const;
