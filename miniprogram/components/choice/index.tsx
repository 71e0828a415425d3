import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import './index.css';

/** One option of a single choice (radio) — a whole row to tap, with an optional detail line. */
export function ChoiceRow({ id, selected, label, detail, disabled, onSelect }: { id: string; selected: boolean; label: string; detail?: ReactNode; disabled?: boolean; onSelect: () => void }) {
  return (
    <View
      className={`choice ${selected ? 'choice--on' : ''} ${disabled ? 'choice--disabled' : ''}`}
      id={id}
      onClick={() => (disabled ? undefined : onSelect())}
    >
      <View className='choice__dot'>{selected ? <View className='choice__dot-in' /> : null}</View>
      <View className='choice__main'>
        <Text className='choice__label'>{label}</Text>
        {detail ? <View className='choice__detail'>{detail}</View> : null}
      </View>
    </View>
  );
}

/** A checkbox with its sentence; `children` may hold a link that must not toggle it. */
export function TickBox({ id, checked, onChange, children }: { id: string; checked: boolean; onChange: (v: boolean) => void; children: ReactNode }) {
  return (
    <View className='tick' id={id} onClick={() => onChange(!checked)}>
      <View className={`tick__box ${checked ? 'tick__box--on' : ''}`}>{checked ? <Text className='tick__mark'>✓</Text> : null}</View>
      <View className='tick__text'>{children}</View>
    </View>
  );
}
