import type { ReactNode } from 'react';
import { Input, Text, Textarea, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { TickBox } from '../../../components/choice';
import type { SettingsEditorStore } from '../stores/settings-store';
import { Chips, Field } from './shell';

/**
 * Fields of the settings screens, bound to the draft by path (e.g. `membershipPlans.0.priceFen`).
 * Ids: `set-<path with - for .>` on the row, `-input` on the control, `-error` on the problem.
 */
export const fieldId = (path: string) => `set-${path.replace(/\./g, '-')}`;

interface Props {
  s: SettingsEditorStore;
  path: string;
  label: string;
  hint?: string;
}

export const MoneyField = observer(function MoneyField({ s, path, label, hint }: Props) {
  const id = fieldId(path);
  return (
    <Field id={id} label={`${label}（元）`} hint={hint} error={s.fieldError(path)}>
      <Input className='field ops-input' id={`${id}-input`} type='digit' value={s.moneyText(path)} maxlength={12} placeholder='如 1000 或 12.80' onInput={(e) => s.setMoney(path, e.detail.value)} />
    </Field>
  );
});

export const IntField = observer(function IntField({ s, path, label, hint, unit }: Props & { unit?: string }) {
  const id = fieldId(path);
  return (
    <Field id={id} label={unit ? `${label}（${unit}）` : label} hint={hint} error={s.fieldError(path)}>
      <Input className='field ops-input' id={`${id}-input`} type='number' value={s.intText(path)} maxlength={9} onInput={(e) => s.setInt(path, e.detail.value)} />
    </Field>
  );
});

export const TextField = observer(function TextField({ s, path, label, hint, maxlength = 40 }: Props & { maxlength?: number }) {
  const id = fieldId(path);
  const v = s.value(path);
  return (
    <Field id={id} label={label} hint={hint} error={s.fieldError(path)}>
      <Input className='field ops-input' id={`${id}-input`} value={typeof v === 'string' ? v : ''} maxlength={maxlength} onInput={(e) => s.setValue(path, e.detail.value)} />
    </Field>
  );
});

/**
 * A list item's id (plan, pack, question, option): made when the item is added (format/settings-form
 * nextId, a valid settingId) and never typed — sold memberships, gift stock and survey answers are
 * recorded by it, so an edit would cut them off. Shown small, after the item's Chinese name.
 */
export const ReadOnlyId = observer(function ReadOnlyId({ s, path, why }: { s: SettingsEditorStore; path: string; why: string }) {
  const id = fieldId(path);
  const v = s.value(path);
  const error = s.fieldError(path);
  return (
    <View className='ops-item__id' id={id}>
      <Text id={`${id}-value`}>
        编号 {typeof v === 'string' ? v : '—'} · 自动生成，不可修改（{why}）
      </Text>
      {error ? (
        <Text className='ops-field__error' id={`${id}-error`}>
          {error}
        </Text>
      ) : null}
    </View>
  );
});

/** A longer text kept as one string (a survey's intro). */
export const TextAreaField = observer(function TextAreaField({ s, path, label, hint, maxlength }: Props & { maxlength: number }) {
  const id = fieldId(path);
  const v = s.value(path);
  return (
    <Field id={id} label={label} hint={hint} error={s.fieldError(path)}>
      <Textarea className='field ops-textarea' id={`${id}-input`} value={typeof v === 'string' ? v : ''} maxlength={maxlength} onInput={(e) => s.setValue(path, e.detail.value)} />
    </Field>
  );
});

/** Optional text (an option's tag): cleared means absent, never an empty string the schema would refuse. */
export const OptionalTextField = observer(function OptionalTextField({ s, path, label, hint, maxlength = 40 }: Props & { maxlength?: number }) {
  const id = fieldId(path);
  const v = s.value(path);
  return (
    <Field id={id} label={label} hint={hint} error={s.fieldError(path)}>
      <Input className='field ops-input' id={`${id}-input`} value={typeof v === 'string' ? v : ''} maxlength={maxlength} placeholder='可不填' onInput={(e) => s.setValue(path, e.detail.value.trim() ? e.detail.value.trim() : undefined)} />
    </Field>
  );
});

/** 上移 / 下移 / 删除 of a list item, each only when it applies (ids `${id}-up`, `-down`, `-remove`). */
export function ItemActions({ id, onUp, onDown, onRemove }: { id: string; onUp?: () => void; onDown?: () => void; onRemove?: () => void }) {
  return (
    <>
      {onUp ? (
        <Text className='ops-item__move' id={`${id}-up`} onClick={onUp}>
          上移
        </Text>
      ) : null}
      {onDown ? (
        <Text className='ops-item__move' id={`${id}-down`} onClick={onDown}>
          下移
        </Text>
      ) : null}
      {onRemove ? (
        <Text className='ops-item__remove' id={`${id}-remove`} onClick={onRemove}>
          删除
        </Text>
      ) : null}
    </>
  );
}

/** A list item's card: title, 上移 / 下移 when the order matters, 删除, its fields. */
export function ItemCard({ id, title, onRemove, onUp, onDown, children }: { id: string; title: string; onRemove?: () => void; onUp?: () => void; onDown?: () => void; children: ReactNode }) {
  return (
    <View className='card ops-form ops-item' id={id}>
      <View className='ops-item__head'>
        <Text className='ops-item__title'>{title}</Text>
        <ItemActions id={id} onUp={onUp} onDown={onDown} onRemove={onRemove} />
      </View>
      {children}
    </View>
  );
}

/** A list of short texts, one per line. */
export const LinesField = observer(function LinesField({ s, path, label, hint }: Props) {
  const id = fieldId(path);
  return (
    <Field id={id} label={label} hint={hint ?? '每行一项'} error={s.fieldError(path)}>
      <Textarea className='field ops-textarea' id={`${id}-input`} value={s.linesText(path)} maxlength={2000} onInput={(e) => s.setLines(path, e.detail.value)} />
    </Field>
  );
});

/** Records one per line (fields separated by spaces); `format` says how a line reads. */
export const RecordsField = observer(function RecordsField({ s, path, label, hint, show, parse }: Props & { show: (item: never) => string; parse: (fields: string[]) => unknown }) {
  const id = fieldId(path);
  return (
    <Field id={id} label={label} hint={hint} error={s.fieldError(path)}>
      <Textarea className='field ops-textarea' id={`${id}-input`} value={s.recordsText(path, show)} maxlength={2000} onInput={(e) => s.setRecords(path, e.detail.value, parse)} />
    </Field>
  );
});

export const BoolField = observer(function BoolField({ s, path, label, hint }: Props) {
  const id = fieldId(path);
  return (
    <View className='ops-bool'>
      <TickBox id={`${id}-tick`} checked={s.value(path) === true} onChange={(v) => s.setValue(path, v)}>
        <Text>{label}</Text>
      </TickBox>
      {hint ? <Text className='ops-field__hint'>{hint}</Text> : null}
      {s.fieldError(path) ? (
        <Text className='ops-field__error' id={`${id}-error`}>
          {s.fieldError(path)}
        </Text>
      ) : null}
    </View>
  );
});

export const ChoiceField = observer(function ChoiceField<K extends string>({ s, path, label, hint, options }: Props & { options: Array<{ key: K; label: string }> }) {
  const id = fieldId(path);
  return (
    <Field id={id} label={label} hint={hint} error={s.fieldError(path)}>
      <Chips idPrefix={`${id}-opt`} options={options} value={s.value(path) as K} onSelect={(k) => s.setValue(path, k)} />
    </Field>
  );
});
