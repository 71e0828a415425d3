import { Text, View } from '@tarojs/components';
import { formatCardNo } from '@shared/membership/member-code';
import { formatYuan } from '@shared/money/format';
import type { MemberCardView } from '@shared/api/member';
import { fullDate } from '../../format/date';
import './index.css';

export interface MemberCardProps {
  view: MemberCardView;
  /** The spend cell: the highest gift threshold reached (「¥5,000 档」) or the spend so far (from the tiers). */
  tier?: { value: string; label: string };
  /** Ids of this card's parts start with it (the card is on 会员 and on 我的). */
  idPrefix: string;
  onCode: () => void;
  onJoin?: () => void;
}

/** 回本进度: saved against the fee, as a bar and in words that say what is left to win back. */
function Payback({ term, idPrefix }: { term: NonNullable<MemberCardView['term']>; idPrefix: string }) {
  const ratio = term.feeFen > 0 ? Math.min(1, term.savedFen / term.feeFen) : 1;
  const left = term.feeFen - term.savedFen;
  return (
    <View className='member-card__payback' id={`${idPrefix}-payback`}>
      <View className='member-card__payback-row'>
        <Text className='member-card__payback-label'>本期已省</Text>
        <Text className='member-card__payback-saved' id={`${idPrefix}-saved`}>
          {formatYuan(term.savedFen)}
        </Text>
        <Text className='member-card__payback-fee'>会员费 {formatYuan(term.feeFen)}</Text>
      </View>
      <View className='member-card__bar'>
        <View className='member-card__bar-fill' style={{ width: `${Math.round(ratio * 100)}%` }} />
      </View>
      <Text className='member-card__payback-text' id={`${idPrefix}-payback-text`}>
        {left > 0 ? `回本进度 ${Math.floor(ratio * 100)}%，再省 ${formatYuan(left)} 即回本` : `已回本，多省 ${formatYuan(-left)}`}
        {term.packValueFen ? `；入会礼包价值 ${formatYuan(term.packValueFen)}${term.packClaimed ? '（已领取）' : '（待领取）'}` : ''}
      </Text>
    </View>
  );
}

/**
 * 会员卡: the card number, balance, usable coupons and spend tier for everyone; for a member also
 * the plan, expiry and 回本进度 (this term's member savings against the fee). 会员码 opens the minute code.
 */
export function MemberCard({ view, tier, idPrefix, onCode, onJoin }: MemberCardProps) {
  const term = view.term;
  return (
    <View className={`member-card ${term ? 'member-card--member' : ''}`} id={idPrefix}>
      <View className='member-card__head'>
        <View className='member-card__who'>
          <Text className='member-card__plan'>{term ? term.planName : '会员卡'}</Text>
          <Text className='member-card__no' id={`${idPrefix}-no`}>
            NO. {formatCardNo(view.cardNo)}
          </Text>
        </View>
        <Text className='member-card__code' id={`${idPrefix}-code`} onClick={onCode}>
          会员码 ›
        </Text>
      </View>
      <View className='member-card__stats'>
        <View className='member-card__stat'>
          <Text className='member-card__stat-value' id={`${idPrefix}-balance`}>
            {formatYuan(view.balanceFen)}
          </Text>
          <Text className='member-card__stat-label'>余额</Text>
        </View>
        <View className='member-card__stat'>
          <Text className='member-card__stat-value' id={`${idPrefix}-coupons`}>
            {view.couponsAvailable} 张
          </Text>
          <Text className='member-card__stat-label'>可用优惠券</Text>
        </View>
        <View className='member-card__stat'>
          <Text className='member-card__stat-value' id={`${idPrefix}-tier`}>
            {tier?.value ?? '—'}
          </Text>
          <Text className='member-card__stat-label'>{tier?.label ?? '累计消费'}</Text>
        </View>
      </View>
      {term ? (
        <>
          <Payback term={term} idPrefix={idPrefix} />
          <Text className='member-card__expiry'>有效期至 {fullDate(term.expiresAt)}</Text>
        </>
      ) : onJoin ? (
        <Text className='member-card__join' id={`${idPrefix}-join`} onClick={onJoin}>
          开通会员，全场享会员价 ›
        </Text>
      ) : null}
    </View>
  );
}
