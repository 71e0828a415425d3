import { Text, View } from '@tarojs/components';
import { formatYuan } from '@shared/money/format';
import type { QuoteOption } from '../../services/coupon';
import { ChoiceRow } from '../choice';
import './index.css';

export interface CouponPickerProps {
  loading: boolean;
  error?: string;
  /** The stacking rule said plainly (from the server's settings). */
  stackingLabel?: string;
  applicable: QuoteOption[];
  inapplicable: QuoteOption[];
  selected?: QuoteOption;
  open: boolean;
  onToggle: () => void;
  onChoose: (couponId: string | null) => void;
  onRetry: () => void;
  /** 去领券: the customer's coupon list, where published coupons can be claimed. */
  onMore: () => void;
}

function summary(p: CouponPickerProps): string {
  if (p.selected) return `-${formatYuan(p.selected.discountFen)}`;
  if (p.loading) return '正在查询…';
  if (p.error) return '暂时无法查询，点此重试';
  if (p.applicable.length > 0) return `${p.applicable.length} 张可用，未使用`;
  return p.inapplicable.length > 0 ? '本单无可用券' : '暂无优惠券';
}

/**
 * 优惠券 at checkout: the chosen coupon and what it saves; opened, every coupon the customer holds
 * — the usable ones (tap to use, or 不使用优惠券) and the others with the reason they do not apply.
 * The stacking rule is always stated, so the customer knows why a member price and a coupon do
 * (not) add up.
 */
export function CouponPicker(p: CouponPickerProps) {
  const retry = !p.loading && p.error !== undefined;
  return (
    <View className='card coupon-picker' id='coupon-picker'>
      <View className='coupon-picker__head' id='coupon-picker-head' onClick={retry ? p.onRetry : p.onToggle}>
        <Text className='coupon-picker__label'>优惠券</Text>
        <View className='coupon-picker__value'>
          {p.selected ? <Text className='coupon-picker__name'>{p.selected.name}</Text> : null}
          <Text className={`coupon-picker__sum ${p.selected ? 'coupon-picker__sum--on' : ''}`} id='coupon-picker-sum'>
            {summary(p)}
          </Text>
        </View>
        <Text className='coupon-picker__arrow'>{p.open ? '⌃' : '›'}</Text>
      </View>
      {p.stackingLabel ? (
        <Text className='coupon-picker__rule' id='coupon-stacking'>
          {p.stackingLabel}
        </Text>
      ) : null}
      {p.open ? (
        <View className='coupon-picker__list' id='coupon-list'>
          {p.applicable.map((o, i) => (
            <ChoiceRow
              key={o.couponId}
              id={`coupon-option-${i}`}
              selected={p.selected?.couponId === o.couponId}
              label={`${o.name} · ${o.offerLabel}`}
              detail={<Text>{`省 ${formatYuan(o.savingFen)}，实付 ${formatYuan(o.totalFen)}`}</Text>}
              onSelect={() => p.onChoose(o.couponId)}
            />
          ))}
          {p.applicable.length > 0 ? <ChoiceRow id='coupon-none' selected={!p.selected} label='不使用优惠券' onSelect={() => p.onChoose(null)} /> : null}
          {p.inapplicable.length > 0 ? <Text className='coupon-picker__subtitle'>本单不可用</Text> : null}
          {p.inapplicable.map((o, i) => (
            <View key={o.couponId} className='coupon-picker__na' id={`coupon-unusable-${i}`}>
              <Text className='coupon-picker__na-name'>{`${o.name} · ${o.offerLabel}`}</Text>
              <Text className='coupon-picker__na-why'>{o.message}</Text>
            </View>
          ))}
          <Text className='coupon-picker__more link' id='coupon-more' onClick={p.onMore}>
            {p.applicable.length + p.inapplicable.length === 0 ? '还没有优惠券，去领券 ›' : '去领更多券 ›'}
          </Text>
        </View>
      ) : null}
    </View>
  );
}
