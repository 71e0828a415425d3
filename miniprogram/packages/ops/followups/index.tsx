import '../zod-setup';
import Taro, { useDidShow } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { EmptyView } from '../../../components/load-state';
import { fullDate } from '../../../format/date';
import { useWhenSignedIn } from '../../../stores/context';
import { ReadBody } from '../components/list-page';
import { Card, CardHead, CardRow, CardRows } from '../components/card';
import { OpsShell } from '../components/shell';
import { followupExecutionUrl, followupListUrl, followupNewUrl } from '../routes';
import { useBackOffice } from '../stores/back-office';
import type { ListSummaryView } from '../../../services/followup';
import '../ops.css';
import '../followup.css';

const STATUS: Record<ListSummaryView['status'], string> = { building: '建立中', open: '进行中', closed: '已结束' };

const ListCard = observer(function ListCard({ l, operator }: { l: ListSummaryView; operator: boolean }) {
  const id = `fu-list-${l.listId}`;
  return (
    <Card id={id} onClick={() => void Taro.navigateTo({ url: followupListUrl(l.listId) })}>
      <CardHead id={id} source={l.goalLabel} name={l.title} state={STATUS[l.status]} />
      <CardRows>
        <CardRow label='顾客'>{l.sourceLabel}</CardRow>
        <CardRow label='截止'>{fullDate(l.dueAt)}</CardRow>
        <CardRow label={operator ? '跟进' : '我的顾客'} id={`${id}-progress`}>
          {`${l.mine} 人 · 已联系 ${l.contacted} · 逾期 ${l.overdue} · 已转化 ${l.converted}`}
        </CardRow>
        <CardRow label='专员'>{l.staff.map((m) => m.name).join('、')}</CardRow>
      </CardRows>
      {operator ? (
        <Text
          className='link fu-list__execution'
          id={`${id}-execution`}
          onClick={(e) => {
            e.stopPropagation();
            void Taro.navigateTo({ url: followupExecutionUrl(l.listId) });
          }}
        >
          执行情况（做没做 / 做的怎么样）›
        </Text>
      ) : null}
    </Card>
  );
});

/** 一对一跟进: the lists — a 跟进专员 sees those assigned to them, an operator all of them and 新建. */
function FollowupsPage() {
  const read = useBackOffice().followup.lists;
  const { root } = useWhenSignedIn(() => {
    void read.load();
    void root.ops.ensureRole();
  }, [read]);
  useDidShow(() => {
    if (root.session.isLoggedIn && read.loaded) void read.load();
  });
  const operator = root.ops.isOperator;
  return (
    <OpsShell forbidden={read.forbidden}>
      <View className='fu-intro surface'>
        <Text className='fu-intro__title'>一对一跟进</Text>
        <Text className='fu-intro__text'>少群发，多一对一：按任务联系分到你名下的顾客，记录事实（提到几次价格、问没问有效期），而不是印象。</Text>
        {operator ? (
          <Button className='btn btn--primary fu-intro__new' id='fu-new' onClick={() => void Taro.navigateTo({ url: followupNewUrl() })}>
            新建跟进任务
          </Button>
        ) : null}
      </View>
      <ReadBody read={read} loadingText='正在加载跟进任务…'>
        {() =>
          read.data!.lists.length === 0 ? (
            <EmptyView text={operator ? '还没有跟进任务。点「新建跟进任务」，从一个分群开始。' : '还没有指派给你的跟进任务。'} />
          ) : (
            <View id='fu-lists'>
              {read.data!.lists.map((l) => (
                <ListCard key={l.listId} l={l} operator={operator} />
              ))}
            </View>
          )
        }
      </ReadBody>
    </OpsShell>
  );
}

export default observer(FollowupsPage);
