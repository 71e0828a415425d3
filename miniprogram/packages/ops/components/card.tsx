import type { ReactNode } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';

/**
 * The back-office item card (a claim, an order, an upload, a refund, an audit entry): a head with
 * the kind, the name and the state, then labelled rows. Ids: the card's `id`, `${id}-state`.
 */
export function Card({ id, className = '', onClick, children }: { id: string; className?: string; onClick?: () => void; children: ReactNode }) {
  return (
    <View className={`surface ops-claim ${className}`} id={id} onClick={onClick}>
      {children}
    </View>
  );
}

export function CardHead({ id, source, name, nameClass = '', state, stateClass = '' }: { id?: string; source?: ReactNode; name: ReactNode; nameClass?: string; state?: ReactNode; stateClass?: string }) {
  return (
    <View className='ops-claim__head'>
      {source !== undefined ? <Text className='ops-claim__source'>{source}</Text> : null}
      <Text className={`ops-claim__name ${nameClass}`}>{name}</Text>
      {state !== undefined ? (
        <Text className={`ops-claim__state ${stateClass}`} id={id ? `${id}-state` : undefined}>
          {state}
        </Text>
      ) : null}
    </View>
  );
}

/**
 * One labelled row. The value is one text (`mono` for ids); `block` holds several lines (its
 * children stack).
 */
export function CardRow({ label, id, mono, valueClass = '', block, children }: { label: string; id?: string; mono?: boolean; valueClass?: string; block?: boolean; children: ReactNode }) {
  const className = `ops-claim__value ${mono ? 'ops-claim__mono' : ''} ${valueClass}`;
  return (
    <View className='ops-claim__row'>
      <Text className='ops-claim__label'>{label}</Text>
      {block ? (
        <View className={className} id={id}>
          {children}
        </View>
      ) : (
        <Text className={className} id={id}>
          {children}
        </Text>
      )}
    </View>
  );
}

/** The rows under a card's head. */
export function CardRows({ id, children }: { id?: string; children: ReactNode }) {
  return (
    <View className='ops-claim__rows' id={id}>
      {children}
    </View>
  );
}

/** A 快递到家 delivery as a card shows it: the method, who, where (one line each). */
export function AddressLines({ d }: { d: { name: string; phone: string; address: string } }) {
  return (
    <>
      <Text className='ops-claim__line'>快递到家</Text>
      <Text className='ops-claim__line'>
        {d.name} {d.phone}
      </Text>
      <Text className='ops-claim__line'>{d.address}</Text>
    </>
  );
}

/** 重试 on a card: disabled while any action runs, its own words while this one does. */
export const RetryButton = observer(function RetryButton({ id, store, itemId, busyText, onRetry }: { id: string; store: { busyId: string | undefined }; itemId: string; busyText: string; onRetry: () => void }) {
  return (
    <Button className='btn btn--dark btn--small ops-claim__action' id={id} disabled={store.busyId !== undefined || undefined} onClick={onRetry}>
      {store.busyId === itemId ? busyText : '重试'}
    </Button>
  );
});
