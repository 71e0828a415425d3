import { Text, View } from '@tarojs/components';
import './index.css';

/** 购物车 with the number of units in it (99+ past 99): on 首页's top bar and the product page's bar. */
export function CartEntry({ count, id, onTap }: { count: number; id: string; onTap: () => void }) {
  return (
    <View className='cart-entry' id={id} onClick={onTap}>
      <Text className='cart-entry__text'>购物车</Text>
      {count > 0 ? (
        <Text className='cart-entry__count' id={`${id}-count`}>
          {count > 99 ? '99+' : count}
        </Text>
      ) : null}
    </View>
  );
}
