import { Button, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { formatYuan } from '@shared/money/format';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { fullDate } from '../../../format/date';
import { yuan2 } from '../../../format/yuan';
import type { GiftPackView, MembershipRefundQuote } from '../../../services/membership';
import type { MembershipStore } from '../../../stores/membership-store';

/** 会员费退款: the server's quote itemised (会员费 − 礼包 − 已享会员价优惠), its deadline, or why not. */
export const MembershipRefundCard = observer(function MembershipRefundCard({ membership, refundWindowDays, onOpen }: { membership: MembershipStore; refundWindowDays: number; onOpen: () => void }) {
  const quote = membership.quote;
  return (
    <View id='membership-refund'>
      <Text className='section-title'>会员费退款</Text>
      <View className='card refund'>
        {quote?.refundable ? (
          <>
            <View className='refund__row'>
              <Text className='refund__label'>可退金额</Text>
              <Text className='refund__amount' id='membership-refund-amount'>
                {yuan2(quote.refundableFen)}
              </Text>
            </View>
            {quote.deductFen > 0 || quote.savingsFen > 0 ? (
              <View className='refund__breakdown' id='membership-refund-breakdown'>
                <Text className='refund__note'>会员费 {formatYuan(quote.paidFen ?? 0)}</Text>
                {quote.deductFen > 0 ? <Text className='refund__note'>− 已领入会礼包价值 {formatYuan(quote.deductFen)}</Text> : null}
                {quote.savingsFen > 0 ? <Text className='refund__note'>− 已享会员价优惠 {formatYuan(quote.savingsFen)}（会员期内订单按原价与会员价的差额，已退的件数不计）</Text> : null}
              </View>
            ) : null}
            <Text className='refund__note'>{quote.refundableUntil ? `${fullDate(quote.refundableUntil)} 前可申请（按开通时的规则），款项原路退回。` : `支付后 ${refundWindowDays} 天内可申请，款项原路退回。`}</Text>
            <Button className='btn btn--ghost refund__btn' id='membership-refund-open' disabled={membership.refunding || undefined} onClick={onOpen}>
              申请退款
            </Button>
          </>
        ) : (
          <Text className='refund__note' id='membership-refund-reason'>
            {quote?.reason ?? '暂时无法查询可退金额，请下拉刷新后重试。'}
          </Text>
        )}
      </View>
    </View>
  );
});

/** 确认退还会员费: the amount, what was deducted, and that membership (and an unclaimed pack) ends. */
export const MembershipRefundDialog = observer(function MembershipRefundDialog({ membership, quote, pack, onClose }: { membership: MembershipStore; quote: MembershipRefundQuote; pack: GiftPackView | undefined; onClose: () => void }) {
  return (
    <ConfirmDialog id='membership-refund-dialog' title='确认退还会员费？' confirmText='确认退款' danger busy={membership.refunding} onCancel={onClose} onConfirm={() => void membership.refund().then(onClose)}>
      <Text className='dialog__amount'>{yuan2(quote.refundableFen)}</Text>
      <Text className='dialog__line'>款项将原路退回您的微信支付账户。</Text>
      {quote.deductFen > 0 ? <Text className='dialog__line'>已领取的入会礼包价值 {formatYuan(quote.deductFen)} 已从退款中扣除。</Text> : null}
      {quote.savingsFen > 0 ? <Text className='dialog__line'>会员期内已享会员价优惠 {formatYuan(quote.savingsFen)} 已从退款中扣除。</Text> : null}
      <Text className='dialog__line dialog__line--warn'>退款后会员资格立即取消，不再享受会员价{pack?.status === 'available' ? '，未领取的入会礼包将作废' : ''}。</Text>
    </ConfirmDialog>
  );
});

type PackClaimQuote = NonNullable<MembershipRefundQuote['ifPackClaimed']>;

/** 领取后会员费退款将减少: what claiming the pack forfeits, before it is claimed (cannot be undone). */
export const ClaimConfirmDialog = observer(function ClaimConfirmDialog({ membership, quote, ifClaimed, onCancel, onConfirm }: { membership: MembershipStore; quote: MembershipRefundQuote; ifClaimed: PackClaimQuote; onCancel: () => void; onConfirm: () => void }) {
  return (
    <ConfirmDialog id='claim-confirm' title='领取后会员费退款将减少' confirmText='确认领取' busy={membership.claiming} onCancel={onCancel} onConfirm={onConfirm}>
      <Text className='dialog__amount'>−{yuan2(ifClaimed.forfeitFen)}</Text>
      <Text className='dialog__line'>
        现在申请退会员费可退 {yuan2(quote.refundableFen)}；
        {ifClaimed.denied
          ? '领取入会礼包后，会员费不再退还（开通时的规则）。'
          : ifClaimed.refundableFen > 0
            ? `领取后将扣除礼包价值，只能退 ${yuan2(ifClaimed.refundableFen)}。`
            : '礼包价值不低于可退金额，领取后会员费不再退还。'}
      </Text>
      <Text className='dialog__line dialog__line--warn'>领取后不能撤销。如果您可能退会员，请先不要领取。</Text>
    </ConfirmDialog>
  );
});
