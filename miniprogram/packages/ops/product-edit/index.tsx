import '../zod-setup';
import { useEffect } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Image, Input, Picker, Text, Textarea, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { MAX_PRODUCT_IMAGES } from '@shared/schemas/product';
import { TickBox } from '../../../components/choice';
import { ErrorView, LoadingView } from '../../../components/load-state';
import { NoticeBar } from '../../../components/notice-bar';
import { PrivacyPopup } from '../../../components/privacy-popup';
import { dateTime } from '../../../format/date';
import { useStores } from '../../../stores/context';
import { Chips, Field, OpsShell, scrollToFirstProblem, scrollToTop } from '../components/shell';
import { daysFromNow, fromShanghai, shanghaiParts } from '../format/datetime';
import type { ProductForm } from '../format/product-form';
import { auditUrl } from '../routes';
import { useBackOffice } from '../stores/back-office';
import type { ProductEditorStore } from '../stores/catalog-store';
import '../ops.css';

type TextKey = { [K in keyof ProductForm]: ProductForm[K] extends string ? K : never }[keyof ProductForm];

/** An Input bound to a text field of the form (ids: `pf-<field>-input`). */
const FormInput = observer(function FormInput({ editor, field, placeholder, type = 'text', maxlength = 60 }: { editor: ProductEditorStore; field: TextKey; placeholder: string; type?: 'text' | 'digit' | 'number'; maxlength?: number }) {
  return (
    <Input
      className='field ops-input'
      id={`pf-${field}-input`}
      type={type}
      value={editor.form[field]}
      maxlength={maxlength}
      placeholder={placeholder}
      onInput={(e) => editor.set(field, e.detail.value)}
    />
  );
});

/** The four money fields (yuan as typed; the editor turns them into fen). */
const PRICE_FIELDS: ReadonlyArray<{ id: string; field: TextKey; error: 'priceFen' | 'memberPriceFen' | 'costFen' | 'floorFen'; label: string; placeholder: string; hint?: string; required?: boolean }> = [
  { id: 'pf-price', field: 'price', error: 'priceFen', label: '原价', placeholder: '如 688 或 12.80', required: true },
  { id: 'pf-member-price', field: 'memberPrice', error: 'memberPriceFen', label: '会员价', placeholder: '留空 = 无会员价', hint: '留空则会员按原价购买；不能高于原价' },
  { id: 'pf-cost', field: 'cost', error: 'costFen', label: '成本价', placeholder: '留空 = 0', hint: '仅用于利润报表，顾客看不到' },
  { id: 'pf-floor', field: 'floor', error: 'floorFen', label: '最低成交价', placeholder: '留空 = 不限', hint: '会员价与优惠叠加后，成交价不会低于它' },
];

const EarlyAccess = observer(function EarlyAccess({ editor }: { editor: ProductEditorStore }) {
  const until = editor.form.earlyAccessUntil;
  const parts = until ? shanghaiParts(until) : undefined;
  const now = Date.now();
  const pick = (date: string | undefined, time: string | undefined) => {
    const base = parts ?? shanghaiParts(daysFromNow(now, 7));
    const ms = fromShanghai(date ?? base.date, time ?? base.time);
    if (ms !== undefined) editor.set('earlyAccessUntil', ms);
  };
  return (
    <View className='ops-early'>
      <View className='ops-early__pickers'>
        <Picker className='ops-early__picker-wrap' mode='date' value={parts?.date ?? ''} start={shanghaiParts(now).date} onChange={(e) => pick(String(e.detail.value), undefined)}>
          <View className='field ops-early__picker' id='pf-early-date'>
            <Text>{parts?.date ?? '选择日期'}</Text>
          </View>
        </Picker>
        <Picker className='ops-early__picker-wrap' mode='time' value={parts?.time ?? '10:00'} onChange={(e) => pick(undefined, String(e.detail.value))}>
          <View className='field ops-early__picker' id='pf-early-time'>
            <Text>{parts?.time ?? '时间'}</Text>
          </View>
        </Picker>
      </View>
      <View className='ops-chips'>
        {[3, 7, 14].map((d) => (
          <Text key={d} className='ops-chip' id={`pf-early-${d}`} onClick={() => editor.set('earlyAccessUntil', daysFromNow(now, d))}>
            {d} 天后
          </Text>
        ))}
        <Text className={`ops-chip ${until === null ? 'ops-chip--on' : ''}`} id='pf-early-none' onClick={() => editor.set('earlyAccessUntil', null)}>
          不设置
        </Text>
      </View>
      <Text className='ops-field__hint' id='pf-early-text'>
        {until ? `${dateTime(until)} 前仅会员可购买，之后对所有人开放。` : '不设置：上架即对所有人开放。'}
      </Text>
    </View>
  );
});

