import { useEffect, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { formatYuan } from '@shared/money/format';
import { TickBox } from '../../components/choice';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { EmptyView, ErrorView, LoadingView } from '../../components/load-state';
import { NoticeBar } from '../../components/notice-bar';
import { PayHost } from '../../components/pay-sheet';
import { SignInGate } from '../../components/sign-in-gate';
import { dateTime } from '../../format/date';
import type { LedgerEntry } from '../../services/wallet';
import { useStores } from '../../stores/context';
import { entryLabel, PAY_HOST_WALLET } from '../../stores/wallet-store';
import './index.css';

const yuan2 = (fen: number) => formatYuan(fen, { trimZeros: false });
/** "5,000" — the amount without its ¥ sign, next to a ¥ already on screen. */
const yuanNumber = (fen: number) => formatYuan(fen).replace('¥', '');
const signed = (fen: number) => (fen > 0 ? `+${yuan2(fen)}` : yuan2(fen));

function EntryRow({ e }: { e: LedgerEntry }) {
  const delta = e.principalDeltaFen + e.bonusDeltaFen;
  return (
    <View className='entry' id={`entry-${e._id}`}>
      <View className='entry__main'>
        <Text className={`entry__type entry__type--${e.type}`}>{entryLabel(e.type)}</Text>
        <Text className='entry__memo'>{e.memo}</Text>
        <Text className='entry__time'>{dateTime(e.at)}</Text>
      </View>
      <View className='entry__amounts'>
        <Text className={`entry__delta ${delta > 0 ? 'money-plus' : 'money-minus'}`}>{signed(delta)}</Text>
        {e.principalDeltaFen !== 0 && e.bonusDeltaFen !== 0 ? (
          <Text className='entry__split'>
            本金 {signed(e.principalDeltaFen)} · 赠送 {signed(e.bonusDeltaFen)}
          </Text>
        ) : null}
        <Text className='entry__after'>余额 {yuan2(e.balanceAfterFen)}</Text>
      </View>
    </View>
  );
}

/** 钱包: balance (本金/赠送), top-up (充X送Y or custom, card terms), the ledger, and refund of unused principal. */
function WalletPage() {
  const root = useStores();
  const { session, catalog, wallet } = root;
  const [termsOpen, setTermsOpen] = useState(false);
  const [refundOpen, setRefundOpen] = useState(false);

  useEffect(() => {
    if (session.isLoggedIn) {
      void catalog.ensureLoaded();
      void wallet.ensureLoaded();
    }
  }, [session.isLoggedIn, catalog, wallet]);

  // Balance payments and refunds happen on other pages: show the current balance on return.
  useDidShow(() => {
    if (session.isLoggedIn && wallet.loaded && !wallet.toppingUp) void wallet.load();
  });

  usePullDownRefresh(() => {
    void Promise.all([catalog.load(), wallet.load()]).finally(() => Taro.stopPullDownRefresh());
  });

  const settings = catalog.settings;
  const balance = wallet.balance;
  const terms = wallet.terms;
  const picked = wallet.choice(settings);
  const quote = wallet.quote;

  const retry = () => {
    void catalog.load();
    void wallet.load();
  };

  const openRefund = () => {
    void wallet.loadQuote().then((q) => q && setRefundOpen(true));
  };

  return (
    <View className='page wallet'>
      <SignInGate signedIn={session.isLoggedIn} onSignIn={(openid) => void root.signInDev(openid)}>
        {(!settings && catalog.error) || (!balance && wallet.error) ? (
          <ErrorView message={(catalog.error ?? wallet.error)!} onRetry={retry} />
        ) : !settings || !balance || !terms ? (
          <LoadingView />
        ) : (
          <View id='wallet-content'>
            <View className='balance-card' id='wallet-balance'>
              <Text className='balance-card__label'>储值余额（元）</Text>
              <Text className='balance-card__total' id='balance-total'>
                {yuan2(balance.totalFen)}
              </Text>
              <View className='balance-card__split' id='balance-split'>
                <Text className='balance-card__part'>本金 {formatYuan(balance.principalFen)}</Text>
                <Text className='balance-card__dot'>·</Text>
                <Text className='balance-card__part'>赠送 {formatYuan(balance.bonusFen)}</Text>
              </View>
              <Text className='balance-card__cap'>余额上限 {formatYuan(settings.namedBalanceCapFen)} · 消费时本金与赠送按比例扣减</Text>
            </View>

            <NoticeBar id='wallet-notice' notice={wallet.notice} onClose={() => wallet.dismissNotice()} />

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
                    setTermsOpen(true);
                  }}
                >
                  《储值卡章程》
                </Text>
                <Text>（{terms.version} 版），首次充值前须同意。</Text>
              </TickBox>
            ) : (
              <View key='accepted' className='terms-accepted'>
                <Text>您已同意《储值卡章程》（{terms.acceptedVersion} 版）</Text>
                <Text className='link' id='terms-open' onClick={() => setTermsOpen(true)}>
                  查看
                </Text>
              </View>
            )}

            <Button className='btn btn--dark topup-submit' id='topup-submit' disabled={wallet.toppingUp || root.pay.busy || undefined} onClick={() => void wallet.topUp(settings)}>
              {wallet.toppingUp ? '处理中…' : picked.ok ? `立即充值 ${formatYuan(picked.principalFen)}` : '立即充值'}
            </Button>
            {picked.ok && picked.bonusFen > 0 ? (
              <Text className='topup-hint'>
                支付 {formatYuan(picked.principalFen)}，到账 {formatYuan(picked.principalFen + picked.bonusFen)}（含赠送 {formatYuan(picked.bonusFen)}）
              </Text>
            ) : null}

            <Text className='section-title'>账户明细</Text>
            <View className='card ledger' id='ledger'>
              {wallet.entries.length === 0 && !wallet.entriesError ? <Text className='ledger__empty'>暂无明细，充值或消费后会显示在这里。</Text> : null}
              {wallet.entries.map((e) => (
                <EntryRow key={e._id} e={e} />
              ))}
              {wallet.entriesError ? (
                <Text className='ledger__error' id='ledger-error' onClick={() => void (wallet.hasMore ? wallet.loadMore() : wallet.load())}>
                  明细加载失败：{wallet.entriesError.replace(/[。.]\s*$/, '')}，点击重试
                </Text>
              ) : null}
              {wallet.hasMore ? (
                <Button className='btn btn--ghost btn--small ledger__more' id='ledger-more' disabled={wallet.loadingMore || undefined} onClick={() => void wallet.loadMore()}>
                  {wallet.loadingMore ? '加载中…' : '加载更多'}
                </Button>
              ) : null}
            </View>

            <Text className='section-title'>退还储值</Text>
            <View className='card wallet-refund'>
              <Text className='wallet-refund__text'>未使用的充值本金可申请原路退还；赠送金额不予退还，退款时一并作废。</Text>
              <Button className='btn btn--ghost wallet-refund__btn' id='wallet-refund-open' disabled={wallet.quoting || wallet.refunding || undefined} onClick={openRefund}>
                {wallet.quoting ? '正在计算可退金额…' : '申请退还储值'}
              </Button>
            </View>

            <Text className='section-title'>储值须知</Text>
            <View className='card' id='card-terms'>
              <View className='wallet__cap'>
                <Text className='wallet__cap-label'>储值余额上限</Text>
                <Text className='wallet__cap-value'>{formatYuan(settings.namedBalanceCapFen)}</Text>
              </View>
              {terms.text.split('\n').map((line, i) => (
                <Text key={i} className='wallet__term'>
                  {line}
                </Text>
              ))}
              <Text className='wallet__version'>条款版本 {terms.version}</Text>
            </View>
          </View>
        )}

        {termsOpen && terms ? (
          <ConfirmDialog
            id='terms-dialog'
            title='储值卡章程'
            confirmText={wallet.needsTermsAcceptance ? '同意' : '知道了'}
            cancelText='关闭'
            onCancel={() => setTermsOpen(false)}
            onConfirm={() => {
              if (wallet.needsTermsAcceptance) wallet.setTermsTicked(true);
              setTermsOpen(false);
            }}
          >
            {terms.text.split('\n').map((line, i) => (
              <Text key={i} className='dialog__line'>
                {line}
              </Text>
            ))}
            <Text className='dialog__line wallet__version'>版本 {terms.version}</Text>
          </ConfirmDialog>
        ) : null}

        {refundOpen && quote ? (
          <ConfirmDialog
            id='wallet-refund-dialog'
            title='确认退还储值？'
            confirmText='确认退款'
            danger
            busy={wallet.refunding}
            onCancel={() => setRefundOpen(false)}
            onConfirm={() => void wallet.refund().then(() => setRefundOpen(false))}
          >
            <Text className='dialog__amount'>{yuan2(quote.refundableFen)}</Text>
            <Text className='dialog__line' id='wallet-refund-quote'>
              退还本金 {formatYuan(quote.refundableFen)}，赠送金额 {formatYuan(quote.forfeitBonusFen)} 将作废。
            </Text>
            <Text className='dialog__line'>本金按原充值订单原路退回微信支付，通常 1–3 个工作日到账。</Text>
            <Text className='dialog__line dialog__line--warn'>退款后储值余额清零，此操作不可撤销。</Text>
          </ConfirmDialog>
        ) : null}
        <PayHost host={PAY_HOST_WALLET} />
      </SignInGate>
    </View>
  );
}

export default observer(WalletPage);
