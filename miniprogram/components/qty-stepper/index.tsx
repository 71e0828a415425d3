import { Text, View } from '@tarojs/components';
import './index.css';

export interface QtyStepperProps {
  value: number;
  min?: number;
  max: number;
  /** Ids `<idPrefix>-minus`, `-value`, `-plus` (tests and the e2e tap them). */
  idPrefix: string;
  /** A change is on its way: both buttons wait. */
  busy?: boolean;
  onChange: (qty: number) => void;
}

/** －  n  ＋ : a button at its limit looks off and does nothing. */
export function QtyStepper({ value, min = 1, max, idPrefix, busy = false, onChange }: QtyStepperProps) {
  const canLess = !busy && value > min;
  const canMore = !busy && value < max;
  return (
    <View className='qty-stepper'>
      <Text className={`qty-stepper__btn ${canLess ? '' : 'qty-stepper__btn--off'}`} id={`${idPrefix}-minus`} onClick={() => (canLess ? onChange(value - 1) : undefined)}>
        －
      </Text>
      <Text className='qty-stepper__value' id={`${idPrefix}-value`}>
        {value}
      </Text>
      <Text className={`qty-stepper__btn ${canMore ? '' : 'qty-stepper__btn--off'}`} id={`${idPrefix}-plus`} onClick={() => (canMore ? onChange(value + 1) : undefined)}>
        ＋
      </Text>
    </View>
  );
}
