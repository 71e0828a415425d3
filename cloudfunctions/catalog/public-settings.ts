import { ok, type Result } from '../../shared/errors/result';
import { toPublicSettings, type PublicSettings } from '../../shared/settings';
import type { ActionContext } from '../_kit';

/** The customer-facing part of settings: plans, top-up plans, tiers, caps (API.md catalog.settings). */
export async function publicSettings(_input: Record<string, never>, ctx: ActionContext): Promise<Result<PublicSettings>> {
  return ok(toPublicSettings(await ctx.settings()));
}
