import Taro from '@tarojs/taro';
import { Button, Image, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { formatYuan } from '@shared/money/format';
import type { AdminProductView } from '@shared/ops/views';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { EmptyView } from '../../../components/load-state';
import { NoticeBar } from '../../../components/notice-bar';
import { dateTime } from '../../../format/date';
import { ReadBody } from '../components/list-page';
import { OpsShell, OpsTabs } from '../components/shell';
import { useListPaging } from '../components/use-list-paging';
import { auditUrl, productEditUrl } from '../routes';
import { useBackOffice } from '../stores/back-office';
import { PRODUCT_TABS, type ProductsStore } from '../stores/catalog-store';
import '../ops.css';

function stockText(p: AdminProductView): string {
  if (p.stock === undefined) return '不限库存';
  return p.stock === 0 ? '已售罄（库存 0）' : `库存 ${p.stock} 件`;
}

const ProductRow = observer(function ProductRow({ p, store, now }: { p: AdminProductView; store: ProductsStore; now: number }) {
  const id = `ops-product-${p._id}`;
  const cover = p.imageUrls.find(Boolean);
  return (
    <View className='surface ops-claim ops-product' id={id}>
      <View className='ops-product__top'>
        {cover ? (
          <Image className='ops-product__cover' src={cover} mode='aspectFill' id={`${id}-cover`} />
        ) : (
          <View className={`ops-product__cover ops-product__cover--none ${p.kind === 'trial' ? 'ops-product__cover--trial' : ''}`}>
            <Text className='ops-product__cover-text'>{p.name.slice(0, 1)}</Text>
          </View>
        )}
        <View className='ops-product__main'>
          <Text className='ops-product__name' id={`${id}-name`}>
            {p.name}
          </Text>
          <View className='ops-product__badges'>
            <Text className='badge badge--used'>{p.category}</Text>
            {p.kind === 'trial' ? <Text className='badge badge--trial'>体验装</Text> : null}
            {!p.physical ? <Text className='badge badge--used'>虚拟商品</Text> : null}
            {p.memberEarlyAccessUntil && p.memberEarlyAccessUntil > now ? <Text className='badge badge--member'>会员抢先购至 {dateTime(p.memberEarlyAccessUntil)}</Text> : null}
          </View>
          <Text className='ops-product__prices' id={`${id}-prices`}>
            原价 {formatYuan(p.priceFen)}
            {p.memberPriceFen !== undefined ? ` · 会员价 ${formatYuan(p.memberPriceFen)}` : ''}
          </Text>
          <Text className='ops-product__meta'>
            成本 {formatYuan(p.costFen)} · 最低成交价 {formatYuan(p.floorFen)} · {stockText(p)} · 排序 {p.sort}
          </Text>
        </View>
      </View>
      <View className='ops-product__actions'>
        <Text className='link ops-product__link' id={`${id}-audit`} onClick={() => void Taro.navigateTo({ url: auditUrl('product', p._id) })}>
          操作记录
        </Text>
        {p.status === 'active' ? (
          <Button key='archive' className='btn btn--ghost btn--small' id={`${id}-archive`} disabled={store.busyId !== undefined || undefined} onClick={() => store.openArchive(p._id)}>
            下架
          </Button>
        ) : (
          <Button key='restore' className='btn btn--ghost btn--small' id={`${id}-restore`} disabled={store.busyId !== undefined || undefined} onClick={() => void store.restore(p._id)}>
            {store.busyId === p._id ? '处理中…' : '重新上架'}
          </Button>
        )}
        <Button className='btn btn--dark btn--small ops-product__edit' id={`${id}-edit`} onClick={() => void Taro.navigateTo({ url: productEditUrl(p._id) })}>
          编辑
        </Button>
      </View>
    </View>
  );
});

/** 商品管理: 在售 / 已下架, 新建, 编辑, 下架 (after a confirm), 重新上架. */
function ProductsPage() {
  const { products } = useBackOffice();

  // Back from the editor (or another operator's change): the list as the server has it.
  useListPaging(products.read);

  const tab = PRODUCT_TABS.find((t) => t.status === products.tab) ?? PRODUCT_TABS[0];
  const archiving = products.archiveId ? products.product(products.archiveId) : undefined;
  const now = Date.now();

  return (
    <OpsShell
      forbidden={products.read.forbidden}
      overlay={
        archiving ? (
          <ConfirmDialog
            id='ops-archive-dialog'
            title={`下架「${archiving.name}」？`}
            confirmText='确认下架'
            cancelText='取消'
            danger
            busy={products.busyId === archiving._id}
            onCancel={() => products.cancelArchive()}
            onConfirm={() => void products.confirmArchive()}
          >
            <Text className='dialog__line'>下架后顾客将不再看到该商品，已有订单和退款不受影响。</Text>
            <Text className='dialog__line'>可随时在「已下架」中重新上架。</Text>
          </ConfirmDialog>
        ) : null
      }
    >
      <OpsTabs idPrefix='ops-products-tab' tabs={PRODUCT_TABS.map((t) => ({ key: t.status, label: t.label }))} current={products.tab} onSelect={(k) => products.setTab(k)} />
      <Button className='btn btn--primary ops__new' id='ops-product-new' onClick={() => void Taro.navigateTo({ url: productEditUrl() })}>
        ＋ 新建商品
      </Button>
      <NoticeBar id='ops-products-notice' notice={products.notice} onClose={() => products.dismissNotice()} />
      <ReadBody read={products.read} loadingText='正在加载商品…'>
        {() =>
          products.isEmpty ? (
            <EmptyView text={tab.empty} />
          ) : (
            <View id='ops-products'>
              {products.shown.map((p) => (
                <ProductRow key={p._id} p={p} store={products} now={now} />
              ))}
              <Text className='ops__end'>共 {products.shown.length} 件</Text>
            </View>
          )
        }
      </ReadBody>
    </OpsShell>
  );
}

export default observer(ProductsPage);
