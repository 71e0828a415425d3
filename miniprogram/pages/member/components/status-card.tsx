import { Fragment } from 'react';
import { Text, View } from '@tarojs/components';
import { daysUntil, fullDate } from '../../../format/date';
import type { MembershipStatus } from '../../../services/membership';

/** 会员生效中 (until when, days left) / 已到期 / not a member yet. */
export function MemberStatusCard({ status, now }: { status: MembershipStatus; now: number }) {
  return (
    <View className={`surface member-status ${status.active ? 'member-status--active' : ''}`} id='member-status'>
      {/* Keyed variants: no node reuse between them (ids differ). */}
      {status.active && status.expiresAt ? (
        <Fragment key='active'>
          <Text className='member-status__title'>会员生效中</Text>
          <Text className='member-status__sub' id='member-expiry'>
            有效期至 {fullDate(status.expiresAt)}（剩余 {daysUntil(status.expiresAt, now)} 天）
          </Text>
          <Text className='member-status__perk'>全场会员价已生效，新品可抢先购买</Text>
        </Fragment>
      ) : status.expiresAt ? (
        <Fragment key='lapsed'>
          <Text className='member-status__title'>会员已到期</Text>
          <Text className='member-status__sub'>于 {fullDate(status.expiresAt)} 到期，续费后立即恢复会员价。</Text>
        </Fragment>
      ) : (
        <Fragment key='none'>
          <Text className='member-status__title'>您还不是会员</Text>
          <Text className='member-status__sub'>开通后全场享会员价，并获赠入会礼包。</Text>
        </Fragment>
      )}
    </View>
  );
}
