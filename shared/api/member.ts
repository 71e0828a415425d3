import { z } from 'zod';
import { deliverySchema } from '../gifts/delivery';
import type { TierView, TiersView } from '../tiers/view';
import type { TrialUseView } from '../trials/view';
import { action } from './contract';

import { noInput, requestIdSchema } from './common';

/** The member card's number and the code shown now (member.code). */
export interface MemberCodeView {
  cardNo: string;
  /** Card number + one-time code: what the QR carries and the digits under it. */
  code: string;
  /** When this code is replaced by the next (the phone asks again then). */
  refreshAt: number;
}

/**
 * 会员卡 (member.card): card number, balance and usable coupons for everyone; for a member, the term
 * running now with what it saved against its fee (回本进度: 已省 from the orders' recorded member savings).
 */
export interface MemberCardView {
  cardNo: string;
  balanceFen: number;
  couponsAvailable: number;
  term?: {
    planName: string;
    feeFen: number;
    savedFen: number;
    startsAt: number;
    expiresAt: number;
    /** The welcome pack of this term: its value, and whether it was claimed. */
    packValueFen?: number;
    packClaimed?: boolean;
  };
}

/** The `member` function (API.md): cumulative-spend tiers and their gifts, trial purchases. */
export const memberApi = {
  tiers: action<TiersView>()({ summary: '累计消费等级、各级礼品状态与距下一级的差额。', auth: 'customer', input: noInput }),
  claimGift: action<TierView>()({
    summary: '领取已达等级的礼品；不传 delivery 记为到店自提。',
    auth: 'customer',
    input: z.object({ giftId: z.string().min(1).max(40), delivery: deliverySchema.optional(), requestId: requestIdSchema }).strict(),
    errors: ['GIFT_NOT_CLAIMABLE', 'GIFT_OUT_OF_STOCK', 'ACCOUNT_DELETION_IN_PROGRESS'],
  }),
  trials: action<{ trials: TrialUseView[] }>()({ summary: '本人的试用装购买记录。', auth: 'customer', input: noInput }),
  card: action<MemberCardView>()({
    summary: '会员卡：卡号、余额、可用优惠券数；会员另有本期已省金额（订单记录的会员价优惠合计）与会员费（回本进度）。首次调用时开卡。',
    auth: 'customer',
    input: noInput,
    errors: ['ACCOUNT_DELETION_IN_PROGRESS'],
  }),
  code: action<MemberCodeView>()({
    summary: '会员卡号与当前的动态会员码（每分钟更换，到店出示用于核销自提；refreshAt 后请重新获取）。首次调用时开卡。',
    auth: 'customer',
    input: noInput,
    errors: ['ACCOUNT_DELETION_IN_PROGRESS'],
  }),
};
