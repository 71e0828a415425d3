import { useEffect } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { KEPT_REASON } from '@shared/privacy/views';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { beforeFirstLoad } from '../../components/load-state';
import { NoticeBar } from '../../components/notice-bar';
import { PrivacyPopup } from '../../components/privacy-popup';
import { SignInGate } from '../../components/sign-in-gate';
import { HOME_URL, ORDER_LIST_URL, TIER_GIFTS_URL, WALLET_URL } from '../../format/routes';
import type { DeletionBlocker } from '../../services/privacy';
import { useWhenSignedIn } from '../../stores/context';
import { usePrivacy } from './stores';
import type { PrivacyStore } from './stores/privacy-store';
import './privacy.css';

const GO: Record<NonNullable<DeletionBlocker['go']>, { label: string; open: () => void }> = {
  wallet: { label: '去钱包退还余额', open: () => void Taro.switchTab({ url: WALLET_URL }) },
  orders: { label: '查看我的订单', open: () => void Taro.navigateTo({ url: ORDER_LIST_URL }) },
  gifts: { label: '查看我的礼品', open: () => void Taro.navigateTo({ url: TIER_GIFTS_URL }) },
};

const DELETED = '个人资料与分群标签、问卷回答、会员资格、消息与订阅授权、活动触达记录、未使用的优惠券、未领取的礼品、体验装购买记录、企业微信联系人、常用收货地址，以及订单和礼品中的收货人姓名、电话和地址。';
const KEPT = '订单、退款、钱包流水与储值批次、已使用的优惠券、已领取的礼品和交易记录';
/** Issue 15 #6: what survives of the per-customer limits (cloudfunctions/_privacy/markers.ts). */
const LIMITS_KEPT =
  '为防止重复领取，您用过的体验装（每人限购一次）和领过的限领优惠券，会各留下一条由您的微信账号标识经密钥单向加密生成的标记，只记录“用过 / 领过几张”，不含您的姓名、联系方式或可还原的账号标识。同一微信账号注销后再来，这些体验装和优惠券仍按已用过 / 已领过计算。';

/** What we hold, one line per kind of data, and what deleting the account does to it. */
const Holdings = observer(function Holdings({ s }: { s: PrivacyStore }) {
  const groups = s.summary!.groups;
  const none = groups.filter((g) => g.count === 0);
  return (
    <View className='card privacy-holdings' id='privacy-holdings'>
      <Text className='privacy-lead'>我们保存的与您有关的数据</Text>
      <Text className='privacy-legend' id='privacy-kept-legend'>
        「匿名保留」：{KEPT_REASON}，任何人都无法再由这些记录找到您。
      </Text>
      {groups
        .filter((g) => g.count > 0)
        .map((g) => (
          <View key={g.key} className='privacy-row' id={`privacy-group-${g.key}`}>
            <View className='privacy-row__head'>
              <Text className='privacy-row__label'>{g.label}</Text>
              <Text className='privacy-row__count'>{g.count} 条</Text>
            </View>
            <Text className='privacy-row__detail'>{g.detail}</Text>
            <Text className={`privacy-row__fate privacy-row__fate--${g.onDelete}`}>注销后：{g.onDeleteText}</Text>
          </View>
        ))}
      {none.length ? (
        <Text className='privacy-row privacy-none' id='privacy-none'>
          没有保存：{none.map((g) => g.label).join('、')}
        </Text>
      ) : null}
    </View>
  );
});

const ExportCard = observer(function ExportCard({ s }: { s: PrivacyStore }) {
  return (
    <View className='card' id='privacy-export-card'>
      <Text className='privacy-lead'>导出我的数据</Text>
      <Text className='privacy-text'>把上面列出的全部记录原样导出为一个 JSON 文件，方便您查看或转存。</Text>
      <NoticeBar id='privacy-export-notice' notice={s.exporting ? undefined : s.exportNotice} onClose={() => s.dismissExportNotice()} />
      {s.exporting ? (
        <Text className='privacy-text' id='privacy-export-progress'>
          已导出 {s.exportedCount} 条…
        </Text>
      ) : null}
      <Button className='btn btn--primary privacy-btn' id='privacy-export' disabled={s.exporting || undefined} onClick={() => void s.exportData()}>
        {s.exporting ? '正在导出…' : '导出我的数据'}
      </Button>
      {s.canShare ? (
        <Button className='btn btn--ghost privacy-btn' id='privacy-share' onClick={() => void s.share()}>
          发送到聊天
        </Button>
      ) : null}
    </View>
  );
});

