import { isActiveAt } from '../../shared/membership/term';
import { getById, type Db } from '../_kit/db';
import { membershipIdOf, type MembershipDoc } from '../../shared/documents';
import { COLL } from '../_kit/collections';

/** Whether the caller is an active member right now (member price, early access). */
export async function isActiveMember(db: Db, openid: string, now: number): Promise<boolean> {
  const m = await getById<MembershipDoc>(db, COLL.memberships, membershipIdOf(openid));
  return isActiveAt(m?.expiresAt, now);
}
