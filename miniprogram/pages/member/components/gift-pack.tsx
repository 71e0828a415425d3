import { Button, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { formatYuan } from '@shared/money/format';
import { DeliveryFormWithBook } from '../../../components/delivery-form';
import { fullDate } from '../../../format/date';
import { emptyDeliveryForm, fulfilmentText, maskPhone, toDelivery, type DeliveryForm } from '../../../format/delivery';
import type { GiftPackView } from '../../../services/membership';
import type { MembershipStore } from '../../../stores/membership-store';

const PACK_STATUS: Record<GiftPackView['status'], string> = {
  available: '待领取',
  claimed: '已领取',
  void: '已作废（会员费已退款）',
  suspended: '暂不可领取',
  expired: '已过领取期限',
};

interface GiftPackProps {
  membership: MembershipStore;
  pack: GiftPackView;
  /** The claim form while open (the page keeps it: the confirm dialog needs it too). */
  claimForm: DeliveryForm | undefined;
  setClaimForm: (form: DeliveryForm | undefined) => void;
  /** Claiming would forfeit (part of) the fee refund: ask first (issue 15 #8). */
  onConfirmFirst: () => void;
}

/** 入会礼包: what it holds, its status and delivery, and the claim form. */
export const GiftPackCard = observer(function GiftPackCard({ membership, pack, claimForm, setClaimForm, onConfirmFirst }: GiftPackProps) {
  const quote = membership.quote;
  return (
    <View className='card gift' id='gift-pack'>
      <View className='gift__head'>
        <Text className='gift__name'>{pack.name}</Text>
        <Text className={`gift__status gift__status--${pack.status}`} id='gift-pack-status'>
          {PACK_STATUS[pack.status]}
        </Text>
      </View>
      <Text className='gift__value'>价值 {formatYuan(pack.valueFen)}</Text>
      {pack.items.length ? <Text className='gift__items'>{pack.items.join('、')}</Text> : null}
      {pack.status === 'available' ? <Text className='gift__deadline'>请于 {fullDate(pack.claimDeadline)} 前领取，逾期作废。</Text> : null}
      {pack.status === 'claimed' && pack.delivery ? (
        <Text className='gift__delivery' id='gift-pack-delivery'>
          {pack.delivery.method === 'pickup' ? '到店自提 · 到店出示会员码即可领取' : `快递到家 · ${pack.delivery.name ?? ''} ${maskPhone(pack.delivery.phone ?? '')} · ${pack.delivery.address ?? ''}`}
          {pack.fulfilment ? ` · ${fulfilmentText(pack.delivery, pack.fulfilment)}` : ''}
        </Text>
      ) : null}
      {pack.status === 'available' && !claimForm ? (
        <Button className='btn btn--dark gift__claim' id='claim-open' onClick={() => setClaimForm(emptyDeliveryForm())}>
          领取礼包
        </Button>
      ) : null}
      {pack.status === 'available' && claimForm ? (
        <DeliveryFormWithBook
          idPrefix='claim'
          form={claimForm}
          busy={membership.claiming}
          onChange={setClaimForm}
          onCancel={() => setClaimForm(undefined)}
          onSubmit={() => {
            // Claiming may forfeit the fee refund: say how much first (the form is checked before asking).
            if (toDelivery(claimForm).ok && (quote?.ifPackClaimed?.forfeitFen ?? 0) > 0) onConfirmFirst();
            else void membership.claim(claimForm).then((done) => done && setClaimForm(undefined));
          }}
        />
      ) : null}
    </View>
  );
});
