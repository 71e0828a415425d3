import { Text } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { ChoiceRow } from '../../../components/choice';
import { yuan2 } from '../../../format/yuan';
import type { CheckoutStore } from '../../../stores/checkout-store';

/** 支付方式: 微信支付, 余额支付 (with the spendable balance), and 组合支付 when the balance is short. */
export const PayMethods = observer(function PayMethods({ checkout }: { checkout: CheckoutStore }) {
  const balance = checkout.balanceFen;
  const total = checkout.totalFen;
  return (
    <>
      <Text className='section-title'>支付方式</Text>
      <ChoiceRow id='pay-wechat' selected={checkout.payWith === 'wechat'} label='微信支付' onSelect={() => checkout.setPayWith('wechat')} />
      <ChoiceRow
        id='pay-balance'
        selected={checkout.payWith === 'balance'}
        label='余额支付'
        detail={
          <Text className={checkout.balanceLooksShort ? 'pay-balance--short' : ''} id='pay-balance-detail'>
            {balance === undefined ? '正在查询余额…' : `可用余额 ${yuan2(balance)}${checkout.balanceLooksShort ? '，余额不足' : ''}`}
          </Text>
        }
        onSelect={() => checkout.setPayWith('balance')}
      />
      {checkout.combinedOffered || checkout.payWith === 'combined' ? (
        <ChoiceRow
          id='pay-combined'
          selected={checkout.payWith === 'combined'}
          label='余额+微信组合支付'
          detail={
            <Text id='pay-combined-detail'>
              {balance !== undefined && total !== undefined && balance < total ? `先用可用余额 ${yuan2(balance)}，其余 ${yuan2(total - balance)} 微信支付` : '先用储值余额，其余微信支付'}
            </Text>
          }
          onSelect={() => checkout.setPayWith('combined')}
        />
      ) : null}
    </>
  );
});
