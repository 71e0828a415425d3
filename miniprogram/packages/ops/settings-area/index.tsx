import '../zod-setup';
import { useEffect, type ReactNode } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { formatYuan } from '@shared/money/format';
import { CONTACT_OFFER_LABELS } from '@shared/promotions/contact-policy';
import type { FollowupFact, Settings, StaffMember } from '@shared/settings';
import { CLAIMED_PACK_LABELS, SAVINGS_POLICY_LABELS } from '@shared/membership/refund';
import { COUPON_ON_REFUND_LABELS, COUPON_STACKING_LABELS, optionsOf } from '@shared/settings/promotions';
import { BANNER_TARGET_LABELS } from '@shared/settings/storefront';
import { TickBox } from '../../../components/choice';
import { ErrorView, LoadingView } from '../../../components/load-state';
import { NoticeBar } from '../../../components/notice-bar';
import { useStores } from '../../../stores/context';
import { OpsShell, scrollToTop } from '../components/shell';
import { BoolField, ChoiceField, fieldId, IntField, ItemCard, LinesField, MoneyField, ReadOnlyId, RecordsField, TextField } from '../components/settings-fields';
import { areaDef, newGiftPack, newMembershipPlan, newTier, newTopUpPlan, type SettingsArea } from '../format/settings-form';
import { useBackOffice } from '../stores/back-office';
import { MessagesArea, OfferDepth } from './messages-area';
import { SegmentRules, SurveyArea } from './survey-area';
import type { SettingsEditorStore } from '../stores/settings-store';
import '../ops.css';

type S = SettingsEditorStore;

const GiftFields = ({ s, base }: { s: S; base: string }) => (
  <>
    <TextField s={s} path={`${base}.name`} label='名称' />
    <ReadOnlyId s={s} path={`${base}.id`} why='礼品库存按编号记录' />
    <MoneyField s={s} path={`${base}.valueFen`} label='价值' hint='向顾客展示；会员费退款时按此扣减' />
    <MoneyField s={s} path={`${base}.costFen`} label='成本' hint='利润报表用，顾客看不到' />
    <LinesField s={s} path={`${base}.items`} label='礼包内容' />
    <IntField s={s} path={`${base}.stock`} label='库存' unit='份' />
    <IntField s={s} path={`${base}.claimDays`} label='领取期限' unit='天' hint='获得后多少天内可领取' />
  </>
);

const Membership = observer(function Membership({ s, d }: { s: S; d: Settings }) {
  return (
    <View>
      {d.membershipPlans.map((p, i) => {
        const base = `membershipPlans.${i}`;
        return (
          <ItemCard key={i} id={fieldId(base)} title={`会员方案 ${i + 1}${p.name ? `：${p.name}` : ''}`} onRemove={d.membershipPlans.length > 1 ? () => s.removeItem('membershipPlans', i) : undefined}>
            <ReadOnlyId s={s} path={`${base}.id`} why='已开通的会员按编号记录' />
            <TextField s={s} path={`${base}.name`} label='名称' />
            <MoneyField s={s} path={`${base}.priceFen`} label='价格' />
            <IntField s={s} path={`${base}.termDays`} label='有效期' unit='天' />
            <LinesField s={s} path={`${base}.benefits`} label='会员权益' hint='每行一项，会员页展示' />
            <BoolField s={s} path={`${base}.active`} label='在售（顾客可购买）' />
            <TickBox id={`${fieldId(base)}-giftPack-toggle`} checked={p.giftPack !== undefined} onChange={(on) => s.toggleObject(`${base}.giftPack`, on ? newGiftPack : undefined)}>
              <Text>附赠入会礼包</Text>
            </TickBox>
            {p.giftPack ? <GiftFields s={s} base={`${base}.giftPack`} /> : null}
          </ItemCard>
        );
      })}
      <Button className='btn btn--ghost ops-add' id='settings-add-plan' onClick={() => s.addItem('membershipPlans', newMembershipPlan)}>
        ＋ 添加会员方案
      </Button>
      <View className='card ops-form'>
        <BoolField s={s} path='membershipPayableWithBalance' label='会员费可用储值余额支付' />
        <ChoiceField
          s={s}
          path='membershipRefundClaimedPack'
          label='已领入会礼包后申请退会员费'
          options={optionsOf(CLAIMED_PACK_LABELS)}
        />
        <ChoiceField
          s={s}
          path='membershipRefundSavings'
          label='已按会员价购物后申请退会员费'
          options={optionsOf(SAVINGS_POLICY_LABELS)}
        />
        <Text className='ops-field__hint'>退款规则随会员订单保存：修改只影响之后开通的会员，已售出的按售出时的规则退款。</Text>
      </View>
      <View className='card ops-form' id='settings-early-renewal'>
        <BoolField s={s} path='earlyRenewalReward.enabled' label='提前续费送优惠券' />
        <IntField s={s} path='earlyRenewalReward.daysBefore' label='到期前多少天内续费有效' unit='天' />
        <TextField s={s} path='earlyRenewalReward.couponTemplateId' label='赠送的优惠券编号' hint='在「优惠券」中复制券的编号（cpt_ 开头）；每张续费的会员期只送一张，券须在发放中且每人限领次数够用' />
        <Text className='ops-field__hint'>开启后，会员在到期前规定天数内续费并付款成功即获赠此券；会员页会在这段时间提示「现在续费送…」。</Text>
      </View>
    </View>
  );
});

