/**
 * What a membership fee refund gives back (issue 15 #3, #5), pure. The fee paid, less:
 *   - the welcome pack's value when it was claimed (policy `claimedPack`: 'deduct-value'; 'deny'
 *     refuses the refund once it is claimed);
 *   - the member savings already enjoyed (policy `savings`: 'deduct'): on every product order paid
 *     while this membership ran, (list price − member price) per unit still kept — refunded units
 *     gave their saving back. A members-only (早鸣) product counts the same way: its saving is its
 *     list price minus the member price paid; early access with no price difference costs nothing.
 * Never below 0; when nothing is left the fee is not refundable (the membership stays).
 * The policy is the one the membership was sold with (kept on its order), never today's settings.
 */
export const CLAIMED_PACK_POLICIES = ['deduct-value', 'deny'] as const;
export const SAVINGS_POLICIES = ['deduct', 'keep'] as const;
/** The policies in words, for the settings form and the audit log alike. */
export const CLAIMED_PACK_LABELS: Readonly<Record<(typeof CLAIMED_PACK_POLICIES)[number], string>> = {
  'deduct-value': '扣除礼包价值后退款',
  deny: '不予退款',
};
export const SAVINGS_POLICY_LABELS: Readonly<Record<(typeof SAVINGS_POLICIES)[number], string>> = {
  deduct: '扣除已享会员价优惠后退款',
  keep: '全额退款（不扣优惠）',
};
export interface MembershipRefundPolicy {
  claimedPack: (typeof CLAIMED_PACK_POLICIES)[number];
  savings: (typeof SAVINGS_POLICIES)[number];
}

/** The settings the membership refund rules come from. */
export interface RefundPolicySettings {
  membershipRefundClaimedPack: MembershipRefundPolicy['claimedPack'];
  membershipRefundSavings: MembershipRefundPolicy['savings'];
}

/** Today's rules, kept on a membership order when it is sold (issue 15 #5). */
export const currentRefundPolicy = (s: RefundPolicySettings): MembershipRefundPolicy => ({ claimedPack: s.membershipRefundClaimedPack, savings: s.membershipRefundSavings });


export interface SavingLine {
  listUnitFen: number;
  unitFen: number;
  qty: number;
  refundedQty: number;
  memberPriceApplied: boolean;
}

/** Σ member-price savings of the units still kept. */
export const memberSavingsFen = (lines: readonly SavingLine[]): number =>
  lines.reduce((s, l) => (l.memberPriceApplied ? s + Math.max(0, l.listUnitFen - l.unitFen) * Math.max(0, l.qty - l.refundedQty) : s), 0);

export type FeeRefund =
  | { refundable: true; refundableFen: number; packFen: number; savingsFen: number }
  | { refundable: false; reason: 'pack-claimed-deny' | 'nothing-left'; packFen: number; savingsFen: number };

export function feeRefund(args: { paidFen: number; packClaimed: boolean; packValueFen: number; savingsFen: number; policy: MembershipRefundPolicy }): FeeRefund {
  const packFen = args.packClaimed ? args.packValueFen : 0;
  const savingsFen = args.policy.savings === 'deduct' ? args.savingsFen : 0;
  if (args.packClaimed && args.policy.claimedPack === 'deny') return { refundable: false, reason: 'pack-claimed-deny', packFen, savingsFen };
  const left = args.paidFen - packFen - savingsFen;
  if (left <= 0) return { refundable: false, reason: 'nothing-left', packFen: Math.min(packFen, args.paidFen), savingsFen };
  return { refundable: true, refundableFen: left, packFen, savingsFen };
}

/** `membership.refundQuote` (the wire shape both sides read). */
export interface MembershipRefundQuote {
  refundable: boolean;
  refundableFen: number;
  /** The fee paid for the term being refunded. */
  paidFen?: number;
  /** Value of a claimed welcome pack deducted from the refund. */
  deductFen: number;
  /** Member-price savings already enjoyed during the term, deducted (policy 'deduct'). */
  savingsFen: number;
  /** The refund window and rules the membership was sold with. */
  refundableUntil?: number;
  policy?: MembershipRefundPolicy;
  /**
   * While the welcome pack is still unclaimed: what claiming it does to this refund — the confirm
   * before 领取 says it (issue 15 #8). `forfeitFen` is what the customer gives up.
   */
  ifPackClaimed?: { refundableFen: number; forfeitFen: number; denied: boolean };
  orderId?: string;
  reason?: string;
}

