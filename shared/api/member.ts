import { z } from 'zod';
import { deliverySchema } from '../gifts/delivery';
import type { TierView, TiersView } from '../tiers/view';
import type { TrialUseView } from '../trials/view';
import { action } from './contract';

/** The member card's number and the code shown now (member.code). */
export interface MemberCodeView {
  cardNo: string;
  code: string;
  refreshAt: number;
}
import { noInput, requestIdSchema } from './common';

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
  code: action<MemberCodeView>()({
    summary: '会员卡号与当前的动态会员码（每分钟更换，到店出示用于核销自提；refreshAt 后请重新获取）。首次调用时开卡。',
    auth: 'customer',
    input: noInput,
    errors: ['ACCOUNT_DELETION_IN_PROGRESS'],
  }),
};
