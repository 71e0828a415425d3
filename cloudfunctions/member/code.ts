import { ok, type Result } from '../../shared/errors/result';
import type { MemberCodeView } from '../../shared/api/member';
import type { ActionContext } from '../_kit/create-handler';
import { deletionGuard } from '../_deletion/guard';
import { issueCode } from '../_membership/member-card';

/** 会员码: the card (made on first ask) and this minute's code; the phone asks again at refreshAt. */
export async function memberCode(_input: Record<string, never>, ctx: ActionContext): Promise<Result<MemberCodeView>> {
  // An account being deleted gets no new card (deletion would race its creation).
  const deleting = await deletionGuard(ctx.db, ctx.openid, 'card');
  if (deleting) return deleting;
  return ok(await issueCode(ctx.db, ctx.openid, ctx.now()));
}
