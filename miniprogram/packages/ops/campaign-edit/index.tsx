import '../zod-setup';
import { useEffect } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Input, Picker, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { POLICY_STAGE_LABELS } from '@shared/promotions/contact-policy';
import { segmentLabel } from '@shared/segments/labels';
import { TickBox } from '../../../components/choice';
import { ErrorView, LoadingView } from '../../../components/load-state';
import { NoticeBar } from '../../../components/notice-bar';
import { useStores } from '../../../stores/context';
import { Chips, Field, OpsShell, scrollToFirstProblem } from '../components/shell';
import { previewLines, STAGE_ORDER, stagePolicyText } from '../format/campaign';
import { MESSAGE_MAX, PAGE_OPTIONS } from '../format/campaign-form';
import { campaignUrl } from '../routes';
import { useCampaignConsole } from '../stores/campaign-console';
import { AUDIENCE_LIMITS, type CampaignEditStore } from '../stores/campaign-edit';
import '../ops.css';
import '../campaign.css';

type S = CampaignEditStore;
type TextKey = 'name' | 'title' | 'detail' | 'contentTitle' | 'contentDetail' | 'holdout' | 'attributionDays';

const FormInput = observer(function FormInput({ s, field, placeholder, type = 'text', maxlength }: { s: S; field: TextKey; placeholder: string; type?: 'text' | 'number'; maxlength: number }) {
  return <Input className='field ops-input' id={`cmf-${field}-input`} type={type} value={s.form![field]} maxlength={maxlength} placeholder={placeholder} onInput={(e) => s.set(field, e.detail.value)} />;
});

/** "标题（8/20）": WeChat cuts longer texts, so the count is always in sight. */
const counted = (label: string, text: string) => `${label}（${[...text.trim()].length}/${MESSAGE_MAX}）`;

const WhenField = observer(function WhenField({ s, which, label }: { s: S; which: 'start' | 'end'; label: string }) {
  const f = s.form!;
  const dateKey = `${which}Date` as const;
  const timeKey = `${which}Time` as const;
  return (
    <Field id={`cmf-${which}`} label={label} error={s.errors[which]}>
      <View className='cmp-when'>
        <Picker mode='date' value={f[dateKey]} onChange={(e) => s.set(dateKey, String(e.detail.value))}>
          <Text className='field ops-input cmp-when__part' id={`cmf-${which}-date`}>
            {f[dateKey] || '选择日期'}
          </Text>
        </Picker>
        <Picker mode='time' value={f[timeKey]} onChange={(e) => s.set(timeKey, String(e.detail.value))}>
          <Text className='field ops-input cmp-when__part' id={`cmf-${which}-time`}>
            {f[timeKey] || '时间'}
          </Text>
        </Picker>
      </View>
    </Field>
  );
});

/** The segments to add to a clause, by family, each with its Chinese name and current size. */
const KeyPicker = observer(function KeyPicker({ s, clause }: { s: S; clause: number }) {
  const taken = s.form!.clauses[clause] ?? [];
  return (
    <View className='cmp-picker' id={`cmf-picker-${clause}`}>
      {s.families.map((fam) => (
        <View key={fam.id} className='cmp-picker__family'>
          <Text className='cmp-picker__title'>{fam.title}</Text>
          <View className='ops-chips'>
            {fam.segments.map((seg) => (
              <Text
                key={seg.key}
                className={`ops-chip ${taken.includes(seg.key) ? 'ops-chip--on' : ''}`}
                id={`cmf-pick-${clause}-${seg.key.replace(/[:]/g, '-')}`}
                onClick={() => s.addKey(clause, seg.key)}
              >
                {seg.label} · {seg.count}
              </Text>
            ))}
          </View>
        </View>
      ))}
    </View>
  );
});

