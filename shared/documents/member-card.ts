import { z } from 'zod';
import { epochMs, int } from './fields';

/**
 * A customer's member card (`member_cards`, _id mcd_<openid>): the card number printed on the card
 * and the secret the minute codes are made from (server-only: never in a view), plus the last code
 * step spent on a pickup, so one shown code hands goods over once.
 */
export const memberCardIdOf = (openid: string) => `mcd_${openid}`;
/** The card number's claim (`member_card_numbers`, _id mcn_<cardNo>): makes numbers unique. */
export const cardNumberIdOf = (cardNo: string) => `mcn_${cardNo}`;

export interface MemberCardDoc {
  _id: string;
  openid: string;
  cardNo: string;
  /** base64 of 20 random bytes (HOTP key). */
  secret: string;
  issuedAt: number;
  /** The code step last used to confirm a pickup. */
  lastUsedStep?: number;
  /** The confirmation that spent it (a retry of the same one is not a second use). */
  lastUsedRequestId?: string;
  version: number;
}

export interface CardNumberDoc {
  _id: string;
  cardNo: string;
  openid: string;
  issuedAt: number;
}

export const memberCardDocSchema: z.ZodType<MemberCardDoc> = z.looseObject({
  _id: z.string(),
  openid: z.string(),
  cardNo: z.string().regex(/^\d{10}$/),
  secret: z.string().min(20),
  issuedAt: epochMs,
  lastUsedStep: int.optional(),
  lastUsedRequestId: z.string().optional(),
  version: int,
});

export const cardNumberDocSchema: z.ZodType<CardNumberDoc> = z.looseObject({
  _id: z.string(),
  cardNo: z.string().regex(/^\d{10}$/),
  openid: z.string(),
  issuedAt: epochMs,
});
