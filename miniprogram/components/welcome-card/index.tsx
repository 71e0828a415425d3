import { Button, Text, View } from '@tarojs/components';
import './index.css';

export interface WelcomeCardProps {
  /** What members get (the membership plan's benefits); the shop's standing offers are always listed. */
  perks: string[];
  onStart: () => void;
  onLater: () => void;
}

/** Standing offers every customer can use, whatever the membership plan says. */
const SHOP_OFFERS = ['储值充值有赠送', '累计消费可领礼品'];

/**
 * The first thing a new customer sees on 首页 (PRODUCT.md "First response"): what the shop offers
 * and an invitation to the short survey. Presentational: the page decides when it shows.
 */
export function WelcomeCard({ perks, onStart, onLater }: WelcomeCardProps) {
  const offers = [...perks.slice(0, 3), ...SHOP_OFFERS];
  return (
    <View className='surface welcome' id='welcome-card'>
      <Text className='welcome__title'>欢迎光临！</Text>
      <Text className='welcome__lead'>会员与储值顾客可享：</Text>
      <View className='welcome__offers' id='welcome-offers'>
        {offers.map((o) => (
          <Text key={o} className='welcome__offer'>
            {o}
          </Text>
        ))}
      </View>
      <Text className='welcome__ask' id='welcome-ask'>
        用 30 秒告诉我们您的偏好，我们只推荐您关心的。
      </Text>
      <View className='welcome__actions'>
        <Button className='btn btn--ghost btn--small welcome__btn' id='welcome-later' onClick={onLater}>
          以后再说
        </Button>
        <Button className='btn btn--primary btn--small welcome__btn' id='welcome-start' onClick={onStart}>
          开始
        </Button>
      </View>
    </View>
  );
}
