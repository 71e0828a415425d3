import { useEffect, type ReactNode } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Button, Image, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { SignInGate } from '../../components/sign-in-gate';
import { MemberCard } from '../../components/member-card';
import { TierProgress } from '../../components/tier-progress';
import { tierLevel } from '../../format/tiers';
import { INBOX_URL, MEMBER_URL, MY_COUPONS_URL, OPS_GIFT_CLAIMS_URL, OPS_FOLLOWUPS_URL, OPS_HOME_URL, ORDER_LIST_URL, OWNER_CLAIM_URL, PRIVACY_URL, PROFILE_URL, SURVEY_ANSWERS_URL, TIER_GIFTS_URL, WALLET_URL, MEMBER_CODE_URL } from '../../format/routes';
import { useStores } from '../../stores/context';
import type { OperatorRoleStore } from '../../stores/operator-role-store';
import './index.css';

interface MeEntry {
  id: string;
  label: string;
  hint: string;
  go: () => void;
}

/** One row of a 我的 menu: label, hint, whatever the row adds (a badge), the arrow. */
function MeItem({ item, children }: { item: MeEntry; children?: ReactNode }) {
  return (
    <View className='me__item' id={item.id} onClick={item.go}>
      <Text className='me__item-label'>{item.label}</Text>
      <Text className='me__item-hint'>{item.hint}</Text>
      {children}
      <Text className='me__item-arrow'>›</Text>
    </View>
  );
}

const go = (url: string) => () => void Taro.navigateTo({ url });

/**
 * The entries for the store's people: the first-owner claim while nobody owns the store (the way
 * for its owner to claim it), the back office for operators, 一对一跟进 for a 跟进专员 who is not one.
 */
function staffEntries(ops: OperatorRoleStore): MeEntry[] {
  return [
    ...(ops.role?.firstOwner ? [{ id: 'menu-owner-claim', label: '成为店主（首次开店）', hint: '本店还没有店主：输入部署时打印的认领码', go: go(OWNER_CLAIM_URL) }] : []),
    ...(ops.isOperator
      ? [
          { id: 'menu-ops-home', label: '运营后台', hint: '商品、订单发货、设置、操作记录', go: go(OPS_HOME_URL) },
          { id: 'menu-ops-gift-claims', label: '运营后台 · 礼品发货', hint: '快递发货、确认自提', go: go(OPS_GIFT_CLAIMS_URL) },
        ]
      : []),
    ...(ops.isStaffOnly ? [{ id: 'menu-followups', label: '一对一跟进', hint: '指派给你的跟进任务：联系顾客、记录事实', go: go(OPS_FOLLOWUPS_URL) }] : []),
  ];
}

const StaffMenu = ({ items }: { items: MeEntry[] }) =>
  items.length ? (
    <View className='surface me__menu me__menu--ops'>
      {items.map((m) => (
        <MeItem key={m.id} item={m} />
      ))}
    </View>
  ) : null;

const MENU: MeEntry[] = [
  { id: 'menu-member-code', label: '会员码', hint: '到店自提时出示，店员核对后交付订单和礼品', go: () => void Taro.navigateTo({ url: MEMBER_CODE_URL }) },
  { id: 'menu-orders', label: '我的订单', hint: '支付、退款、订单状态', go: () => void Taro.navigateTo({ url: ORDER_LIST_URL }) },
  { id: 'menu-inbox', label: '消息', hint: '优惠通知、会员到期提醒', go: () => void Taro.navigateTo({ url: INBOX_URL }) },
  { id: 'menu-coupons', label: '我的优惠券', hint: '可用的券、领券', go: () => void Taro.navigateTo({ url: MY_COUPONS_URL }) },
  { id: 'menu-gifts', label: '累计消费礼', hint: '领取礼品、查看物流', go: () => void Taro.navigateTo({ url: TIER_GIFTS_URL }) },
  { id: 'menu-member', label: '会员中心', hint: '会员状态、入会礼包', go: () => void Taro.switchTab({ url: MEMBER_URL }) },
  { id: 'menu-wallet', label: '我的钱包', hint: '余额、充值、明细', go: () => void Taro.switchTab({ url: WALLET_URL }) },
  { id: 'menu-survey', label: '我的问卷回答', hint: '查看、修改或清除您的偏好', go: () => void Taro.navigateTo({ url: SURVEY_ANSWERS_URL }) },
  { id: 'menu-privacy', label: '隐私与数据', hint: '查看、导出我的数据，注销账号', go: () => void Taro.navigateTo({ url: PRIVACY_URL }) },
];