/** 目标人群: ANY clause (或), each ALL of its segments (且). */
const Audience = observer(function Audience({ s }: { s: S }) {
  const f = s.form!;
  const rules = s.settings.rules;
  return (
    <Field id='cmf-clauses' label='目标人群' required error={s.errors.clauses} hint='满足任一条件组的顾客都在目标人群内；同一组里的分群需同时满足。'>
      {f.clauses.map((clause, i) => (
        <View key={i} className='cmp-clause' id={`cmf-clause-${i}`}>
          {i > 0 ? <Text className='cmp-clause__or'>或</Text> : null}
          <View className='cmp-clause__body'>
            <View className='ops-chips'>
              {clause.map((k, j) => (
                <Text key={k} className='ops-chip ops-chip--on cmp-key' id={`cmf-key-${i}-${j}`} onClick={() => s.removeKey(i, k)}>
                  {j > 0 ? '且 ' : ''}
                  {segmentLabel(k, rules)} ✕
                </Text>
              ))}
              {clause.length < AUDIENCE_LIMITS.keysPerClause ? (
                <Text className='ops-chip cmp-key--add' id={`cmf-add-key-${i}`} onClick={() => s.openPicker(i)}>
                  ＋ {clause.length ? '且…' : '选择分群'}
                </Text>
              ) : null}
            </View>
            <Text className='ops-item__remove cmp-clause__remove' id={`cmf-clause-${i}-remove`} onClick={() => s.removeClause(i)}>
              删除此组
            </Text>
          </View>
          {s.picking === i ? <KeyPicker s={s} clause={i} /> : null}
        </View>
      ))}
      {f.clauses.length < AUDIENCE_LIMITS.clauses ? (
        <Text className='link cmp-clause__add' id='cmf-add-clause' onClick={() => s.addClause()}>
          ＋ 添加条件组（或）
        </Text>
      ) : null}
    </Field>
  );
});

const Coupon = observer(function Coupon({ s }: { s: S }) {
  const options = [{ key: '', label: '不发券（只发内容）' }, ...s.coupons.map((c) => ({ key: c.templateId, label: `${c.name}（${c.offerLabel}）` }))];
  return (
    <Field id='cmf-coupon' label='发放优惠券' error={s.errors.coupon} hint={s.coupons.length ? '首三单活动建议用「仅限下一笔订单」、有效期 7–14 天的券。' : '还没有可发放的券：先到「运营后台 › 优惠券」新建一张。'}>
      <Chips idPrefix='cmf-coupon-opt' options={options.map((o) => ({ key: o.key || 'none', label: o.label }))} value={s.form!.couponTemplateId || 'none'} onSelect={(k) => s.set('couponTemplateId', k === 'none' ? '' : k)} />
    </Field>
  );
});