const TopUp = observer(function TopUp({ s, d }: { s: S; d: Settings }) {
  return (
    <View>
      {d.topUpPlans.map((p, i) => {
        const base = `topUpPlans.${i}`;
        return (
          <ItemCard key={i} id={fieldId(base)} title={`充 ${formatYuan(p.principalFen)} 送 ${formatYuan(p.bonusFen)}`} onRemove={() => s.removeItem('topUpPlans', i)}>
            <ReadOnlyId s={s} path={`${base}.id`} why='充值记录按编号记录' />
            <MoneyField s={s} path={`${base}.principalFen`} label='充值金额' />
            <MoneyField s={s} path={`${base}.bonusFen`} label='赠送金额' hint='赠送部分不可退，退款时作废' />
            <BoolField s={s} path={`${base}.active`} label='在售' />
          </ItemCard>
        );
      })}
      <Button className='btn btn--ghost ops-add' id='settings-add-topup' onClick={() => s.addItem('topUpPlans', newTopUpPlan)}>
        ＋ 添加充值方案
      </Button>
      <View className='card ops-form'>
        <BoolField s={s} path='customTopUp.enabled' label='允许自定义充值金额' />
        <MoneyField s={s} path='customTopUp.minFen' label='自定义最低' />
        <MoneyField s={s} path='customTopUp.maxFen' label='自定义最高' hint='不能超过实名储值余额上限' />
      </View>
    </View>
  );
});

const Tiers = observer(function Tiers({ s, d }: { s: S; d: Settings }) {
  return (
    <View>
      {d.tiers.map((t, i) => {
        const base = `tiers.${i}`;
        return (
          <ItemCard key={i} id={fieldId(base)} title={`档位 ${i + 1}：累计消费 ${formatYuan(t.thresholdFen)}`} onRemove={() => s.removeItem('tiers', i)}>
            <MoneyField s={s} path={`${base}.thresholdFen`} label='累计消费门槛' hint='须从低到高排列' />
            <GiftFields s={s} base={`${base}.gift`} />
          </ItemCard>
        );
      })}
      <Button className='btn btn--ghost ops-add' id='settings-add-tier' onClick={() => s.addItem('tiers', newTier)}>
        ＋ 添加档位
      </Button>
    </View>
  );
});

const Limits = ({ s }: { s: S }) => (
  <View className='card ops-form'>
    <MoneyField s={s} path='namedBalanceCapFen' label='实名储值余额上限' hint='《单用途商业预付卡管理办法》：实名卡余额不超过 5000 元' />
    <IntField s={s} path='refundWindowDays' label='默认无理由退款期限' unit='天' hint='商品可单独设置' />
    <IntField s={s} path='paymentTimeoutMinutes' label='支付超时' unit='分钟' hint='未支付订单超时自动关闭' />
    <IntField s={s} path='maxUnpaidOrders' label='每位顾客最多待支付订单' unit='笔' hint='超出时不能再下单，需先支付或取消；调低后，超出的最早订单会被自动关闭' />
    <IntField s={s} path='maxHeldUnitsPerProduct' label='每位顾客每件商品最多保留' unit='件' hint='限库存商品：待支付订单合计最多占用的件数，防止一人占满库存' />
    <IntField s={s} path='refundStuckHours' label='退款处理中提醒' unit='小时' hint='微信退款超过此时长仍未完成，列入「退款」页的处理中过久' />
    <BoolField s={s} path='trialRefundRestoresEligibility' label='体验装退款后可再次购买' hint='不勾选可防止反复购买、退款薅体验装' />
    <BoolField s={s} path='qualifyingIncludesBonus' label='赠送金额消费计入累计消费' />
    <ChoiceField
      s={s}
      path='couponStacking'
      label='会员价与优惠券'
      hint='无论哪种，成交价都不低于商品的最低成交价'
      options={optionsOf(COUPON_STACKING_LABELS)}
    />
    <ChoiceField
      s={s}
      path='couponOnRefund'
      label='整单退款后的优惠券'
      options={optionsOf(COUPON_ON_REFUND_LABELS)}
    />
  </View>
);

