import { Button, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { dateTime } from '../../../format/date';
import { yuan2 } from '../../../format/yuan';
import type { LedgerEntry } from '../../../services/wallet';
import { entryLabel, type WalletStore } from '../../../stores/wallet-store';

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

/** 账户明细: the ledger, newest first, paged (加载更多); a failed page can be retried by tapping. */
export const Ledger = observer(function Ledger({ wallet }: { wallet: WalletStore }) {
  const ledger = wallet.ledger;
  return (
    <View className='card ledger' id='ledger'>
      {ledger.items.length === 0 && !ledger.error ? <Text className='ledger__empty'>暂无明细，充值或消费后会显示在这里。</Text> : null}
      {ledger.items.map((e) => (
        <EntryRow key={e._id} e={e} />
      ))}
      {ledger.error ? (
        <Text className='ledger__error' id='ledger-error' onClick={() => void (ledger.hasMore ? ledger.loadMore() : wallet.load())}>
          明细加载失败：{ledger.error.replace(/[。.]\s*$/, '')}，点击重试
        </Text>
      ) : null}
      {ledger.hasMore ? (
        <Button className='btn btn--ghost btn--small ledger__more' id='ledger-more' disabled={ledger.loadingMore || undefined} onClick={() => void ledger.loadMore()}>
          {ledger.loadingMore ? '加载中…' : '加载更多'}
        </Button>
      ) : null}
    </View>
  );
});
