import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { formatYuan } from '@shared/money/format';
import type { PublicSettings } from '@shared/settings';
import { EmptyView } from '../../../components/load-state';
import { daysUntil, fullDate, termText } from '../../../format/date';
import type { MembershipStatus } from '../../../services/membership';
import type { MembershipStore } from '../../../stores/membership-store';

type Plan = PublicSettings['membershipPlans'][number];

/** 会员方案 / 续费会员: each plan's price, term, benefits and gift pack, and 立即开通 / 续费. */
export const PlanList = observer(function PlanList({ membership, plans, status, payBusy }: { membership: MembershipStore; plans: readonly Plan[]; status: MembershipStatus; payBusy: boolean }) {
  // A member with most of the term ahead needs no renewal pitch: one line, the plans on request.
  // Within the last 30 days (expiring) or after expiry the plans show as before.
  const [early, setEarly] = useState(false);
  if (status.status === 'active' && status.expiresAt && !early) {
    return (
      <View className='surface member-renew-later' id='renew-later'>
        <Text className='member-renew-later__text'>会员还有 {daysUntil(status.expiresAt, Date.now())} 天到期，到期前 30 天会提醒您续费。</Text>
        <Text className='link member-renew-later__go' id='renew-early' onClick={() => setEarly(true)}>
          提前续费 ›
        </Text>
      </View>
    );
  }
  return (
    <>
      <Text className='section-title'>{status.active ? '续费会员' : '会员方案'}</Text>
      {plans.length === 0 ? <EmptyView text='暂未开放会员方案，敬请期待。' /> : null}
      <View id='membership-plans'>
        {plans.map((plan) => (
          <View key={plan.id} id={`plan-${plan.id}`} className='member-plan'>
            <Text className='member-plan__name'>{plan.name}</Text>
            <View className='member-plan__price-row'>
              <Text className='member-plan__price'>{formatYuan(plan.priceFen)}</Text>
              <Text className='member-plan__term'>有效期 {termText(plan.termDays)}</Text>
            </View>
            {plan.benefits.length > 0 ? (
              <View className='member-plan__benefits'>
                {plan.benefits.map((b) => (
                  <Text key={b} className='member-plan__benefit'>
                    ✓ {b}
                  </Text>
                ))}
              </View>
            ) : null}
            {plan.giftPack ? (
              <View className='member-plan__gift'>
                <Text className='member-plan__gift-title'>
                  {plan.giftPack.name} · 价值 {formatYuan(plan.giftPack.valueFen)}
                </Text>
                {plan.giftPack.items.length > 0 ? <Text className='member-plan__gift-items'>{plan.giftPack.items.join('、')}</Text> : null}
              </View>
            ) : null}
            <Button
              className='btn btn--primary member-plan__buy'
              id={`buy-${plan.id}`}
              disabled={membership.buying !== undefined || payBusy || undefined}
              onClick={() => void membership.buy({ id: plan.id, name: plan.name })}
            >
              {membership.buying === plan.id ? '处理中…' : `${status.active ? '续费' : '立即开通'} ${formatYuan(plan.priceFen)}`}
            </Button>
            {status.active && status.expiresAt ? <Text className='member-plan__renew-note'>续费后有效期从 {fullDate(status.expiresAt)} 起顺延 {plan.termDays} 天</Text> : null}
          </View>
        ))}
      </View>
    </>
  );
});
