/**
 * Subscription-message purposes: the messages settings validate with them and the campaign views
 * read them, so they sit below both (no folder cycle; cloudfunctions/_kit/__tests__/folder-cycles.test.ts).
 * The other option lists live in their settings part (promotions.ts, survey.ts) for the same reason.
 */

/** Purposes of a subscription message: campaign promotions, membership renewal reminders. */
export const MESSAGE_KINDS = ['promotion', 'renewal'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];