const Images = observer(function Images({ editor }: { editor: ProductEditorStore }) {
  const images = editor.form.images;
  return (
    <View>
      <View className='ops-images' id='pf-images-list'>
        {images.map((img, i) => (
          <View key={img.fileID} className='ops-image' id={`pf-image-${i}`}>
            {img.url ? <Image className='ops-image__img' src={img.url} mode='aspectFill' /> : <View className='ops-image__img ops-image__img--none' />}
            {i === 0 ? <Text className='ops-image__cover'>封面</Text> : null}
            <View className='ops-image__actions'>
              {i > 0 ? (
                <Text className='ops-image__action' id={`pf-image-${i}-cover`} onClick={() => editor.makeCover(i)}>
                  设为封面
                </Text>
              ) : null}
              <Text className='ops-image__action ops-image__action--remove' id={`pf-image-${i}-remove`} onClick={() => editor.removeImage(i)}>
                删除
              </Text>
            </View>
          </View>
        ))}
        {images.length < MAX_PRODUCT_IMAGES ? (
          <View className={`ops-image ops-image--add ${editor.canAddImages ? '' : 'ops-image--busy'}`} id='pf-image-add' onClick={() => void editor.addImages()}>
            <Text className='ops-image__plus'>{editor.uploading > 0 ? '…' : '＋'}</Text>
            <Text className='ops-image__add-text'>{editor.uploading > 0 ? `上传中（${editor.uploading}）` : '添加图片'}</Text>
          </View>
        ) : null}
      </View>
      {editor.imageError ? (
        <Text className='ops-field__error' id='pf-image-error'>
          {editor.imageError}
        </Text>
      ) : null}
    </View>
  );
});