/**
 * Who am I, spend-tier progress, and the way to orders and gifts. Operators also get the entry to
 * the fulfilment list. On H5 this is also where the dev login's account switch lives.
 */
function MePage() {
  const root = useStores();
  const { session, tiers, ops, messages } = root;
  // A build-time constant, so the weapp build carries none of the dev-mode branch.
  const isDev = process.env.TARO_ENV === 'h5';

  useEffect(() => {
    if (!session.isLoggedIn) return;
    void tiers.ensureLoaded();
    void ops.ensureRole();
    void root.memberCard.load();
    void root.displayProfile.ensureLoaded();
  }, [session.isLoggedIn, tiers, ops, root.memberCard, root.displayProfile]);

  // Spend changes with every purchase and refund, and a role can be granted at any time: refresh on show.
  useDidShow(() => {
    if (!session.isLoggedIn) return;
    // Loaded: refresh; reset by 注销账号 while this page stayed mounted: load afresh.
    void (tiers.loaded ? tiers.load() : tiers.ensureLoaded());
    if (ops.role) void ops.loadRole();
    // New messages can arrive at any time: one indexed read for the unread count.
    void messages.loadUnread();
    void root.memberCard.load();
    // Back from 设置头像昵称 (or cleared there): the header shows what is saved now.
    void root.displayProfile.load();
  });

  const openGifts = () => void Taro.navigateTo({ url: TIER_GIFTS_URL });
  const openProfile = () => void Taro.navigateTo({ url: PROFILE_URL });
  const display = root.displayProfile;

  return (
    <View className='page me'>
      <SignInGate signedIn={session.isLoggedIn} onSignIn={(openid) => void root.signInDev(openid)}>
        <View className='me__profile' id='identity'>
          <View className='me__avatar' onClick={openProfile}>
            {display.avatarUrl ? (
              <Image className='me__avatar-img' id='me-avatar-img' src={display.avatarUrl} mode='aspectFill' />
            ) : (
              <Text className='me__avatar-text'>{display.nickname ? [...display.nickname][0] : isDev ? (session.devOpenid ?? '?').slice(0, 1).toUpperCase() : '微'}</Text>
            )}
          </View>
          <View className='me__who'>
            {display.nickname ? (
              <Text className='me__name' id='me-nickname'>
                {display.nickname}
              </Text>
            ) : null}
            {isDev ? (
              <>
                <Text className={display.nickname ? 'me__sub' : 'me__name'} id='current-openid'>
                  {session.devOpenid}
                </Text>
                <Text className='me__sub'>本地开发模式 · 以此 openid 调用云函数</Text>
              </>
            ) : (
              <>
                {display.nickname ? null : <Text className='me__name'>微信用户</Text>}
                <Text className='me__sub'>已通过微信登录，身份由微信提供</Text>
              </>
            )}
            <Text className='me__profile-edit' id='me-profile-edit' onClick={openProfile}>
              {display.hasProfile ? '修改头像昵称 ›' : '设置头像昵称 ›'}
            </Text>
          </View>
        </View>
        {root.memberCard.data ? (
          <MemberCard
            view={root.memberCard.data}
            tier={tierLevel(tiers.view)}
            idPrefix='me-card'
            onCode={() => void Taro.navigateTo({ url: MEMBER_CODE_URL })}
            onJoin={() => void Taro.switchTab({ url: MEMBER_URL })}
          />
        ) : null}
        {tiers.view && tiers.view.tiers.length > 0 ? (
          <View className='me__tiers'>
            <TierProgress
              id='me-tier'
              compact
              view={tiers.view}
              action={tiers.availableCount > 0 ? `${tiers.availableCount} 份礼品可领取 ›` : '查看消费礼 ›'}
              onTap={openGifts}
            />
          </View>
        ) : null}
        <View className='surface me__menu'>
          {MENU.map((m) => (
            <MeItem key={m.id} item={m}>
              {m.id === 'menu-inbox' && messages.unread ? (
                <Text className='me__item-badge' id='menu-inbox-unread'>
                  {messages.unread} 条未读
                </Text>
              ) : null}
            </MeItem>
          ))}
        </View>
        <StaffMenu items={staffEntries(ops)} />
        {isDev ? (
          <Button className='me__switch' id='switch-account' onClick={() => root.signOutDev()}>
            切换账号
          </Button>
        ) : null}
      </SignInGate>
    </View>
  );
}

export default observer(MePage);
