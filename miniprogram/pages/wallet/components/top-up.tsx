import { Button, Input, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { formatYuan } from '@shared/money/format';
import type { PublicSettings } from '@shared/settings';
import { TickBox } from '../../../components/choice';
import { EmptyView } from '../../../components/load-state';
import type { CardTerms } from '../../../services/wallet';
import type { WalletStore } from '../../../stores/wallet-store';

/** "5,000" — the amount without its ¥ sign, next to a ¥ already on screen. */
const yuanNumber = (fen: number) => formatYuan(fen).replace('¥', '');

/** 充值: the plans (充X送Y), a custom amount, the card terms to accept, and 立即充值. */
export const TopUp = observer(function TopUp({ wallet, settings, terms, payBusy, onOpenTerms }: { wallet: WalletStore; settings: PublicSettings; terms: CardTerms; payBusy: boolean; onOpenTerms: () => void }) {
  const picked = wallet.choice(settings);
  return (
    <>
      <Text className='section-title'>充值</Text>
      {settings.topUpPlans.length === 0 && !settings.customTopUp.enabled ? <EmptyView text='暂未开放充值，敬请期待。' /> : null}
      <View className='topup-grid' id='topup-plans'>
        {settings.topUpPlans.map((p) => {
          const on = wallet.selection?.kind === 'plan' && wallet.selection.planId === p.id;
          return (
            <View key={p.id} id={`topup-${p.id}`} className={`topup-plan ${on ? 'topup-plan--on' : ''}`} onClick={() => wallet.select({ kind: 'plan', planId: p.id })}>
              <Text className='topup-plan__main'>充 {formatYuan(p.principalFen)}</Text>
              {p.bonusFen > 0 ? <Text className='topup-plan__bonus'>送 {formatYuan(p.bonusFen)}</Text> : null}
              <Text className='topup-plan__total'>到账 {formatYuan(p.principalFen + p.bonusFen)}</Text>
            </View>
          );
        })}
      </View>
      {settings.customTopUp.enabled ? (
        <View className={`custom-amount ${wallet.selection?.kind === 'custom' ? 'custom-amount--on' : ''}`}>
          <Text className='custom-amount__label'>自定义</Text>
          <Text className='custom-amount__yen'>¥</Text>
          <Input
            className='custom-amount__input'
            id='custom-amount'
            type='digit'
            value={wallet.customInput}
            maxlength={10}
            placeholder={`输入金额 ${yuanNumber(settings.customTopUp.minFen)}–${yuanNumber(settings.customTopUp.maxFen)} 元，无赠送`}
            onFocus={() => wallet.select({ kind: 'custom' })}
            onInput={(e) => wallet.setCustomInput(e.detail.value)}
          />
        </View>
      ) : null}

      {/* Keyed: the tick and the note must not reuse each other's node (id, class, tap differ). */}
      {wallet.needsTermsAcceptance ? (
        <TickBox key='tick' id='terms-tick' checked={wallet.termsTicked} onChange={(v) => wallet.setTermsTicked(v)}>
          <Text>我已阅读并同意</Text>
          <Text
            className='link'
            id='terms-open'
            onClick={(e) => {
              e.stopPropagation();
              onOpenTerms();
            }}
          >
            《储值卡章程》
          </Text>
          <Text>（{terms.version} 版），首次充值前须同意。</Text>
        </TickBox>
      ) : (
        <View key='accepted' className='terms-accepted'>
          <Text>您已同意《储值卡章程》（{terms.acceptedVersion} 版）</Text>
          <Text className='link' id='terms-open' onClick={onOpenTerms}>
            查看
          </Text>
        </View>
      )}

      <Button className='btn btn--dark topup-submit' id='topup-submit' disabled={wallet.toppingUp || payBusy || undefined} onClick={() => void wallet.topUp(settings)}>
        {wallet.toppingUp ? '处理中…' : picked.ok ? `立即充值 ${formatYuan(picked.principalFen)}` : '立即充值'}
      </Button>
      {picked.ok && picked.bonusFen > 0 ? (
        <Text className='topup-hint'>
          支付 {formatYuan(picked.principalFen)}，到账 {formatYuan(picked.principalFen + picked.bonusFen)}（含赠送 {formatYuan(picked.bonusFen)}）
        </Text>
      ) : null}
    </>
  );
});
