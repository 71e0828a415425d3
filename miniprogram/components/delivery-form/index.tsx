import { Button, Input, Text, View } from '@tarojs/components';
import type { DeliveryForm } from '../../format/delivery';
import { ChoiceRow } from '../choice';
import './index.css';

export interface DeliveryFormViewProps {
  /** Ids: `${idPrefix}-form`, `-method-pickup`, `-method-address`, `-name`, `-phone`, `-address`, `-cancel`, `-submit`. */
  idPrefix: string;
  form: DeliveryForm;
  busy?: boolean;
  submitText?: string;
  /** Heading above the choices. */
  title?: string;
  /** What 到店自提 means here (a gift is collected, an order is picked up). */
  pickupDetail?: string;
  onChange: (form: DeliveryForm) => void;
  /** Without onCancel/onSubmit the form has no buttons (part of a larger form, e.g. checkout). */
  onCancel?: () => void;
  onSubmit?: () => void;
}

/**
 * How goods reach the customer: 到店自提, or 快递到家 with name, phone and address. Used by the
 * welcome gift pack, the spend-tier gifts and the checkout of physical products; the store checks
 * it (format/delivery `toDelivery`) and says what is missing.
 */
export function DeliveryFormView({ idPrefix, form, busy, submitText = '确认领取', title = '选择领取方式', pickupDetail = '到店出示会员码即可领取', onChange, onCancel, onSubmit }: DeliveryFormViewProps) {
  return (
    <View className='delivery-form' id={`${idPrefix}-form`}>
      <Text className='delivery-form__title'>{title}</Text>
      <ChoiceRow id={`${idPrefix}-method-pickup`} selected={form.method === 'pickup'} label='到店自提' detail={pickupDetail} onSelect={() => onChange({ ...form, method: 'pickup' })} />
      <ChoiceRow id={`${idPrefix}-method-address`} selected={form.method === 'address'} label='快递到家' detail='包邮寄送，填写收件信息' onSelect={() => onChange({ ...form, method: 'address' })} />
      {form.method === 'address' ? (
        <View className='delivery-form__fields'>
          <Input className='field' id={`${idPrefix}-name`} value={form.name} maxlength={20} placeholder='收件人姓名' onInput={(e) => onChange({ ...form, name: e.detail.value })} />
          <Input className='field' id={`${idPrefix}-phone`} type='number' value={form.phone} maxlength={11} placeholder='手机号（11 位）' onInput={(e) => onChange({ ...form, phone: e.detail.value })} />
          <Input className='field' id={`${idPrefix}-address`} value={form.address} maxlength={120} placeholder='详细地址：省市区、街道、门牌号' onInput={(e) => onChange({ ...form, address: e.detail.value })} />
        </View>
      ) : null}
      {onCancel && onSubmit ? (
        <View className='delivery-form__actions'>
          <Button className='btn btn--ghost delivery-form__btn' id={`${idPrefix}-cancel`} disabled={busy || undefined} onClick={onCancel}>
            取消
          </Button>
          <Button className='btn btn--dark delivery-form__btn' id={`${idPrefix}-submit`} disabled={busy || undefined} onClick={onSubmit}>
            {busy ? '提交中…' : submitText}
          </Button>
        </View>
      ) : null}
    </View>
  );
}
