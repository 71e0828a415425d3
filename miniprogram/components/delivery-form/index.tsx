import { useEffect, useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import type { AddressFields, SavedAddress } from '@shared/gifts/address-book';
import { addressFieldsEmpty, formHolds, savedAddressText, withAddress, type DeliveryForm } from '../../format/delivery';
import { useStores } from '../../stores/context';
import { ChoiceRow } from '../choice';
import { PrivacyPopup } from '../privacy-popup';
import './index.css';

export interface DeliveryFormViewProps {
  /**
   * Ids: `${idPrefix}-form`, `-method-pickup`, `-method-address`, `-name`, `-phone`, `-address`,
   * `-saved-toggle`, `-saved-list`, `-saved-<i>` (and `-saved-<i>-remove`), `-wechat`, `-cancel`, `-submit`.
   */
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
  /** 常用收货地址, last used first: the ones not in the fields are offered under 「选择其他地址」. */
  saved?: readonly SavedAddress[];
  /** The saved address being removed (its row is disabled). */
  removing?: AddressFields;
  onRemoveSaved?: (a: SavedAddress) => void;
  /** 「使用微信收货地址」 (WeChat's address sheet): only given where the platform has one (weapp). */
  onChooseWechat?: () => void;
}

/**
 * How goods reach the customer: 到店自提, or 快递到家 with name, phone and address — typed, picked
 * from the addresses used before, or taken from WeChat's address sheet. Used by the welcome gift
 * pack, the spend-tier gifts and the checkout of physical products; the store checks it
 * (format/delivery `toDelivery`) and says what is missing.
 */
export function DeliveryFormView({ idPrefix, form, busy, submitText = '确认领取', title = '选择领取方式', pickupDetail = '到店出示会员码即可领取', onChange, onCancel, onSubmit, saved = [], removing, onRemoveSaved, onChooseWechat }: DeliveryFormViewProps) {
  const [showOthers, setShowOthers] = useState(false);
  const others = saved.filter((a) => !formHolds(form, a));
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
          {others.length > 0 || onChooseWechat ? (
            <View className='delivery-form__sources'>
              {others.length > 0 ? (
                <Text className='delivery-form__source' id={`${idPrefix}-saved-toggle`} onClick={() => setShowOthers(!showOthers)}>
                  {showOthers ? '收起地址列表' : `选择其他地址（${others.length}）`}
                </Text>
              ) : null}
              {onChooseWechat ? (
                <Text className='delivery-form__source' id={`${idPrefix}-wechat`} onClick={onChooseWechat}>
                  使用微信收货地址
                </Text>
              ) : null}
            </View>
          ) : null}
          {showOthers && others.length > 0 ? (
            <View className='delivery-form__saved' id={`${idPrefix}-saved-list`}>
              {others.map((a, i) => {
                const busyRow = removing !== undefined && formHolds({ method: 'address', ...removing }, a);
                return (
                  <View className={`delivery-form__saved-row${busyRow ? ' delivery-form__saved-row--busy' : ''}`} key={`${a.name}|${a.phone}|${a.address}`}>
                    <Text
                      className='delivery-form__saved-text'
                      id={`${idPrefix}-saved-${i}`}
                      onClick={() => {
                        onChange(withAddress(form, a));
                        setShowOthers(false);
                      }}
                    >
                      {savedAddressText(a)}
                    </Text>
                    {onRemoveSaved ? (
                      <Text className='delivery-form__saved-remove' id={`${idPrefix}-saved-${i}-remove`} onClick={() => !busyRow && onRemoveSaved(a)}>
                        删除
                      </Text>
                    ) : null}
                  </View>
                );
              })}
            </View>
          ) : null}
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

export type DeliveryFormProps = Omit<DeliveryFormViewProps, 'saved' | 'removing' | 'onRemoveSaved' | 'onChooseWechat'>;

/**
 * The delivery form with the customer's address book (stores/address-book-store): loaded each
 * time the form opens (orders and claims elsewhere add to it); 快递到家 starts from the most
 * recently used address when nothing is typed yet; on weapp WeChat's address sheet fills it too
 * (a privacy API, so the privacy prompt is rendered with it).
 */
export const DeliveryFormWithBook = observer(function DeliveryFormWithBook(props: DeliveryFormProps) {
  const book = useStores().addresses;
  const { form, onChange } = props;
  useEffect(() => {
    void book.load();
  }, [book]);
  const latest = book.latest;
  useEffect(() => {
    if (form.method === 'address' && latest && addressFieldsEmpty(form)) onChange(withAddress(form, latest));
    // Only when 快递到家 is chosen or the book arrives: clearing the fields afterwards is the customer's choice.
  }, [form.method, latest]);
  return (
    <>
      <DeliveryFormView
        {...props}
        saved={book.addresses}
        removing={book.removing}
        onRemoveSaved={(a) => void book.remove(a)}
        onChooseWechat={
          book.wechatAvailable
            ? () =>
                void book.chooseWechat().then((a) => {
                  if (a) onChange(withAddress(form, a));
                })
            : undefined
        }
      />
      {book.wechatAvailable ? <PrivacyPopup /> : null}
    </>
  );
});
