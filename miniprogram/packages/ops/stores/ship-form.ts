import { makeAutoObservable } from 'mobx';
import { CARRIERS, TRACKING_NO_PATTERN, type CarrierCode } from '@shared/orders/fulfilment';

/** The carrier and tracking number to send, or the Chinese reason the form is not complete. */
export type ShipCheck<C extends string> = { ok: true; carrier: C; trackingNo: string } | { ok: false; message: string };

/** What the carrier field accepts, or why not. */
export type CarrierRule<C extends string> = (typed: string) => { ok: true; carrier: C } | { ok: false; message: string };

/** Orders: a carrier WeChat knows, picked from the list (its code is reported with the shipment). */
export const carrierFromList: CarrierRule<CarrierCode> = (typed) =>
  CARRIERS.some((c) => c.code === typed) ? { ok: true, carrier: typed as CarrierCode } : { ok: false, message: '请选择快递公司。' };

/** Gifts: the carrier's name, picked or typed (the customer reads it as it is). */
export const carrierByName: CarrierRule<string> = (typed) => {
  const carrier = typed.trim();
  if (!carrier) return { ok: false, message: '请填写快递公司。' };
  if (carrier.length > 20) return { ok: false, message: '快递公司名称最多 20 个字，请检查后重试。' };
  return { ok: true, carrier };
};

/** The form checked before anything is sent: the carrier by its rule, then the tracking number. */
export function checkShip<C extends string>(rule: CarrierRule<C>, d: { carrier: string; trackingNo: string }): ShipCheck<C> {
  const carrier = rule(d.carrier);
  if (!carrier.ok) return carrier;
  // Tracking numbers are often pasted with spaces between digit groups; they are never part of it.
  const trackingNo = d.trackingNo.replace(/\s+/g, '');
  if (!trackingNo) return { ok: false, message: '请填写运单号。' };
  if (!TRACKING_NO_PATTERN.test(trackingNo)) return { ok: false, message: '运单号应为 6–40 位字母、数字或 -，请核对快递面单后重试。' };
  return { ok: true, carrier: carrier.carrier, trackingNo };
}

/** 礼品发货's form, checked (the carrier typed by name). */
export const checkShipForm = (d: { carrier: string; trackingNo: string }) => checkShip(carrierByName, d);

/** 订单发货's form, checked (the carrier from WeChat's list). */
export const checkOrderShipForm = (d: { carrier: string; trackingNo: string }) => checkShip(carrierFromList, d);

/** The ship form as typed, for the item `id` (an order id or a gift claim's entitlement id). */
export interface ShipDraft {
  id: string;
  carrier: string;
  trackingNo: string;
}

/**
 * 发货's form, the same for gift claims and orders: open for one item, carrier and tracking
 * number as typed, checked here first (an incomplete form never reaches the server), the reason
 * shown inside the form.
 */
export class ShipForm<C extends string> {
  draft: ShipDraft | undefined = undefined;
  /** Why the form cannot be sent yet, or why the server refused it in a way worth a retry. */
  error: string | undefined = undefined;

  constructor(private readonly rule: CarrierRule<C>) {
    makeAutoObservable<ShipForm<C>, 'rule'>(this, { rule: false });
  }

  open(id: string): void {
    this.draft = { id, carrier: '', trackingNo: '' };
    this.error = undefined;
  }

  setCarrier(carrier: string): void {
    if (!this.draft) return;
    this.draft = { ...this.draft, carrier };
    this.error = undefined;
  }

  setTracking(trackingNo: string): void {
    if (!this.draft) return;
    this.draft = { ...this.draft, trackingNo };
    this.error = undefined;
  }

  /** What to send, or undefined with the reason shown in the form. */
  check(): { carrier: C; trackingNo: string } | undefined {
    if (!this.draft) return undefined;
    const checked = checkShip(this.rule, this.draft);
    this.error = checked.ok ? undefined : checked.message;
    return checked.ok ? checked : undefined;
  }

  showError(message: string): void {
    this.error = message;
  }

  close(): void {
    this.draft = undefined;
    this.error = undefined;
  }
}