const Message = observer(function Message({ s }: { s: S }) {
  const f = s.form!;
  return (
    <>
      <Field id='cmf-title' label={counted('消息标题', f.title)} required error={s.errors.title} hint='微信服务通知的第一行，说清楚是什么'>
        <FormInput s={s} field='title' placeholder='如：您有一张复购券待使用' maxlength={MESSAGE_MAX} />
      </Field>
      <Field id='cmf-detail' label={counted('消息内容', f.detail)} required error={s.errors.detail} hint='告诉顾客下一步做什么'>
        <FormInput s={s} field='detail' placeholder='如：下单自动抵扣，限时有效' maxlength={MESSAGE_MAX} />
      </Field>
      {f.couponTemplateId ? (
        <View className='cmp-content' id='cmf-content'>
          <Text className='cmp-content__why'>{contentWhy(s)}</Text>
          <Field id='cmf-contentTitle' label={counted('内容消息标题', f.contentTitle)} error={s.errors.contentTitle} hint='不提优惠，只说有什么值得看'>
            <FormInput s={s} field='contentTitle' placeholder='如：为您挑选了几款好物（留空则不发）' maxlength={MESSAGE_MAX} />
          </Field>
          <Field id='cmf-contentDetail' label={counted('内容消息内容', f.contentDetail)} error={s.errors.contentDetail}>
            <FormInput s={s} field='contentDetail' placeholder='如：新品与热卖，点开看看' maxlength={MESSAGE_MAX} />
          </Field>
        </View>
      ) : null}
      <Field id='cmf-page' label='点开消息后打开' error={s.errors.page}>
        <Chips idPrefix='cmf-page-opt' options={PAGE_OPTIONS.map((p) => ({ key: p.key.replace(/\//g, '-'), label: p.label }))} value={f.page.replace(/\//g, '-')} onSelect={(k) => s.set('page', PAGE_OPTIONS.find((p) => p.key.replace(/\//g, '-') === k)!.key)} />
      </Field>
    </>
  );
});

/** Which stages will get the content message instead of the coupon, from today's contact policy. */
function contentWhy(s: S): string {
  const policy = s.settings.rules.contactPolicy;
  const noOffer = STAGE_ORDER.filter((st) => policy[st].offers === 'none').map((st) => POLICY_STAGE_LABELS[st]);
  const who = noOffer.length ? `${noOffer.join('、')}顾客按「触达策略」不接收优惠` : '不接收这种力度优惠的阶段';
  return `${who}，他们收到下面这条内容消息（不发券）；其余顾客收到券和上面的消息。`;
}

/** 预览: the figures, and in words why some of the audience will not get the message now. */
const Preview = observer(function Preview({ s }: { s: S }) {
  const p = s.preview!;
  const policy = s.settings.rules.contactPolicy;
  const holdout = Number(s.form?.holdout ?? 0);
  return (
    <View className={`card cmp-preview ${s.previewStale ? 'cmp-preview--stale' : ''}`} id='cmf-preview'>
      <Text className='cmp-preview__title'>预览（按此刻的顾客与订阅情况）</Text>
      {s.previewStale ? <Text className='ops-field__error'>表单已修改，请重新预览。</Text> : null}
      <View className='cmp-figures'>
        <Figure id='cmf-preview-audience' label='目标人群' value={p.audience} />
        {s.form?.couponTemplateId ? <Figure id='cmf-preview-coupons' label={p.couponsLeft !== undefined ? `将发券（剩 ${p.couponsLeft} 张）` : '将发券'} value={p.coupons} strong /> : null}
        <Figure id='cmf-preview-reachable' label={p.contentOnly > 0 ? `将收到消息（含内容 ${p.contentOnly}）` : '将收到消息'} value={p.reachable} strong />
      </View>
      {p.estimated ? <Text className='rpt-note'>人群较大，以上按前 {p.walked} 人估算。</Text> : null}
      {previewLines(p, holdout, policy, Boolean(s.form?.couponTemplateId)).map((l) => (
        <View key={l.key} className='cmp-line' id={`cmf-preview-${l.key}`}>
          <Text className='cmp-line__label'>
            {l.label} <Text className='cmp-line__value'>{l.value} 人</Text>
          </Text>
          <Text className='cmp-line__why'>{l.why}</Text>
        </View>
      ))}
      <Text className='cmp-preview__sub'>按生命周期阶段</Text>
      {STAGE_ORDER.map((st) => (
        <View key={st} className='cmp-stage' id={`cmf-preview-stage-${st}`}>
          <Text className='cmp-stage__name'>
            {POLICY_STAGE_LABELS[st]} <Text className='cmp-line__value'>{p.byStage[st]} 人</Text>
          </Text>
          <Text className='cmp-stage__policy'>{stagePolicyText(policy[st])}</Text>
        </View>
      ))}
    </View>
  );
});

function Figure({ id, label, value, strong }: { id: string; label: string; value: number; strong?: boolean }) {
  return (
    <View className='cmp-figure' id={id}>
      <Text className={`cmp-figure__value ${strong ? 'cmp-figure__value--strong' : ''}`}>{value}</Text>
      <Text className='cmp-figure__label'>{label}</Text>
    </View>
  );
}

const CampaignFormView = observer(function CampaignFormView({ s }: { s: S }) {
  const f = s.form!;
  const save = () =>
    void s.save().then((id) => {
      if (id) void Taro.redirectTo({ url: campaignUrl(id) });
      else scrollToFirstProblem();
    });
  return (
    <View className='card ops-form' id='campaign-form'>
      <Text className='cmp-form__from'>
        {s.editingId ? '编辑草稿 · ' : ''}
        {f.template === 'first-three-purchase' ? '模板：首三单复购' : '空白活动'}
      </Text>
      <Field id='cmf-name' label='活动名称' required error={s.errors.name}>
        <FormInput s={s} field='name' placeholder='最多 30 个字，顾客看不到' maxlength={30} />
      </Field>
      <Audience s={s} />
      <Coupon s={s} />
      <Message s={s} />
      <WhenField s={s} which='start' label='开始时间' />
      <WhenField s={s} which='end' label='结束时间（消息里的截止时间；之后不再发送）' />
      <Field id='cmf-holdout' label='对照组比例（%）' error={s.errors.holdout} hint='随机留出这部分顾客，不发券不发消息，用来衡量活动真正带来的提升；0–50'>
        <FormInput s={s} field='holdout' type='number' placeholder='10' maxlength={2} />
      </Field>
      <Field id='cmf-attributionDays' label='转化统计天数' error={s.errors.attributionDays} hint='收到活动后多少天内的订单计为转化（对照组同样计算）；1–90'>
        <FormInput s={s} field='attributionDays' type='number' placeholder='14' maxlength={2} />
      </Field>
      <TickBox id='cmf-bigSale' checked={f.bigSale} onChange={(v) => s.set('bigSale', v)}>
        <Text>这是大促活动（流失顾客只接收大促优惠）</Text>
      </TickBox>
      {s.preview ? <Preview s={s} /> : null}
      <NoticeBar id='cmf-notice' notice={s.notice} onClose={() => s.dismissNotice()} />
      <View className='cmp-form__bar'>
        <Button className='btn btn--ghost cmp-form__btn' id='cmf-preview-btn' disabled={s.previewing || s.saving || undefined} onClick={() => void s.runPreview().then((ok) => (ok ? undefined : scrollToFirstProblem()))}>
          {s.previewing ? '预览中…' : s.preview ? '重新预览' : '预览'}
        </Button>
        <Button className='btn btn--dark cmp-form__btn' id='cmf-save' disabled={s.saving || undefined} onClick={save}>
          {s.saving ? '保存中…' : s.editingId ? '保存修改' : '保存为草稿'}
        </Button>
      </View>
      {s.editingId ? (
        <Text className='link cmp-form__discard' id='cmf-discard' onClick={() => void Taro.navigateBack()}>
          放弃修改，返回活动
        </Text>
      ) : (
        <Text className='link cmp-form__discard' id='cmf-discard' onClick={() => s.discard()}>
          放弃，重新选择模板
        </Text>
      )}
    </View>
  );
});

/** How to start: the first-three-purchase template, or blank. */
function StartChoice({ s }: { s: S }) {
  return (
    <View id='campaign-start'>
      <View className='card cmp-start' id='cmp-start-template' onClick={() => s.start('first-three-purchase')}>
        <Text className='cmp-start__title'>从模板创建：首三单复购</Text>
        <Text className='cmp-start__text'>买过 1–2 次，或买过体验装还没买正装的顾客。沉默、未成交的顾客收到一张下一单可用的券和提醒；最近刚买过的活跃顾客按触达策略只收内容消息，不发券。留 10% 对照组衡量效果。</Text>
      </View>
      <View className='card cmp-start' id='cmp-start-blank' onClick={() => s.start('blank')}>
        <Text className='cmp-start__title'>空白活动</Text>
        <Text className='cmp-start__text'>自己选人群、优惠和消息。</Text>
      </View>
    </View>
  );
}

/**
 * 新建活动 (operators): template or blank → form → 预览 → 保存为草稿 (then 发布 on its page).
 * With `?campaignId=` it edits that draft (编辑草稿 on the campaign's page).
 */
function CampaignEditPage() {
  const { session } = useStores();
  const s = useCampaignConsole().edit;
  const draftId = useRouter().params.campaignId ?? '';

  useEffect(() => {
    if (!session.isLoggedIn) return;
    // A new campaign's page never shows a draft left open for editing (a new form in progress stays).
    void s.load().then(() => (draftId ? s.openDraft(draftId) : s.editingId ? s.discard() : undefined));
  }, [session.isLoggedIn, s, draftId]);

  let body;
  if (!s.read.loaded && s.read.error && !s.read.forbidden) body = <ErrorView message={s.read.error} onRetry={() => void s.load()} />;
  else if (!s.read.loaded || (draftId && s.editingId !== draftId && !s.notice)) body = <LoadingView />;
  else if (draftId && !s.form) body = <ErrorView message={s.notice?.text ?? '草稿不存在，请返回活动列表。'} onRetry={() => void Taro.navigateBack()} />;
  else body = s.form ? <CampaignFormView s={s} /> : <StartChoice s={s} />;
  return <OpsShell forbidden={s.read.forbidden}>{body}</OpsShell>;
}

export default observer(CampaignEditPage);
