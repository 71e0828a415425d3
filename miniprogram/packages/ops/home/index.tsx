import { useEffect, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { ErrorView, LoadingView } from '../../../components/load-state';
import { OPS_GIFT_CLAIMS_URL } from '../../../format/routes';
import { useStores } from '../../../stores/context';
import { OpsShell } from '../components/shell';
import { OPS_AUDIT_URL, OPS_CAMPAIGNS_URL, OPS_LAUNCH_URL, OPS_COUPONS_URL, OPS_ORDERS_URL, OPS_PRODUCTS_URL, OPS_REFUNDS_URL, OPS_REPORTS_URL, OPS_SEGMENTS_URL, OPS_SETTINGS_URL, OPS_SHIPPING_UPLOADS_URL } from '../routes';
import '../ops.css';

const ENTRIES: Array<{ id: string; label: string; hint: string; url: string }> = [
  { id: 'ops-home-launch', label: '上线检查', hint: '店主、环境、商户号、消息模板、云调用权限、发货信息、隐私指引：逐项完成与待办', url: OPS_LAUNCH_URL },
  { id: 'ops-home-reports', label: '经营报表', hint: '利润（不只看 GMV）、储值负债、转化、客群规模变化', url: OPS_REPORTS_URL },
  { id: 'ops-home-products', label: '商品管理', hint: '新建、编辑、上下架、图片、库存', url: OPS_PRODUCTS_URL },
  { id: 'ops-home-orders', label: '订单发货', hint: '快递发货、确认自提', url: OPS_ORDERS_URL },
  { id: 'ops-home-uploads', label: '发货信息上传', hint: '微信发货信息上传结果，失败可重试', url: OPS_SHIPPING_UPLOADS_URL },
  { id: 'ops-home-refunds', label: '退款', hint: '微信退款失败或处理中过久的，可重试', url: OPS_REFUNDS_URL },
  { id: 'ops-home-gift-claims', label: '礼品发货', hint: '入会礼包、消费礼的寄送与自提', url: OPS_GIFT_CLAIMS_URL },
  { id: 'ops-home-segments', label: '客户分群', hint: '分层、生命周期、购买次数；名单、导出 CSV、同步企业微信标签', url: OPS_SEGMENTS_URL },
  { id: 'ops-home-campaigns', label: '营销活动', hint: '首三单复购等活动：预览人数、发布进度、转化与利润报告', url: OPS_CAMPAIGNS_URL },
  { id: 'ops-home-coupons', label: '优惠券', hint: '新建满减 / 折扣券、限量发放、暂停；已发与已用张数', url: OPS_COUPONS_URL },
  { id: 'ops-home-settings', label: '设置', hint: '会员、充值、档位、额度、生命周期、触达', url: OPS_SETTINGS_URL },
  { id: 'ops-home-audit', label: '操作记录', hint: '谁在何时改了什么', url: OPS_AUDIT_URL },
];

/** 运营后台: the entries to every back-office page, for operators only (ops.role decides). */
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
        <View className='surface ops-home__menu'>
          {ENTRIES.map((e) => (
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
    );
  }

  return <OpsShell forbidden={ops.role !== undefined && !ops.role.operator}>{body}</OpsShell>;
}

export default observer(OpsHomePage);
