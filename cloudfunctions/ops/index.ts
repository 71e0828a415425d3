import { z } from 'zod';
import { action, createHandler } from '../_kit';
import { requestIdSchema } from '../_kit/input';
import { giftClaims, markPickedUp, role, shipGift } from './gift-claims';

const entitlementId = z.string().min(1).max(64);

/** The operator back office (API.md `ops`). Every action but `role` checks the operator role on the server. */
export const main = createHandler({
  name: 'ops',
  actions: {
    role: action({ input: z.object({}).strict(), auth: 'customer', run: role }),
    giftClaims: action({
      input: z.object({ state: z.enum(['pending', 'shipped', 'picked-up']), cursor: z.number().int().positive().optional() }).strict(),
      auth: 'operator',
      run: giftClaims,
    }),
    shipGift: action({
      input: z
        .object({
          entitlementId,
          carrier: z.string().trim().min(1, '请填写快递公司').max(20),
          trackingNo: z.string().trim().regex(/^[A-Za-z0-9-]{6,40}$/, '运单号应为 6–40 位字母或数字'),
          requestId: requestIdSchema,
        })
        .strict(),
      auth: 'operator',
      run: shipGift,
    }),
    markPickedUp: action({ input: z.object({ entitlementId, requestId: requestIdSchema }).strict(), auth: 'operator', run: markPickedUp }),
  },
});
