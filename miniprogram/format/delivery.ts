import type { AddressFields, SavedAddress } from '@shared/gifts/address-book';
import type { Delivery, Fulfilment } from '@shared/gifts/delivery';

/**
 * How a claimed gift reaches the customer, as typed into the claim form and as shown afterwards.
 * Shared by the welcome gift pack (会员), the spend-tier gifts (消费礼) and the operator's
 * fulfilment list, so all of them check and word deliveries the same way.
 */

/** The claim form as typed; `toDelivery` checks it the way the server will. */
export interface DeliveryForm {
  method: 'pickup' | 'address';
  name: string;
  phone: string;
  address: string;
}

export const emptyDeliveryForm = (): DeliveryForm => ({ method: 'pickup', name: '', phone: '', address: '' });

const PHONE = /^1\d{10}$/;

/** A Delivery to send, or the Chinese reason the form is not complete yet. */
export function toDelivery(form: DeliveryForm): { ok: true; delivery: Delivery } | { ok: false; message: string } {
  const name = form.name.trim();
  const phone = form.phone.trim();
  const address = form.address.trim();
  if (form.method === 'pickup') {
    // Pickup needs nothing, but a phone given for the store to call must be a valid one.
    if (phone && !PHONE.test(phone)) return { ok: false, message: '手机号需为 11 位数字，请检查后重试，或留空。' };
    return { ok: true, delivery: { method: 'pickup', ...(name ? { name } : {}), ...(phone ? { phone } : {}) } };
  }
  if (!name) return { ok: false, message: '请填写收件人姓名。' };
  if (name.length > 20) return { ok: false, message: '收件人姓名最多 20 个字，请精简后重试。' };
  if (!PHONE.test(phone)) return { ok: false, message: '请填写收件人的 11 位手机号。' };
  if (address.length < 5) return { ok: false, message: '请填写详细收货地址（省市区、街道和门牌号）。' };
  if (address.length > 120) return { ok: false, message: '收货地址最多 120 个字，请精简后重试。' };
  return { ok: true, delivery: { method: 'address', name, phone, address } };
}

/** The form with a saved (or WeChat) address in its fields, 快递到家 chosen. */
export const withAddress = (form: DeliveryForm, a: AddressFields): DeliveryForm => ({ ...form, method: 'address', name: a.name, phone: a.phone, address: a.address });

/** Nothing typed into the address fields yet: a saved address may fill them. */
export const addressFieldsEmpty = (form: DeliveryForm) => !form.name.trim() && !form.phone.trim() && !form.address.trim();

/** Whether the form's fields are this address (the list marks it, and leaves it out of 「其他地址」). */
export const formHolds = (form: DeliveryForm, a: AddressFields) => form.name.trim() === a.name && form.phone.trim() === a.phone && form.address.trim() === a.address;

/** One line for a saved address in the list: "张三 138****8000 · 上海市…". */
export const savedAddressText = (a: SavedAddress) => `${a.name} ${maskPhone(a.phone)} · ${a.address}`;

/**
 * What wx.chooseAddress hands to `success` (documented fields, fixture
 * cloudfunctions/_kit/platform/fixtures/wx.chooseAddress.success.json), as the delivery form's
 * fields: 收件人 ← userName, 手机号 ← telNumber (a mobile written +86 / with spaces or dashes is
 * normalised; anything else is kept for the customer to fix), 详细地址 ← province + city + county +
 * detailInfo (a municipality's city equal to its province is written once). Lengths are cut to the
 * form's limits; toDelivery still checks everything before it is sent.
 */
export interface WechatAddress {
  userName?: string;
  telNumber?: string;
  provinceName?: string;
  cityName?: string;
  countyName?: string;
  detailInfo?: string;
}

export function fromWechatAddress(res: WechatAddress): AddressFields {
  const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  const tel = str(res.telNumber);
  const mobile = tel.replace(/[\s-]/g, '').replace(/^\+?86(?=1\d{10}$)/, '');
  const province = str(res.provinceName);
  const city = str(res.cityName);
  const parts = [province, city === province ? '' : city, str(res.countyName), str(res.detailInfo)];
  return { name: str(res.userName).slice(0, 20), phone: PHONE.test(mobile) ? mobile : tel, address: parts.join('').slice(0, 120) };
}

/** "138****8000": customers see their own number masked on shared screens. */
export const maskPhone = (p: string) => (p.length === 11 ? `${p.slice(0, 3)}****${p.slice(7)}` : p);

/** "快递到家 · 张三 138****8000 · 上海市…" or "到店自提". Operators pass `mask: false` (they ship it). */
export function deliveryText(d: Delivery, opts: { mask?: boolean } = {}): string {
  const phone = (p: string | undefined) => (p ? (opts.mask === false ? p : maskPhone(p)) : '');
  if (d.method === 'pickup') {
    const who = [d.name ?? '', phone(d.phone)].filter(Boolean).join(' ');
    return who ? `到店自提 · ${who}` : '到店自提';
  }
  return `快递到家 · ${d.name} ${phone(d.phone)} · ${d.address}`;
}

/** Where a claimed gift stands: 待发货 / 已发货 · 顺丰速运 运单号 SF… / 待自提 / 已自提. */
export function fulfilmentText(d: Delivery | undefined, f: Fulfilment | undefined): string {
  const state = f?.state ?? 'pending';
  if (state === 'shipped') {
    const how = [f?.carrier, f?.trackingNo ? `运单号 ${f.trackingNo}` : undefined].filter(Boolean).join(' ');
    return how ? `已发货 · ${how}` : '已发货';
  }
  if (state === 'picked-up') return '已自提';
  return d?.method === 'address' ? '待发货' : '待自提';
}

/** An order's fulfilment in one line: "已发货 · 顺丰速运 SF1234567890", "待发货", "已自提". */
export function orderFulfilmentText(f: { label: string; carrier?: string; carrierName?: string; trackingNo?: string } | undefined): string {
  if (!f) return '';
  const how = [f.carrierName ?? f.carrier, f.trackingNo].filter(Boolean).join(' ');
  return how ? `${f.label} · ${how}` : f.label;
}
