import { z } from 'zod';
import { epochMs, int } from './fields';

/** Paid membership per customer (`memberships`, _id mem_<openid>): expiry and the terms that built it. */
export const membershipIdOf = (openid: string) => `mem_${openid}`;

export interface MembershipTerm {
  orderId: string;
  planId: string;
  startsAt: number;
  expiresAt: number;
  refunded: boolean;
  entitlementId?: string;
}

export interface MembershipDoc {
  _id: string;
  openid: string;
  expiresAt: number;
  terms: MembershipTerm[];
  version: number;
  updatedAt: number;
}

const membershipTermSchema = z.looseObject({ orderId: z.string(), planId: z.string(), startsAt: epochMs, expiresAt: epochMs, refunded: z.boolean(), entitlementId: z.string().optional() });

export const membershipDocSchema: z.ZodType<MembershipDoc> = z.looseObject({
  _id: z.string(),
  openid: z.string(),
  expiresAt: epochMs,
  terms: z.array(membershipTermSchema),
  version: int,
  updatedAt: epochMs,
});