/** 首页横幅: the text and where a tap leads; a product is chosen from the ones on sale. */
const Storefront = observer(function Storefront({ s, d }: { s: S; d: Settings }) {
  const { catalog } = useStores();
  useEffect(() => {
    void catalog.ensureLoaded();
  }, [catalog]);
  return (
    <View className='card ops-form'>
      <BoolField s={s} path='homeBanner.enabled' label='在首页显示横幅' />
      <TextField s={s} path='homeBanner.title' label='标题' hint='最多 24 个字，如「新品精萃柔肤水 会员抢先购」' maxlength={24} />
      <TextField s={s} path='homeBanner.subtitle' label='副标题' hint='最多 40 个字，可留空' maxlength={40} />
      <ChoiceField s={s} path='homeBanner.target' label='点击后' options={optionsOf(BANNER_TARGET_LABELS)} />
      {d.homeBanner.target === 'product' ? (
        <ChoiceField s={s} path='homeBanner.productId' label='商品' hint='在售商品' options={catalog.products.map((p) => ({ key: p._id, label: p.name }))} />
      ) : null}
    </View>
  );
});

const Lifecycle = ({ s }: { s: S }) => (
  <View className='card ops-form'>
    <Text className='ops__intro'>距上次消费的天数：不超过「活跃」为活跃客户，超过「活跃」为沉默，超过「沉默」为沉睡，超过「沉睡」为流失。须满足 活跃 &lt; 沉默 &lt; 沉睡。</Text>
    <IntField s={s} path='lifecycleDays.active' label='活跃' unit='天' />
    <IntField s={s} path='lifecycleDays.silent' label='沉默' unit='天' />
    <IntField s={s} path='lifecycleDays.sleeping' label='沉睡' unit='天' />
  </View>
);

const STAGES: Array<{ key: keyof Settings['contactPolicy']; label: string }> = [
  { key: 'prospect', label: '未成交顾客（新客、互动客、体验客）' },
  { key: 'active', label: '活跃客户' },
  { key: 'silent', label: '沉默客户' },
  { key: 'sleeping', label: '沉睡客户' },
  { key: 'churned', label: '流失客户' },
];

const Contact = ({ s }: { s: S }) => (
  <View>
    {STAGES.map((st) => (
      <ItemCard key={st.key} id={fieldId(`contactPolicy.${st.key}`)} title={st.label}>
        <IntField s={s} path={`contactPolicy.${st.key}.maxPer7Days`} label='每 7 天最多消息' unit='条' hint='超出的发送会被跳过并计数，不会发出' />
        <ChoiceField s={s} path={`contactPolicy.${st.key}.offers`} label='可发优惠' options={optionsOf(CONTACT_OFFER_LABELS)} />
      </ItemCard>
    ))}
    <OfferDepth s={s} />
  </View>
);

const staffLine = (m: StaffMember) => `${m.openid} ${m.name}`;
const parseStaff = ([openid, ...name]: string[]) => (name.length ? { openid, name: name.join(' ') } : '请写成「openid 姓名」，中间用空格隔开');
const KIND_WORDS: Record<string, FollowupFact['kind']> = { 次数: 'count', 是否: 'flag' };
const factLine = (f: FollowupFact) => `${f.key} ${f.label} ${f.kind === 'count' ? '次数' : '是否'}`;
const parseFact = ([key, label, kind]: string[]) => (key && label && kind && KIND_WORDS[kind] ? { key, label, kind: KIND_WORDS[kind] } : '请写成「编号 名称 次数」或「编号 名称 是否」，中间用空格隔开');

