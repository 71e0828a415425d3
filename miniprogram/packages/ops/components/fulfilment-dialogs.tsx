import type { ReactNode } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import type { FulfilmentDesk } from '../stores/fulfilment-desk';

type Desk<T> = FulfilmentDesk<T, string, string>;

/** A carrier chip: `value` is what the form sends, `key` names the chip's id. */
export interface CarrierChip {
  key: string;
  value: string;
  label: string;
}

/**
 * 发货's dialog, the same for gift claims and orders: who it goes to (children), the carrier as a
 * chip (and, where the carrier is free text, typed), the tracking number, the form's problem.
 * Ids from `id` = `<p>-dialog`: `<p>-carrier-<key>`, `<p>-carrier`, `<p>-tracking`, `<p>-error`.
 */
interface ShipDialogProps<T> {
  desk: Desk<T>;
  id: string;
  title: (item: T) => string;
  carriers: CarrierChip[];
  typedCarrier?: boolean;
  /** Who and where it goes (shown above the form). */
  children: (item: T) => ReactNode;
}

function ShipDialogView<T>({ desk, id, title, carriers, typedCarrier, children }: ShipDialogProps<T>) {
  const draft = desk.shipForm.draft;
  const item = desk.shipping;
  if (!draft || !item) return null;
  const p = id.replace(/-dialog$/, '');
  return (
    <ConfirmDialog id={id} title={title(item)} confirmText='确认发货' cancelText='取消' busy={desk.busyId === draft.id} onCancel={() => desk.cancelShip()} onConfirm={() => void desk.submitShip()}>
      {children(item)}
      <View className='ops-ship'>
        <Text className='ops-ship__label'>快递公司</Text>
        <View className='ops-chips'>
          {carriers.map((c) => (
            <Text key={c.key} className={`ops-chip ${draft.carrier === c.value ? 'ops-chip--on' : ''}`} id={`${p}-carrier-${c.key}`} onClick={() => desk.shipForm.setCarrier(c.value)}>
              {c.label}
            </Text>
          ))}
        </View>
        {typedCarrier ? <Input className='field' id={`${p}-carrier`} value={draft.carrier} maxlength={20} placeholder='快递公司，如 顺丰速运' onInput={(e) => desk.shipForm.setCarrier(e.detail.value)} /> : null}
        <Text className='ops-ship__label'>运单号</Text>
        {/* Room for the spaces a pasted number brings (they are dropped before sending). */}
        <Input className='field' id={`${p}-tracking`} value={draft.trackingNo} maxlength={48} placeholder='运单号（见快递面单）' onInput={(e) => desk.shipForm.setTracking(e.detail.value)} />
        {desk.shipForm.error ? (
          <Text className='ops-ship__error' id={`${p}-error`}>
            {desk.shipForm.error}
          </Text>
        ) : null}
      </View>
    </ConfirmDialog>
  );
}

export const ShipDialog = observer(ShipDialogView) as <T>(p: ShipDialogProps<T>) => ReactNode;

/** 确认已自提's dialog: what is handed over (children), then the warning that it cannot be undone. */
interface PickupDialogProps<T> {
  desk: Desk<T>;
  id: string;
  /** What the operator checks before confirming (顾客会员码, 顾客订单). */
  check: string;
  children: (item: T) => ReactNode;
}

function PickupDialogView<T>({ desk, id, check, children }: PickupDialogProps<T>) {
  const item = desk.pickup;
  if (!item) return null;
  return (
    <ConfirmDialog id={id} title='确认顾客已到店自提？' confirmText='确认已自提' cancelText='取消' busy={desk.busyId === desk.pickupId} onCancel={() => desk.cancelPickup()} onConfirm={() => void desk.confirmPickup()}>
      {children(item)}
      <Text className='dialog__line dialog__line--warn'>请核对{check}后再确认，确认后不可撤销。</Text>
    </ConfirmDialog>
  );
}

export const PickupDialog = observer(PickupDialogView) as <T>(p: PickupDialogProps<T>) => ReactNode;
