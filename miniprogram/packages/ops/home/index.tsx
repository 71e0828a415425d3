import { useEffect, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { beforeFirstLoad, ErrorView, LoadingView } from '../../../components/load-state';
import { formatYuan } from '@shared/money/format';
import { DASHBOARD_TODOS, DASHBOARD_TODO_LABELS, type DashboardTodo, type DashboardView } from '@shared/ops/dashboard';
import { useBackOffice } from '../stores/back-office';
import { OPS_GIFT_CLAIMS_URL } from '../../../format/routes';
import { useStores } from '../../../stores/context';
import { OpsShell } from '../components/shell';
import { OPS_AUDIT_URL, OPS_CAMPAIGNS_URL, OPS_FOLLOWUPS_URL, OPS_LAUNCH_URL, OPS_COUPONS_URL, OPS_ORDERS_URL, OPS_PICKUP_URL, OPS_PRODUCTS_URL, OPS_REFUNDS_URL, OPS_RENEWALS_URL, OPS_REPORTS_URL, OPS_SEGMENTS_URL, OPS_SETTINGS_URL, OPS_SHIPPING_UPLOADS_URL } from '../routes';
import '../ops.css';

interface Entry {
  id: string;
  label: string;
  hint: string;
  url: string;
}

/** Every back-office page, grouped by the job it belongs to (a flat list of 13 was hard to scan). */
const SECTIONS: Array<{ id: string; title: string; entries: Entry[] }> = [
  {
    id: 'daily',
    title: '日常',
    entries: [
      { id: 'ops-home-pickup', label: '到店核销', hint: '扫顾客的会员码或输入数字，交付自提订单与礼品', url: OPS_PICKUP_URL },
      { id: 'ops-home-orders', label: '订单发货', hint: '快递发货、确认自提', url: OPS_ORDERS_URL },
      { id: 'ops-home-gift-claims', label: '礼品发货', hint: '入会礼包、消费礼的寄送与自提', url: OPS_GIFT_CLAIMS_URL },
    ],
  },
  {
    id: 'aftersales',
    title: '售后与对账',
    entries: [
      { id: 'ops-home-refunds', label: '退款', hint: '微信退款失败或处理中过久的，可重试', url: OPS_REFUNDS_URL },
      { id: 'ops-home-uploads', label: '发货信息上传', hint: '微信发货信息上传结果，失败可重试', url: OPS_SHIPPING_UPLOADS_URL },
      { id: 'ops-home-reports', label: '经营报表', hint: '利润（不只看 GMV）、储值负债、转化、客群规模变化', url: OPS_REPORTS_URL },
      { id: 'ops-home-renewals', label: '续费', hint: '到期会员谁续了、谁流失了，按入会月份的续费率，会员回本情况；一键建跟进任务', url: OPS_RENEWALS_URL },
    ],
  },
  {
    id: 'growth',
    title: '客户与营销',
    entries: [
      { id: 'ops-home-segments', label: '客户分群', hint: '分层、生命周期、购买次数；名单、导出 CSV、同步企业微信标签', url: OPS_SEGMENTS_URL },
      { id: 'ops-home-followups', label: '一对一跟进', hint: '把分群变成跟进任务，指派专员；记录事实、看谁做了、做得怎么样', url: OPS_FOLLOWUPS_URL },
      { id: 'ops-home-campaigns', label: '营销活动', hint: '首三单复购等活动：预览人数、发布进度、转化与利润报告', url: OPS_CAMPAIGNS_URL },
      { id: 'ops-home-coupons', label: '优惠券', hint: '新建满减 / 折扣券、限量发放、暂停；已发与已用张数', url: OPS_COUPONS_URL },
    ],
  },
  {
    id: 'store',
    title: '店铺',
    entries: [
      { id: 'ops-home-products', label: '商品管理', hint: '新建、编辑、上下架、图片、库存', url: OPS_PRODUCTS_URL },
      { id: 'ops-home-settings', label: '设置', hint: '会员、充值、档位、额度、生命周期、触达', url: OPS_SETTINGS_URL },
      { id: 'ops-home-launch', label: '上线检查', hint: '店主、环境、商户号、消息模板、云调用权限、发货信息、隐私指引：逐项完成与待办', url: OPS_LAUNCH_URL },
      { id: 'ops-home-audit', label: '操作记录', hint: '谁在何时改了什么', url: OPS_AUDIT_URL },
    ],
  },
];

const TODO_URL: Record<DashboardTodo, string> = {
  'to-ship': OPS_ORDERS_URL,
  'gifts-to-ship': OPS_GIFT_CLAIMS_URL,
  'to-pickup': OPS_PICKUP_URL,
  'upload-failed': OPS_SHIPPING_UPLOADS_URL,
  'refunds-stuck': OPS_REFUNDS_URL,
  'followups-overdue': OPS_FOLLOWUPS_URL,
};

/** 今日: money first as profit, not only GMV (the seeds' rule), then orders and members. */
const Today = observer(function Today({ v }: { v: DashboardView }) {
  const figures = [
    { id: 'gmv', label: '今日收入', value: formatYuan(v.today.gmvFen) },
    { id: 'profit', label: '今日利润', value: formatYuan(v.today.profitFen) },
    { id: 'orders', label: '商品订单', value: `${v.today.productOrders} 单` },
    { id: 'members', label: '开通/续费会员', value: `${v.today.membershipsSold} 人` },
  ];
  return (
    <View className='surface ops-dash' id='ops-dash-today'>
      <Text className='ops-dash__title'>今日 · {v.day}</Text>
      <View className='ops-dash__grid'>
        {figures.map((f) => (
          <View key={f.id} className='ops-dash__figure' id={`ops-dash-${f.id}`}>
            <Text className='ops-dash__value'>{f.value}</Text>
            <Text className='ops-dash__label'>{f.label}</Text>
          </View>
        ))}
      </View>
      {v.catchingUp ? <Text className='ops-dash__note'>刚发生的交易还在汇总，数字几分钟内会更新。</Text> : null}
    </View>
  );
});

/** 待办: what waits for someone, each opening its list; nothing waiting says so. */
const Todos = observer(function Todos({ v }: { v: DashboardView }) {
  const open = DASHBOARD_TODOS.filter((t) => v.todos[t] > 0);
  return (
    <View className='surface ops-dash' id='ops-dash-todos'>
      <Text className='ops-dash__title'>待办</Text>
      {open.length === 0 ? <Text className='ops-dash__none'>没有待处理的事项。</Text> : null}
      {DASHBOARD_TODOS.map((t) => (
        <View key={t} className={`ops-dash__todo ${v.todos[t] > 0 ? '' : 'ops-dash__todo--done'}`} id={`ops-todo-${t}`} onClick={() => void Taro.navigateTo({ url: TODO_URL[t] })}>
          <View className='ops-dash__todo-main'>
            <Text className='ops-dash__todo-label'>{DASHBOARD_TODO_LABELS[t].label}</Text>
            <Text className='ops-dash__todo-hint'>{DASHBOARD_TODO_LABELS[t].hint}</Text>
          </View>
          <Text className={`ops-dash__count ${v.todos[t] > 0 ? 'ops-dash__count--on' : ''}`} id={`ops-todo-${t}-count`}>
            {v.todos[t]}
          </Text>
          <Text className='ops-home__item-arrow'>›</Text>
        </View>
      ))}
    </View>
  );
});

/** Today's figures and to-dos; a failed read says so here and leaves the menu usable. */
const Dashboard = observer(function Dashboard() {
  const { dashboard } = useBackOffice();
  useEffect(() => void dashboard.ensureLoaded(), [dashboard]);
  useDidShow(() => void dashboard.load());
  const v = dashboard.data;
  const first = beforeFirstLoad(!!v, dashboard.error, () => void dashboard.load(), '正在汇总今日数据…');
  if (first || !v) return first ?? null;
  return (
    <View id='ops-dash'>
      <Today v={v} />
      <Todos v={v} />
    </View>
  );
});

/** 运营后台: today's figures, to-dos, and the entries to every back-office page, for operators only (ops.role decides). */
function OpsHomePage() {
  const root = useStores();
  const { session, ops } = root;
  const [asked, setAsked] = useState(false);

  useEffect(() => {
    if (!session.isLoggedIn) return;
    void ops.loadRole().finally(() => setAsked(true));
  }, [session.isLoggedIn, ops]);
  useDidShow(() => {
    if (session.isLoggedIn && asked) void ops.loadRole();
  });

  let body;
  if (ops.role === undefined && asked && !ops.roleLoading) {
    body = <ErrorView message='无法确认您的运营权限，请检查网络' onRetry={() => void ops.loadRole()} />;
  } else if (ops.role === undefined) {
    body = <LoadingView text='正在确认运营权限…' />;
  } else {
    body = (
      <View id='ops-home'>
        <View className='ops-home__head'>
          <Text className='ops-home__title'>运营后台</Text>
          <Text className='ops-home__sub' id='ops-home-role'>
            {ops.role.owner ? '店主' : '运营人员'} · 所有操作都会记入「操作记录」
          </Text>
        </View>
        {ops.role.operator ? <Dashboard /> : null}
        {SECTIONS.map((sec) => (
          <View key={sec.id} id={`ops-home-section-${sec.id}`}>
            <Text className='section-title'>{sec.title}</Text>
            <View className='surface ops-home__menu'>
              {sec.entries.map((e) => (
                <View key={e.id} className='ops-home__item' id={e.id} onClick={() => void Taro.navigateTo({ url: e.url })}>
                  <View className='ops-home__item-main'>
                    <Text className='ops-home__item-label'>{e.label}</Text>
                    <Text className='ops-home__item-hint'>{e.hint}</Text>
                  </View>
                  <Text className='ops-home__item-arrow'>›</Text>
                </View>
              ))}
            </View>
          </View>
        ))}
      </View>
    );
  }

  return <OpsShell forbidden={ops.role !== undefined && !ops.role.operator}>{body}</OpsShell>;
}

export default observer(OpsHomePage);
