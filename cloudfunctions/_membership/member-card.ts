import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { MemberCodeView } from '../../shared/api/member';
import { fail, ok, type Result } from '../../shared/errors/result';
import { cardNumberIdOf, memberCardIdOf, type CardNumberDoc, type MemberCardDoc } from '../../shared/documents';
import { CARD_NO_DIGITS, MEMBER_CODE_PAST_STEPS, OTP_DIGITS, parseMemberCode, stepEndsAt, stepOf } from '../../shared/membership/member-code';
import { COLL } from '../_kit/collections';
import type { Db } from '../_kit/db';
import { getById } from '../_kit/db';
import { runInTransaction, type Tx } from '../_kit/transaction';
import { txCreate, txGet, txReplace } from '../_kit/tx';

/**
 * The member card and its minute codes (会员码). The card is made the first time the customer asks
 * for it: a random 10-digit number, claimed in `member_card_numbers` in the same transaction so no
 * two customers share one, and 20 random bytes of secret. A code is HOTP (RFC 4226: HMAC-SHA1,
 * dynamic truncation) of the minute; the server recomputes it to check, so nothing on the phone
 * can mint one.
 */
export function otpFor(secret: string, step: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', Buffer.from(secret, 'base64')).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const bin = ((mac[offset] & 0x7f) << 24) | (mac[offset + 1] << 16) | (mac[offset + 2] << 8) | mac[offset + 3];
  return String(bin % 10 ** OTP_DIGITS).padStart(OTP_DIGITS, '0');
}

const randomCardNo = () => String(randomInt(1, 10)) + Array.from({ length: CARD_NO_DIGITS - 1 }, () => randomInt(0, 10)).join('');

/** The customer's card, made on first use. */
export async function ensureCard(db: Db, openid: string, now: number): Promise<MemberCardDoc> {
  const existing = await getById<MemberCardDoc>(db, COLL.member_cards, memberCardIdOf(openid));
  if (existing) return existing;
  return runInTransaction(db, async (tx) => {
    const again = await txGet<MemberCardDoc>(tx, COLL.member_cards, memberCardIdOf(openid));
    if (again) return again;
    // A number already claimed is drawn again (10⁹ numbers: a clash is rare, never silent).
    for (;;) {
      const cardNo = randomCardNo();
      if (await txGet<CardNumberDoc>(tx, COLL.member_card_numbers, cardNumberIdOf(cardNo))) continue;
      const card: MemberCardDoc = { _id: memberCardIdOf(openid), openid, cardNo, secret: randomBytes(20).toString('base64'), issuedAt: now, version: 1 };
      await txCreate<CardNumberDoc>(tx, COLL.member_card_numbers, { _id: cardNumberIdOf(cardNo), cardNo, openid, issuedAt: now });
      await txCreate(tx, COLL.member_cards, card);
      return card;
    }
  });
}

export async function issueCode(db: Db, openid: string, now: number): Promise<MemberCodeView> {
  const card = await ensureCard(db, openid, now);
  const step = stepOf(now);
  return { cardNo: card.cardNo, code: card.cardNo + otpFor(card.secret, step), refreshAt: stepEndsAt(step) };
}

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** The step a shown code belongs to, if it is the current minute's or one just before. */
function matchingStep(card: MemberCardDoc, otp: string, now: number): number | undefined {
  const current = stepOf(now);
  for (let step = current; step >= current - MEMBER_CODE_PAST_STEPS; step--) if (same(otpFor(card.secret, step), otp)) return step;
  return undefined;
}

const INVALID = () => fail('MEMBER_CODE_INVALID', '会员码无效或已过期，请让顾客在「会员」页刷新会员码后重新出示。');
const USED = () => fail('MEMBER_CODE_USED', '这个会员码已经用过，请待顾客的会员码更新（每分钟一次）后再出示。');

/** A code of this step was already spent on the card (by a confirmation other than `requestId`). */
export const codeSpent = (card: MemberCardDoc, step: number, requestId: string): boolean => card.lastUsedRequestId !== requestId && card.lastUsedStep !== undefined && step <= card.lastUsedStep;

/** Whose card a shown code is, and the step it was made for; read-only. With `spending`, a code already spent is refused too. */
export async function resolveCode(db: Db, input: string, now: number, spending?: { requestId: string }): Promise<Result<{ card: MemberCardDoc; step: number }>> {
  const parsed = parseMemberCode(input);
  if (!parsed) return INVALID();
  const claim = await getById<CardNumberDoc>(db, COLL.member_card_numbers, cardNumberIdOf(parsed.cardNo));
  const card = claim ? await getById<MemberCardDoc>(db, COLL.member_cards, memberCardIdOf(claim.openid)) : null;
  if (!card || card.cardNo !== parsed.cardNo) return INVALID();
  const step = matchingStep(card, parsed.otp, now);
  if (step === undefined) return INVALID();
  return spending && codeSpent(card, step, spending.requestId) ? USED() : ok({ card, step });
}

/**
 * Spends a code inside the transaction that hands goods over: a code (or an older one) already
 * spent is refused, so one screenshot cannot collect twice.
 */
export async function spendCode(tx: Tx, openid: string, step: number, requestId: string): Promise<Result<MemberCardDoc>> {
  const card = await txGet<MemberCardDoc>(tx, COLL.member_cards, memberCardIdOf(openid));
  if (!card) return INVALID();
  // The same confirmation retried (a lost answer) spends nothing more.
  if (card.lastUsedRequestId === requestId) return ok(card);
  if (codeSpent(card, step, requestId)) return USED();
  const next: MemberCardDoc = { ...card, lastUsedStep: step, lastUsedRequestId: requestId, version: card.version + 1 };
  await txReplace(tx, COLL.member_cards, next);
  return ok(next);
}