/** 新建/编辑商品: every field, checked with the server's rules before saving; problems next to their fields. */
function ProductEditPage() {
  const { session, catalog } = useStores();
  const { editor, products } = useBackOffice();
  const productId = useRouter().params.productId || undefined;

  useEffect(() => {
    if (!session.isLoggedIn) return;
    void editor.open(productId);
    // For the hint "留空按店铺默认 N 天".
    void catalog.ensureLoaded();
  }, [session.isLoggedIn, editor, productId, catalog]);

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: editor.isNew ? '新建商品' : '编辑商品' });
  }, [editor.isNew]);

  const f = editor.form;
  const e = editor.errors;
  // Until the effect has opened this page's product, the store may still hold another one.
  const ready = editor.openedFor === (productId ?? 'new') && !editor.loading;

  let body;
  if (editor.loadError && !editor.original && productId) {
    body = <ErrorView message={editor.loadError} onRetry={() => void editor.open(productId)} />;
  } else if (!ready) {
    body = <LoadingView text='正在加载商品…' />;
  } else {
    const categories = products.categories.filter((c) => c !== f.category.trim()).slice(0, 8);
    body = (
      <View id='product-form'>
        {editor.original ? (
          <View className='ops-form__meta' id='pf-meta'>
            <Text>
              {editor.original._id} · 第 {editor.original.revision} 版 · {editor.original.status === 'active' ? '在售' : '已下架'}
            </Text>
            <Text className='link' id='pf-audit' onClick={() => void Taro.navigateTo({ url: auditUrl('product', editor.original!._id) })}>
              操作记录
            </Text>
          </View>
        ) : null}
        <NoticeBar id='pf-notice' notice={editor.notice} onClose={() => editor.dismissNotice()} />
        {editor.warnings.length ? (
          <View className='ops-warnings' id='pf-warnings'>
            {editor.warnings.map((w) => (
              <Text key={w} className='ops-warnings__line'>
                提醒：{w}
              </Text>
            ))}
          </View>
        ) : null}
        {editor.formError ? (
          <View className='ops-form__error' id='pf-form-error'>
            <Text>{editor.formError}</Text>
            {editor.conflict ? (
              <Button className='btn btn--dark btn--small ops-form__reload' id='pf-reload' onClick={() => void editor.reload()}>
                重新加载
              </Button>
            ) : null}
          </View>
        ) : null}

        <Text className='section-title'>基本信息</Text>
        <View className='card ops-form'>
          <Field id='pf-name' label='商品名称' required error={e.name}>
            <FormInput editor={editor} field='name' placeholder='如：焕颜修护精华 50ml' />
          </Field>
          <Field id='pf-description' label='商品描述' error={e.description}>
            <Textarea className='field ops-textarea' id='pf-description-input' value={f.description} maxlength={2000} placeholder='卖点、规格、使用方法' onInput={(ev) => editor.set('description', ev.detail.value)} />
          </Field>
          <Field id='pf-category' label='分类' required error={e.category} hint='顾客首页按分类分组展示'>
            <FormInput editor={editor} field='category' placeholder='如：护肤' maxlength={20} />
            {categories.length ? <Chips idPrefix='pf-category-pick' options={categories.map((c) => ({ key: c, label: c }))} value={f.category} onSelect={(c) => editor.set('category', c)} /> : null}
          </Field>
          <Field id='pf-kind' label='商品类型' error={e.kind}>
            <Chips
              idPrefix='pf-kind'
              options={[
                { key: 'regular', label: '正装' },
                { key: 'trial', label: '体验装（每人限购一次）' },
              ]}
              value={f.kind}
              onSelect={(k) => editor.set('kind', k)}
            />
          </Field>
          {f.kind === 'trial' ? (
            <Field id='pf-full' label='关联正装' required error={e.fullProductId} hint='顾客买过体验装后会被引导购买该正装；体验装价格须低于正装'>
              {editor.fullProductChoices.length ? (
                <Chips idPrefix='pf-full' options={editor.fullProductChoices.map((p) => ({ key: p._id, label: p.name }))} value={f.fullProductId} onSelect={(id) => editor.set('fullProductId', id)} />
              ) : (
                <Text className='ops-field__hint'>还没有在售的正装商品，请先创建正装。</Text>
              )}
            </Field>
          ) : null}
          <Field id='pf-physical' label='发货方式' error={e.physical}>
            <TickBox id='pf-physical-tick' checked={f.physical} onChange={(v) => editor.set('physical', v)}>
              <Text>实物商品（需发货或到店自提）；不勾选为虚拟商品（课程、服务），支付后自动发放</Text>
            </TickBox>
          </Field>
        </View>

        <Text className='section-title'>价格（元）</Text>
        <View className='card ops-form'>
          {PRICE_FIELDS.map((m) => (
            <Field key={m.field} id={m.id} label={m.label} required={m.required} error={e[m.error]} hint={m.hint}>
              <FormInput editor={editor} field={m.field} type='digit' placeholder={m.placeholder} maxlength={12} />
            </Field>
          ))}
        </View>

        <Text className='section-title'>图片（第一张为封面，最多 {MAX_PRODUCT_IMAGES} 张）</Text>
        <View className='card ops-form'>
          <Field id='pf-images' label='商品图片' error={e.images} hint='JPG / PNG / WebP，单张不超过 2 MB'>
            <Images editor={editor} />
          </Field>
        </View>

        <Text className='section-title'>销售设置</Text>
        <View className='card ops-form'>
          <Field id='pf-stock' label='库存' error={e.stock} hint={f.stockTracked ? '卖完显示「已售罄」；下单即占用库存，取消或超时释放' : '不限量销售'}>
            <TickBox id='pf-stock-tick' checked={f.stockTracked} onChange={(v) => editor.set('stockTracked', v)}>
              <Text>限量库存</Text>
            </TickBox>
            {f.stockTracked ? <FormInput editor={editor} field='stock' type='number' placeholder='当前可售件数' maxlength={8} /> : null}
          </Field>
          <Field id='pf-early' label='会员抢先购截止' error={e.memberEarlyAccessUntil}>
            <EarlyAccess editor={editor} />
          </Field>
          <Field id='pf-refund' label='无理由退款天数' error={e.refundWindowDays} hint={`留空按店铺默认${catalog.settings ? ` ${catalog.settings.refundWindowDays} 天` : ''}；0 = 不支持无理由退款`}>
            <FormInput editor={editor} field='refundWindowDays' type='number' placeholder='留空 = 店铺默认' maxlength={3} />
          </Field>
          <Field id='pf-sort' label='排序' error={e.sort} hint='数字小的排在前面'>
            <FormInput editor={editor} field='sort' type='text' placeholder='100' maxlength={8} />
          </Field>
        </View>

        <View className='ops-form__bar'>
          <Button className='btn btn--dark ops-form__save' id='pf-save' disabled={editor.saving || editor.uploading > 0 || undefined} onClick={() => void editor.save().then((ok) => (ok || Object.keys(editor.errors).length === 0 ? scrollToTop() : scrollToFirstProblem()))}>
            {editor.saving ? '保存中…' : editor.uploading > 0 ? '图片上传中…' : editor.isNew ? '创建商品' : '保存修改'}
          </Button>
        </View>
      </View>
    );
  }

  // A new form asks the server nothing until it is saved: the catalog load tells who may use it.
  // Picking photos is a privacy API: WeChat may ask for the customer's agreement first (PrivacyPopup).
  return (
    <OpsShell forbidden={editor.forbidden || (editor.isNew && products.read.forbidden)}>
      {body}
      <PrivacyPopup />
    </OpsShell>
  );
}

export default observer(ProductEditPage);
