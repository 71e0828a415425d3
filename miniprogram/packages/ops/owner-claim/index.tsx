import { useEffect, useState, type ReactNode } from 'react';
import Taro from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { CLAIM_CODE_LENGTH, CLAIM_MAX_FAILURES } from '@shared/ops/owner-claim';
import { GatedPage } from '../../../components/sign-in-gate';
import { ErrorView, LoadingView } from '../../../components/load-state';
import { NoticeBar } from '../../../components/notice-bar';
import { dateTime } from '../../../format/date';
import { OPS_HOME_URL } from '../../../format/routes';
import { useStores } from '../../../stores/context';
import { OPS_LAUNCH_URL } from '../routes';
import { useBackOffice } from '../stores/back-office';
import '../ops.css';
import '../launch.css';

function Card({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <View className='surface claim-card' id={id}>
      <Text className='claim-card__title'>{title}</Text>
      {children}
    </View>
  );
}

const NextSteps = () => (
  <>
    <Button className='btn btn--primary claim-card__action' id='claim-open-launch' onClick={() => void Taro.redirectTo({ url: OPS_LAUNCH_URL })}>
      打开上线检查
    </Button>
    <Button className='btn btn--ghost claim-card__action' id='claim-open-home' onClick={() => void Taro.redirectTo({ url: OPS_HOME_URL })}>
      进入运营后台
    </Button>
  </>
);

/**
 * 成为店主（首次开店）: a freshly deployed store has nobody in charge; the person who runs it types
 * the one-time code the deploy printed and becomes its owner (and first operator). Reachable from
 * 我的 while the store has no owner; once it has one, the page says so and who to ask instead.
 */
function OwnerClaimPage() {
  const root = useStores();
  const { session, ops } = root;
  const { claim } = useBackOffice();
  const [asked, setAsked] = useState(false);

  // Each visit starts with an empty form and asks the server again (an owner may exist by now).
  useEffect(() => {
    claim.reset();
    if (!session.isLoggedIn) return;
    void ops.loadRole().finally(() => setAsked(true));
  }, [session.isLoggedIn, ops, claim]);

  const role = ops.role;
  let body;
  if (claim.claimed) {
    body = (
      <Card id='claim-done' title='您已成为本店店主'>
        <Text className='claim-card__text'>您现在是店主和运营人员，可以在「设置 › 运营人员」添加其他运营人员。下一步：打开「上线检查」，逐项完成上线准备（商户号、消息模板、云调用权限等）。</Text>
        <NextSteps />
      </Card>
    );
  } else if (role === undefined && asked && !ops.roleLoading) {
    body = <ErrorView message='无法确认本店的店主情况，请检查网络' onRetry={() => void ops.loadRole()} />;
  } else if (role === undefined) {
    body = <LoadingView text='正在确认本店的店主…' />;
  } else if (role.owner) {
    body = (
      <Card id='claim-already' title='您已是本店店主'>
        <Text className='claim-card__text'>不需要再认领。可以在「上线检查」查看上线准备还差什么。</Text>
        <NextSteps />
      </Card>
    );
  } else if (!role.firstOwner) {
    body = (
      <Card id='claim-taken' title='本店已有店主'>
        <Text className='claim-card__text'>店主认领已关闭。如需管理店铺，请联系店主在「设置 › 运营人员」中添加您的账号。</Text>
      </Card>
    );
  } else if (!role.firstOwner.code) {
    body = (
      <Card id='claim-closed' title='没有开放店主认领'>
        <Text className='claim-card__text'>
          {role.firstOwner.ownerOpenid
            ? '部署时已在 ops 云函数的环境变量 OWNER_OPENID 中指定了店主的账号：请用该微信账号打开「我的」，即可自动成为店主。'
            : '部署时没有生成认领码（ops 云函数缺少环境变量 OWNER_CLAIM_SHA256）。请让部署人员重新运行部署并记下打印的认领码，或在 ops 云函数的环境变量中设置 OWNER_OPENID 为店主的 openid。'}
        </Text>
      </Card>
    );
  } else {
    const locked = claim.locked;
    body = (
      <Card id='claim-form' title='成为店主（首次开店）'>
        <Text className='claim-card__text'>本店刚部署，还没有店主。请输入部署时打印的 {CLAIM_CODE_LENGTH} 位认领码，您将成为店主和第一位运营人员。认领码只能使用一次：有了店主后即失效。</Text>
        <Input
          className='field ops-input claim-card__input'
          id='claim-code-input'
          value={claim.code}
          maxlength={20}
          placeholder='XXXX-XXXX-XXXX'
          disabled={locked || undefined}
          onInput={(e) => claim.setCode(e.detail.value)}
          onConfirm={() => void claim.submit()}
        />
        {claim.problem ? (
          <Text className='claim-card__problem' id='claim-code-problem'>
            {claim.problem}
          </Text>
        ) : null}
        <NoticeBar id='claim-notice' notice={claim.notice} />
        <Button className='btn btn--primary claim-card__action' id='claim-submit' disabled={claim.submitting || locked || undefined} onClick={() => void claim.submit()}>
          {claim.submitting ? '正在认领…' : locked ? `已锁定到 ${dateTime(claim.lockedUntil!)}` : '成为店主'}
        </Button>
        <Text className='claim-card__note'>不区分大小写，短横线和空格可省略。连续输错 {CLAIM_MAX_FAILURES} 次会锁定此账号 1 小时。没有认领码？请联系部署人员（部署完成时会打印一次）。</Text>
      </Card>
    );
  }

  return <GatedPage className='ops'>{body}</GatedPage>;
}

export default observer(OwnerClaimPage);
