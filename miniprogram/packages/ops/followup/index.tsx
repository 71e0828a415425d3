import '../zod-setup';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { EmptyView, LoadingView } from '../../../components/load-state';
import { NoticeBar } from '../../../components/notice-bar';
import { fullDate } from '../../../format/date';
import { useWhenSignedIn } from '../../../stores/context';
import type { EntryFilter, EntryRowView } from '../../../services/followup';
import { CustomerName } from '../components/customer-name';
import { OpsShell, OpsTabs } from '../components/shell';
import { followupCustomerUrl, followupExecutionUrl } from '../routes';
import { useBackOffice } from '../stores/back-office';
import { ScriptCard } from './script-card';
import '../ops.css';
import '../followup.css';

const FILTERS: Array<{ key: EntryFilter; label: string }> = [
  { key: 'all', label: '全部' },
  { key: 'todo', label: '待联系' },
  { key: 'overdue', label: '逾期' },
  { key: 'contacted', label: '已联系' },
  { key: 'converted', label: '已转化' },
];

function rowState(c: EntryRowView): { text: string; tone: string } {
  if (c.convertedAt) return { text: c.credited ? '已转化 · 计入跟进' : '已转化', tone: 'fu-row__state--done' };
  if (c.overdue) return { text: `逾期（应于 ${fullDate(c.dueAt!)}）`, tone: 'fu-row__state--late' };
  if (c.dueAt) return { text: `${c.contacts ? '下次' : '截止'} ${fullDate(c.dueAt)}`, tone: '' };
  return { text: c.lastOutcomeLabel ?? '无需再跟进', tone: '' };
}

const Row = observer(function Row({ listId, c }: { listId: string; c: EntryRowView }) {
  const id = `fu-row-${c.openid}`;
  const state = rowState(c);
  return (
    <View className='surface fu-row' id={id} onClick={() => void Taro.navigateTo({ url: followupCustomerUrl(listId, c.openid) })}>
      <View className='fu-row__head'>
        <CustomerName id={`${id}-who`} openid={c.openid} customer={c.customer} />
        <Text className={`fu-row__state ${state.tone}`} id={`${id}-state`}>
          {state.text}
        </Text>
      </View>
      <Text className='fu-row__sub'>
        {c.contacts ? `已联系 ${c.contacts} 次 · ${c.lastOutcomeLabel}` : '还没联系'}
        {c.staffName ? ` · ${c.staffName}` : ''}
      </Text>
      <Text className={`fu-row__policy ${c.policy.capped ? 'fu-row__policy--capped' : ''}`} id={`${id}-policy`}>
        {`${c.policy.stageLabel} · 近 7 天已联系 ${c.policy.sentIn7Days}/${c.policy.maxPer7Days} 次${c.policy.capped ? '（已达上限，再联系须写理由）' : ''}`}
      </Text>
    </View>
  );
});

/** One follow-up list: the script to copy, the caller's customers by state, each opening its card. */
function FollowupListPage() {
  const store = useBackOffice().followup.list;
  const listId = useRouter().params.listId ?? '';
  const { root } = useWhenSignedIn(() => void store.open(listId), [listId, store]);
  useDidShow(() => {
    if (root.session.isLoggedIn && store.list) void store.open(listId);
  });
  const l = store.list;
  return (
    <OpsShell forbidden={store.forbidden}>
      <NoticeBar id='fu-list-notice' notice={store.notice} onClose={() => store.dismissNotice()} />
      {!l ? (
        store.error ? <EmptyView text={store.error} /> : <LoadingView text='正在加载跟进任务…' />
      ) : (
        <View id='fu-list'>
          <View className='surface fu-head'>
            <Text className='fu-head__goal'>{l.goalLabel}</Text>
            <Text className='fu-head__title' id='fu-list-title'>
              {l.title}
            </Text>
            <Text className='fu-head__sub' id='fu-list-progress'>
              {`${l.mine} 人 · 已联系 ${l.contacted} · 逾期 ${l.overdue} · 已转化 ${l.converted} · 截止 ${fullDate(l.dueAt)}${l.status === 'closed' ? ' · 已结束' : ''}`}
            </Text>
            {root.ops.isOperator ? (
              <View className='fu-head__actions'>
                <Button className='btn btn--ghost btn--small' id='fu-list-execution' onClick={() => void Taro.navigateTo({ url: followupExecutionUrl(l.listId) })}>
                  执行情况
                </Button>
                {l.status === 'open' ? (
                  <Button className='btn btn--ghost btn--small' id='fu-list-close' onClick={() => void store.close()}>
                    结束任务
                  </Button>
                ) : null}
              </View>
            ) : null}
          </View>
          <ScriptCard script={l.script} />
          <OpsTabs idPrefix='fu-filter' tabs={FILTERS} current={store.filter} onSelect={(f) => void store.open(l.listId, f)} />
          {store.customers.length === 0 ? (
            <EmptyView text={store.filter === 'all' ? '这个任务里没有分给你的顾客。' : '这一栏暂时没有顾客。'} />
          ) : (
            <View id='fu-rows'>
              {store.customers.map((c) => (
                <Row key={c.openid} listId={l.listId} c={c} />
              ))}
            </View>
          )}
        </View>
      )}
    </OpsShell>
  );
}

export default observer(FollowupListPage);
