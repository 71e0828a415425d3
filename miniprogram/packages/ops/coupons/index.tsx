import Taro from '@tarojs/taro';
import { Button, Input, Picker, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { formatYuan } from '@shared/money/format';
import { TickBox } from '../../../components/choice';
import { EmptyView } from '../../../components/load-state';
import { NoticeBar } from '../../../components/notice-bar';
import type { CouponTemplateView } from '../../../services/coupon';
import { ReadBody } from '../components/list-page';
import { Chips, Field, OpsShell, scrollToFirstProblem, scrollToTop } from '../components/shell';
import { useListPaging } from '../components/use-list-paging';
import type { CouponForm } from '../format/coupon-form';
import { auditUrl } from '../routes';
import { useCouponTemplates, type CouponTemplatesStore } from '../stores/coupon-templates-store';
import '../ops.css';
import './coupons.css';

const KIND_OPTIONS: Array<{ key: CouponForm['kind']; label: string }> = [
  { key: 'amount-off', label: '满减（减固定金额）' },
  { key: 'percent-off', label: '折扣（按比例减）' },
];
const VALIDITY_OPTIONS: Array<{ key: CouponForm['validityKind']; label: string }> = [
  { key: 'days', label: '领取后 N 天' },
  { key: 'fixed', label: '固定日期' },
];

type TextKey = { [K in keyof CouponForm]: CouponForm[K] extends string ? K : never }[keyof CouponForm];

const FormInput = observer(function FormInput({ store, field, placeholder, type = 'text', maxlength = 12 }: { store: CouponTemplatesStore; field: TextKey; placeholder: string; type?: 'text' | 'digit' | 'number'; maxlength?: number }) {
  return <Input className='field ops-input' id={`cf-${field}-input`} type={type} value={store.form![field]} maxlength={maxlength} placeholder={placeholder} onInput={(e) => store.set(field, e.detail.value)} />;
});

const DateField = observer(function DateField({ store, field, label }: { store: CouponTemplatesStore; field: 'from' | 'until'; label: string }) {
  return (
    <Field id={`cf-${field}`} label={label} error={store.errors[field]}>
      <Picker mode='date' value={store.form![field]} onChange={(e) => store.set(field, String(e.detail.value))}>
        <Text className='field ops-input coupon-form__date' id={`cf-${field}-value`}>
          {store.form![field] || '选择日期'}
        </Text>
      </Picker>
    </Field>
  );
});

/** 新建优惠券: the rule, validity and limits; checked with the server's schema before sending. */
const TemplateForm = observer(function TemplateForm({ store }: { store: CouponTemplatesStore }) {
  const f = store.form!;
  const e = store.errors;
  return (
    <View className='card ops-form' id='coupon-form'>
      <Field id='cf-name' label='券名称' required error={e.name} hint='顾客看到的名字，如「新客满 300 减 50」'>
        <FormInput store={store} field='name' placeholder='最多 30 个字' maxlength={30} />
      </Field>
      <Field id='cf-kind' label='优惠方式'>
        <Chips
          idPrefix='cf-kind'
          options={KIND_OPTIONS}
          value={f.kind}
          onSelect={(k) => store.set('kind', k)}
        />
      </Field>
      {f.kind === 'amount-off' ? (
        <Field id='cf-amount' label='减免金额（元）' required error={e.amount}>
          <FormInput store={store} field='amount' type='digit' placeholder='如 50' />
        </Field>
      ) : (
        <>
          <Field id='cf-percent' label='优惠比例（%）' required error={e.percent} hint='20 表示减 20%，即 8 折；最多 90'>
            <FormInput store={store} field='percent' type='number' placeholder='如 20' maxlength={2} />
          </Field>
          <Field id='cf-maxOff' label='最多减（元）' error={e.maxOff} hint='留空 = 不设上限'>
            <FormInput store={store} field='maxOff' type='digit' placeholder='如 100' />
          </Field>
        </>
      )}
      <Field id='cf-minSpend' label='使用门槛（元）' error={e.minSpend} hint='适用商品满多少可用；留空 = 无门槛。体验装不参与用券'>
        <FormInput store={store} field='minSpend' type='digit' placeholder='如 300' />
      </Field>
      <Field id='cf-validity' label='有效期'>
        <Chips
          idPrefix='cf-validity'
          options={VALIDITY_OPTIONS}
          value={f.validityKind}
          onSelect={(k) => store.set('validityKind', k)}
        />
      </Field>
      {f.validityKind === 'days' ? (
        <Field id='cf-days' label='有效天数' required error={e.days}>
          <FormInput store={store} field='days' type='number' placeholder='如 7' maxlength={4} />
        </Field>
      ) : (
        <>
          <DateField store={store} field='from' label='开始日期（当天 0 点起）' />
          <DateField store={store} field='until' label='结束日期（当天 24 点止）' />
        </>
      )}
      <Field id='cf-perCustomerLimit' label='每人限领（张）' required error={e.perCustomerLimit}>
        <FormInput store={store} field='perCustomerLimit' type='number' placeholder='1' maxlength={3} />
      </Field>
      <Field id='cf-totalQuantity' label='发放总量（张）' error={e.totalQuantity} hint='留空 = 不限量；领完即止，并发领取也不会超发'>
        <FormInput store={store} field='totalQuantity' type='number' placeholder='如 100' maxlength={8} />
      </Field>
      <Field id='cf-flags' label='发放与使用'>
        <TickBox id='cf-claimable' checked={f.claimable} onChange={(v) => store.set('claimable', v)}>
          <Text>顾客可在「我的优惠券 › 领券中心」自行领取（不勾选：仅由活动或运营发放）</Text>
        </TickBox>
        <TickBox id='cf-next-purchase' checked={f.nextPurchaseOnly} onChange={(v) => store.set('nextPurchaseOnly', v)}>
          <Text>仅限领取后的下一笔订单使用（首三单促活常用）</Text>
        </TickBox>
      </Field>
      <View className='coupon-form__bar'>
        <Button className='btn btn--ghost coupon-form__btn' id='cf-cancel' disabled={store.saving || undefined} onClick={() => store.cancelForm()}>
          取消
        </Button>
        <Button className='btn btn--dark coupon-form__btn' id='cf-save' disabled={store.saving || undefined} onClick={() => void store.save().then((ok) => (ok ? scrollToTop() : scrollToFirstProblem()))}>
          {store.saving ? '创建中…' : '创建优惠券'}
        </Button>
      </View>
    </View>
  );
});

const TemplateCard = observer(function TemplateCard({ t, index, store }: { t: CouponTemplateView; index: number; store: CouponTemplatesStore }) {
  const id = `ct-${index}`;
  const paused = t.status === 'paused';
  return (
    <View className={`card coupon-tpl ${paused ? 'coupon-tpl--paused' : ''}`} id={id}>
      <View className='coupon-tpl__head'>
        <Text className='coupon-tpl__face'>{t.face}</Text>
        <View className='coupon-tpl__main'>
          <Text className='coupon-tpl__name'>{t.name}</Text>
          <Text className='coupon-tpl__offer'>{t.offerLabel}</Text>
        </View>
        <Text className={`ops-status ops-status--${t.status === 'active' ? 'good' : 'muted'}`} id={`${id}-status`}>
          {paused ? '已暂停' : '发放中'}
        </Text>
      </View>
      <Text className='coupon-tpl__line'>
        {t.validityText} · {t.scope}
      </Text>
      <Text className='coupon-tpl__line'>
        每人限领 {t.perCustomerLimit} 张 · {t.totalQuantity !== undefined ? `共 ${t.totalQuantity} 张` : '不限量'}
        {t.minSpendFen > 0 ? ` · 门槛 ${formatYuan(t.minSpendFen)}` : ''}
      </Text>
      <Text className='coupon-tpl__line' id={`${id}-no`} userSelect>
        编号 {t.templateId}（长按复制，填到 设置 › 提前续费送优惠券）
      </Text>
      <View className='coupon-tpl__tags'>
        <Text className='coupon-tpl__tag'>{t.claimable ? '顾客可领取' : '活动 / 运营发放'}</Text>
        {t.nextPurchaseOnly ? <Text className='coupon-tpl__tag'>仅限下一笔订单</Text> : null}
      </View>
      <Text className='coupon-tpl__counts' id={`${id}-counts`}>
        已发 {t.issued}
        {t.totalQuantity !== undefined ? ` / ${t.totalQuantity}` : ''} · 已用 {t.used}
      </Text>
      <View className='coupon-tpl__foot'>
        <Text className='link coupon-tpl__audit' onClick={() => void Taro.navigateTo({ url: auditUrl('coupon-template', t.templateId) })}>
          操作记录
        </Text>
        <Button
          className={`btn btn--small ${paused ? 'btn--primary' : 'btn--ghost'} coupon-tpl__toggle`}
          id={`${id}-toggle`}
          disabled={store.busyId !== undefined || undefined}
          onClick={() => void store.setStatus(t.templateId, paused ? 'active' : 'paused')}
        >
          {store.busyId === t.templateId ? '处理中…' : paused ? '恢复发放' : '暂停发放'}
        </Button>
      </View>
    </View>
  );
});

/** 运营后台 · 优惠券: templates (issued / used), 新建, 暂停 / 恢复. */
function OpsCouponsPage() {
  const store = useCouponTemplates();

  useListPaging(store.read);

  return (
    <OpsShell forbidden={store.read.forbidden}>
      <ReadBody read={store.read}>
        {() => (
          <View id='ops-coupons'>
            <Text className='ops__intro'>顾客领取或活动发放的券，按券上的规则使用：结算时自动选最省的一张；成交价不会低于商品的「最低成交价」。会员价与优惠券是否叠加、退款后券如何处理，在「设置 › 额度与期限」中配置。</Text>
            <NoticeBar id='coupons-notice' notice={store.notice} onClose={() => store.dismissNotice()} />
            {store.form ? (
              <TemplateForm store={store} />
            ) : (
              <Button className='btn btn--dark ops__new' id='coupon-new' onClick={() => store.openForm()}>
                ＋ 新建优惠券
              </Button>
            )}
            {store.templates.length === 0 ? <EmptyView text='还没有优惠券，点「新建优惠券」创建第一张。' /> : store.templates.map((t, i) => <TemplateCard key={t.templateId} t={t} index={i} store={store} />)}
          </View>
        )}
      </ReadBody>
    </OpsShell>
  );
}

export default observer(OpsCouponsPage);
