import '../zod-setup';
import { useEffect } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { actorLabel } from '@shared/labels/actors';
import { formatYuan } from '@shared/money/format';
import type { Settings } from '@shared/settings';
import { beforeFirstLoad } from '../../../components/load-state';
import { dateTime } from '../../../format/date';
import { useStores } from '../../../stores/context';
import { OpsShell } from '../components/shell';
import { SETTINGS_AREAS, type SettingsArea } from '../format/settings-form';
import { auditUrl, settingsAreaUrl } from '../routes';
import { useBackOffice } from '../stores/back-office';
import '../ops.css';

/** One line of what an area holds now, so the operator finds the right screen. */
function summary(area: SettingsArea, s: Settings): string {
  switch (area) {
    case 'membership':
      return (
        (s.membershipPlans.map((p) => `${p.name} ${formatYuan(p.priceFen)}${p.active ? '' : '（停售）'}`).join('、') || '没有会员方案') +
        (s.earlyRenewalReward.enabled ? ` · 到期前 ${s.earlyRenewalReward.daysBefore} 天内续费送券` : '')
      );
    case 'topup':
      return s.topUpPlans.map((p) => `充${formatYuan(p.principalFen)}送${formatYuan(p.bonusFen)}`).join('、') || '没有充值方案';
    case 'tiers':
      return s.tiers.map((t) => formatYuan(t.thresholdFen)).join(' / ') || '没有消费档位';
    case 'limits':
      return `储值上限 ${formatYuan(s.namedBalanceCapFen)} · 退款 ${s.refundWindowDays} 天 · 支付超时 ${s.paymentTimeoutMinutes} 分钟`;
    case 'storefront':
      return s.homeBanner.enabled ? `显示中：${s.homeBanner.title}` : '未开启';
    case 'lifecycle':
      return `活跃 ${s.lifecycleDays.active} 天 · 沉默 ${s.lifecycleDays.silent} 天 · 沉睡 ${s.lifecycleDays.sleeping} 天`;
    case 'contact':
      return `活跃客户每 7 天最多 ${s.contactPolicy.active.maxPer7Days} 条 · 小额优惠 ≤ ${s.offerDepth.smallMaxPercent}% 或 ≤ ${formatYuan(s.offerDepth.smallMaxAmountFen)}`;
    case 'messages':
      return `到期提醒：提前 ${s.renewalReminderDays.join(' / ') || '—'} 天`;
    case 'segments':
      return `铁粉 ≥ ${formatYuan(s.segmentRules.ironFanSpendFen)} · 互动 ≥ ${s.segmentRules.engagedMinVisits} 天访问 · 会员到期前 ${s.segmentRules.memberExpiringDays} 天`;
    case 'survey':
      return s.survey.enabled && s.survey.questions.length ? `已开启 · ${s.survey.questions.length} 个问题` : '未开启（新顾客不会看到问卷）';
    case 'followup':
      return `事实 ${s.followupFacts.length} 项 · 异议 ${s.followupObjections.length} 条`;
    case 'staff':
      return `运营 ${s.operators.length} 人 · 店主 ${s.owners.length} 人 · 跟进专员 ${s.staff.length} 人`;
  }
}

/** 设置: one entry per area; each opens its own screen. Staff lists only for owners. */
function SettingsPage() {
  const { session } = useStores();
  const { settings } = useBackOffice();

  useEffect(() => {
    if (session.isLoggedIn) void settings.load();
  }, [session.isLoggedIn, settings]);
  useDidShow(() => {
    if (session.isLoggedIn && settings.view) void settings.load();
  });

  const v = settings.view;
  let body = beforeFirstLoad(!!v, settings.read.error, () => void settings.load(), '正在加载设置…');
  if (!body && v)
    body = (
      <View id='settings-home'>
        <Text className='ops__intro' id='settings-version'>
          当前第 {v.version} 版{v.updatedAt ? ` · ${dateTime(v.updatedAt)}` : ''}
          {v.updatedBy ? ` · 修改人：${actorLabel(v.updatedBy)}` : ''}。修改只对之后的新订单生效，已下的订单按下单时的规则处理。
        </Text>
        <View className='surface ops-home__menu'>
          {SETTINGS_AREAS.filter((a) => !a.ownerOnly || v.isOwner).map((a) => (
            <View key={a.area} className='ops-home__item' id={`settings-area-${a.area}`} onClick={() => void Taro.navigateTo({ url: settingsAreaUrl(a.area) })}>
              <View className='ops-home__item-main'>
                <Text className='ops-home__item-label'>{a.title}</Text>
                <Text className='ops-home__item-hint'>{summary(a.area, v.settings)}</Text>
              </View>
              <Text className='ops-home__item-arrow'>›</Text>
            </View>
          ))}
        </View>
        <Text className='link ops__link' id='settings-audit' onClick={() => void Taro.navigateTo({ url: auditUrl('settings') })}>
          查看设置修改记录
        </Text>
      </View>
    );
  return <OpsShell forbidden={settings.read.forbidden}>{body}</OpsShell>;
}

export default observer(SettingsPage);
