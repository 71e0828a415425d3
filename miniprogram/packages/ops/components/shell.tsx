import type { ReactNode } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { SignInGate } from '../../../components/sign-in-gate';
import { useStores } from '../../../stores/context';
import { FORBIDDEN_TEXT } from '../labels';

/** After saving, the outcome is at the top of the form: bring it into view (best effort). */
export function scrollToTop(): void {
  scroll({ scrollTop: 0, duration: 200 });
}

/** A save refused for a field: show the first field with a problem (its message is right under it). */
export function scrollToFirstProblem(): void {
  scroll({ selector: '.ops-field--bad', offsetTop: -60, duration: 200 });
}

function scroll(options: Taro.pageScrollTo.Option): void {
  try {
    void Promise.resolve(Taro.pageScrollTo(options)).catch(() => undefined);
  } catch {
    // No page to scroll (tests, an old base library): the messages are still there.
  }
}

/** What every back-office page shows when the server answers FORBIDDEN. */
export function OpsForbidden() {
  return (
    <View className='ops-forbidden' id='ops-forbidden'>
      <Text className='ops-forbidden__title'>{FORBIDDEN_TEXT}</Text>
      <Text className='ops-forbidden__sub'>当前账号不是运营人员。如需开通，请联系店铺管理员（店主可在「设置 › 运营人员」中添加）。</Text>
      <Button className='btn btn--ghost' id='ops-forbidden-back' onClick={() => void Taro.switchTab({ url: '/pages/me/index' })}>
        返回「我的」
      </Button>
    </View>
  );
}

/**
 * The frame of a back-office page: sign-in gate (H5 dev login), then either the page or — when the
 * server said FORBIDDEN — 仅运营人员可访问此页面. `overlay` (dialogs) renders only for operators.
 */
export const OpsShell = observer(function OpsShell({ forbidden, children, overlay }: { forbidden: boolean; children: ReactNode; overlay?: ReactNode }) {
  const root = useStores();
  return (
    <View className='page ops'>
      <SignInGate signedIn={root.session.isLoggedIn} onSignIn={(openid) => void root.signInDev(openid)}>
        {forbidden ? <OpsForbidden /> : children}
        {forbidden ? null : overlay}
      </SignInGate>
    </View>
  );
});

export interface TabDef<K extends string> {
  key: K;
  label: string;
}

/** A problem in one red line (nothing when there is none). */
export function ErrorLine({ id, text }: { id: string; text?: string }) {
  return text ? (
    <Text className='ops__error' id={id}>
      {text}
    </Text>
  ) : null;
}

/**
 * The foot of a form: what stops it being sent (Chinese, `${id}-problem`), then the save button
 * (`id`), which waits while the change is on its way.
 */
export function SaveBar({ id, problem, busy, label, busyLabel, onSave }: { id: string; problem?: string; busy: boolean; label: string; busyLabel: string; onSave: () => void }) {
  return (
    <View>
      <ErrorLine id={`${id}-problem`} text={problem} />
      <Button className='btn btn--primary ops-form__save' id={id} disabled={busy || undefined} onClick={onSave}>
        {busy ? busyLabel : label}
      </Button>
    </View>
  );
}

/** Sticky tabs; ids `${idPrefix}-${key}`. */
export function OpsTabs<K extends string>({ idPrefix, tabs, current, onSelect }: { idPrefix: string; tabs: Array<TabDef<K>>; current: K | undefined; onSelect: (key: K) => void }) {
  return (
    <View className='ops-tabs' id={`${idPrefix}s`}>
      {tabs.map((t) => (
        <Text key={t.key} className={`ops-tab ${t.key === current ? 'ops-tab--on' : ''}`} id={`${idPrefix}-${t.key}`} onClick={() => onSelect(t.key)}>
          {t.label}
        </Text>
      ))}
    </View>
  );
}

/** Below a paged list: the last error, 加载更多, or the end. */
export function ListFooter({ id, error, hasMore, loadingMore, onMore }: { id: string; error?: string; hasMore: boolean; loadingMore: boolean; onMore: () => void }) {
  return (
    <View>
      <ErrorLine id={`${id}-error`} text={error} />
      {hasMore ? (
        <Button className='btn btn--ghost btn--small ops__more' id={`${id}-more`} disabled={loadingMore || undefined} onClick={onMore}>
          {loadingMore ? '加载中…' : '加载更多'}
        </Button>
      ) : (
        <Text className='ops__end'>没有更多了</Text>
      )}
    </View>
  );
}

/** One labelled form row with its hint or its problem (ids: `${id}`, `${id}-error`). */
export function Field({ id, label, hint, error, required, children }: { id: string; label: string; hint?: string; error?: string; required?: boolean; children: ReactNode }) {
  return (
    <View className={`ops-field ${error ? 'ops-field--bad' : ''}`} id={id}>
      <Text className='ops-field__label'>
        {label}
        {required ? <Text className='ops-field__required'> *</Text> : null}
      </Text>
      {children}
      {/* Keyed: a hint must not take over the error's node (Taro keeps an id it once had). */}
      {error ? (
        <Text key='error' className='ops-field__error' id={`${id}-error`}>
          {error}
        </Text>
      ) : hint ? (
        <Text key='hint' className='ops-field__hint'>
          {hint}
        </Text>
      ) : null}
    </View>
  );
}

/** A row of choices as chips (carriers, product kinds, offers). */
export function Chips<K extends string>({ idPrefix, options, value, onSelect }: { idPrefix: string; options: Array<{ key: K; label: string }>; value: K | '' | undefined; onSelect: (key: K) => void }) {
  return (
    <View className='ops-chips'>
      {options.map((o) => (
        <Text key={o.key} className={`ops-chip ${value === o.key ? 'ops-chip--on' : ''}`} id={`${idPrefix}-${o.key}`} onClick={() => onSelect(o.key)}>
          {o.label}
        </Text>
      ))}
    </View>
  );
}