const Blockers = observer(function Blockers({ s }: { s: PrivacyStore }) {
  if (s.blockers.length === 0) return null;
  return (
    <View className='privacy-blockers' id='privacy-blockers'>
      <Text className='privacy-blockers__title'>注销前请先处理：</Text>
      {s.blockers.map((b, i) => (
        <View key={`${b.code}-${i}`} className='privacy-blocker' id={`privacy-blocker-${i}`}>
          <Text className='privacy-blocker__text'>{b.message}</Text>
          {b.go ? (
            <Text className='privacy-blocker__go' id={`privacy-blocker-${i}-go`} onClick={GO[b.go].open}>
              {GO[b.go].label} ›
            </Text>
          ) : null}
        </View>
      ))}
    </View>
  );
});

const DeleteCard = observer(function DeleteCard({ s }: { s: PrivacyStore }) {
  return (
    <View className='card' id='privacy-delete-card'>
      <Text className='privacy-lead'>注销账号</Text>
      <Text className='privacy-text' id='privacy-delete-removed'>
        会删除：{DELETED}
      </Text>
      <Text className='privacy-text' id='privacy-delete-kept'>
        会保留：{KEPT}——{KEPT_REASON}，任何人都无法再由这些记录找到您。
      </Text>
      <Text className='privacy-text' id='privacy-delete-limits'>
        会留下：{LIMITS_KEPT}
      </Text>
      <Text className='privacy-text'>注销后再次打开本小程序，您将作为新顾客使用（已用过的体验装和已领满的限领优惠券除外）。</Text>
      <NoticeBar id='privacy-notice' notice={s.notice} onClose={() => s.dismissNotice()} />
      <Blockers s={s} />
      <Button className='btn btn--danger privacy-btn' id='privacy-delete' disabled={s.deleting || undefined} onClick={() => s.askDelete()}>
        {s.deleting ? '正在注销…' : '注销账号'}
      </Button>
    </View>
  );
});

function Deleted() {
  return (
    <View className='card privacy-deleted' id='privacy-deleted'>
      <Text className='privacy-lead'>账号已注销</Text>
      <Text className='privacy-text'>我们已删除您的个人数据。订单等财务记录依法保存，已与您的身份解除关联。</Text>
      <Text className='privacy-text'>感谢您的陪伴。如再次使用本小程序，您将作为新顾客。</Text>
      <Button className='btn btn--ghost privacy-btn' id='privacy-home' onClick={() => void Taro.switchTab({ url: HOME_URL })}>
        返回首页
      </Button>
    </View>
  );
}

/** 隐私与数据 (PIPL): see what we hold, export it, delete the account. */
function PrivacyPage() {
  const s = usePrivacy();
  const { root, signedIn } = useWhenSignedIn(() => {
    if (!s.deleted) void s.load();
  }, [s]);
  useEffect(() => () => s.leave(), [s]);

  let body = s.deleted ? <Deleted /> : beforeFirstLoad(!!s.summary, s.error, () => void s.load(), '正在汇总您的数据…');
  if (!body)
    body = (
      <View>
        <Text className='privacy-intro'>依据《个人信息保护法》，您可以查看、导出我们保存的您的数据，也可以注销账号。我们只收集提供服务所必需的信息。</Text>
        <Holdings s={s} />
        <ExportCard s={s} />
        <DeleteCard s={s} />
      </View>
    );

  return (
    <View className='page privacy'>
      <SignInGate signedIn={signedIn} onSignIn={(openid) => void root.signInDev(openid)}>
        {body}
        {s.confirmingDelete ? (
          <ConfirmDialog id='privacy-delete-dialog' title='确认注销账号？' confirmText='确认注销' danger busy={s.deleting} onConfirm={() => void s.confirmDelete()} onCancel={() => s.cancelDelete()}>
            {(s.summary?.warnings ?? []).map((w, i) => (
              <Text key={i} className='privacy-warning' id={`privacy-warning-${i}`}>
                {w}
              </Text>
            ))}
            <Text className='privacy-dialog-line'>会删除您的个人资料、问卷回答、消息与授权、收货信息等个人数据。</Text>
            <Text className='privacy-dialog-line'>订单、退款和钱包流水会保留：{KEPT_REASON}。</Text>
            <Text className='privacy-dialog-line privacy-dialog-line--strong'>注销后无法恢复。</Text>
          </ConfirmDialog>
        ) : null}
        <PrivacyPopup />
      </SignInGate>
    </View>
  );
}

export default observer(PrivacyPage);
