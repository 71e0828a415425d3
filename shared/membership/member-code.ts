/**
 * The dynamic member code (会员码): the customer's card number followed by a 6-digit one-time code
 * that changes every minute (RFC 4226 HOTP over the minute, computed on the server from a secret
 * that never leaves it). A screenshot stops working within two minutes; an operator types the 16
 * digits or scans the QR, and the server finds the card by its number and checks the rest.
 * This file holds the format; the secret and the check live in cloudfunctions/_membership.
 */
export const MEMBER_CODE_STEP_MS = 60_000;
/** Steps before the current one still accepted: a code shown at :59 works when typed at :01. */
export const MEMBER_CODE_PAST_STEPS = 1;
export const CARD_NO_DIGITS = 10;
export const OTP_DIGITS = 6;
/** What the QR carries: a prefix (so another app's QR is told apart), then the digits. */
export const MEMBER_CODE_QR_PREFIX = 'MSC1:';

export const stepOf = (now: number): number => Math.floor(now / MEMBER_CODE_STEP_MS);
/** When the code of `step` stops being shown (the client fetches the next one then). */
export const stepEndsAt = (step: number): number => (step + 1) * MEMBER_CODE_STEP_MS;

/** Typed digits (spaces and dashes allowed) or a scanned QR payload → card number and one-time code. */
export function parseMemberCode(input: string): { cardNo: string; otp: string } | undefined {
  const raw = input.trim().startsWith(MEMBER_CODE_QR_PREFIX) ? input.trim().slice(MEMBER_CODE_QR_PREFIX.length) : input;
  const digits = raw.replace(/[\s-]/g, '');
  if (!new RegExp(`^\\d{${CARD_NO_DIGITS + OTP_DIGITS}}$`).test(digits)) return undefined;
  return { cardNo: digits.slice(0, CARD_NO_DIGITS), otp: digits.slice(CARD_NO_DIGITS) };
}

/** 1234 5678 90 — how a card number is printed. */
export const formatCardNo = (cardNo: string): string => cardNo.replace(/(\d{4})(?=\d)/g, '$1 ');
