import { z } from 'zod';

/** Who runs the store, and the launch checks only a person can tick. */
export const accessSettings = {
  /**
   * Operator openids (role from the platform identity, never from the payload). No defaults: a
   * deployed store starts with nobody, and the first owner claims it (ops.claimOwner with the
   * one-time code the deploy prints, or OWNER_OPENID on the ops function). Local mode's demo
   * seed writes `op_admin` explicitly.
   */
  operators: z.array(z.string().min(1).max(64)).max(200).default([]),
  owners: z.array(z.string().min(1).max(64)).max(20).default([]),
  /**
   * 上线检查 items no server can read (ops.launchChecklist): the minimum base library set in the
   * MP console, ticked by an owner — who and when.
   */
  launchChecks: z
    .object({ baseLibrary: z.object({ confirmedBy: z.string().min(1).max(64), confirmedAt: z.number().int().nonnegative() }).strict().nullable().default(null) })
    .strict()
    .prefault({}),
};