const Staff = ({ s }: { s: S }) => (
  <View className='card ops-form'>
    <LinesField s={s} path='operators' label='运营人员（openid）' hint='每行一个 openid；可使用运营后台' />
    <LinesField s={s} path='owners' label='店主（openid）' hint='每行一个；店主可修改本名单，至少保留一位' />
    <RecordsField s={s} path='staff' label='跟进专员' hint='每行「openid 姓名」；只能看到并跟进指派给自己的顾客' show={staffLine} parse={parseStaff} />
  </View>
);

const Followup = ({ s }: { s: S }) => (
  <View className='card ops-form'>
    <RecordsField s={s} path='followupFacts' label='跟进事实' hint='每行「编号 名称 次数」或「编号 名称 是否」，如 asked-validity 问了有效期 是否；编号用小写字母、数字和 -' show={factLine} parse={parseFact} />
    <LinesField s={s} path='followupObjections' label='常见异议' hint='每行一条，专员记录联系时从中选择' />
  </View>
);

const AREA_VIEWS: Record<SettingsArea, (p: { s: S; d: Settings }) => ReactNode> = {
  membership: (p) => <Membership {...p} />,
  topup: (p) => <TopUp {...p} />,
  tiers: (p) => <Tiers {...p} />,
  limits: (p) => <Limits s={p.s} />,
  storefront: (p) => <Storefront {...p} />,
  lifecycle: (p) => <Lifecycle s={p.s} />,
  contact: (p) => <Contact s={p.s} />,
  messages: (p) => <MessagesArea s={p.s} />,
  segments: (p) => <SegmentRules s={p.s} />,
  survey: (p) => <SurveyArea {...p} />,
  followup: (p) => <Followup s={p.s} />,
  staff: (p) => <Staff s={p.s} />,
};

/** One settings area: edit the draft, checked with settingsSchema before saving; CONFLICT offers 重新加载. */
function SettingsAreaPage() {
  const { session } = useStores();
  const { settings: s } = useBackOffice();
  const area = useRouter().params.area ?? '';
  const def = areaDef(area);

  useEffect(() => {
    if (session.isLoggedIn && def) void s.open(def.area);
  }, [session.isLoggedIn, s, def]);
  useEffect(() => {
    if (def) void Taro.setNavigationBarTitle({ title: def.title });
  }, [def]);

  let body;
  if (!def) body = <ErrorView message='没有这个设置页面，请返回「设置」重新选择' onRetry={() => void Taro.navigateBack()} />;
  else if (!s.draft && s.read.error) body = <ErrorView message={s.read.error} onRetry={() => void s.open(def.area)} />;
  else if (!s.view || !s.draft || s.area !== def.area) body = <LoadingView text='正在加载设置…' />;
  else if (def.ownerOnly && !s.isOwner)
    body = (
      <Text className='ops__intro' id='settings-owner-only'>
        只有店主可以修改运营人员名单。如需调整，请联系店主。
      </Text>
    );
  else {
    const issues = s.shownIssues;
    body = (
      <View id='settings-area'>
        <View className='ops-form__meta'>
          <Text id='settings-area-title'>{def.title}</Text>
          <Text>基于第 {s.view.version} 版</Text>
        </View>
        <Text className='ops__intro' id='settings-area-effect'>
          {def.takesEffect ?? '修改只对之后的新订单生效，已下的订单不受影响。'}
        </Text>
        <NoticeBar id='settings-notice' notice={s.notice} onClose={() => s.dismissNotice()} />
        {s.conflict ? (
          <Button className='btn btn--dark btn--small ops-form__reload' id='settings-reload' onClick={() => void s.reload()}>
            重新加载
          </Button>
        ) : null}
        {issues.length ? (
          <View className='ops-form__error' id='settings-issues'>
            {issues.map((i, n) => (
              <Text key={`${i.path}-${n}`} className='ops-form__issue'>
                {i.full}
              </Text>
            ))}
          </View>
        ) : null}
        {AREA_VIEWS[def.area]({ s, d: s.draft })}
        <View className='ops-form__bar'>
          <Button className='btn btn--dark ops-form__save' id='settings-save' disabled={s.saving || undefined} onClick={() => void s.save().then(scrollToTop)}>
            {s.saving ? '保存中…' : `保存「${def.title}」`}
          </Button>
        </View>
      </View>
    );
  }
  return <OpsShell forbidden={s.read.forbidden}>{body}</OpsShell>;
}

export default observer(SettingsAreaPage);
