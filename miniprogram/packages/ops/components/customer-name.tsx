import '../zod-setup';
import { Image, Text, View } from '@tarojs/components';
import type { CustomerDisplay } from '@shared/customers/display-profile';
import { customerName } from '@shared/labels/actors';

/**
 * A customer as the back office shows them (issue 17 #8): the avatar thumbnail and nickname they
 * chose, with the openid's tail as a hint — or 「顾客（尾号 xxxx）」 when they set none. The server
 * looks the page's customers up in one batch; `customer` is absent only on an older answer.
 * Ids: `${id}-name`, `${id}-hint`, `${id}-avatar`.
 */
export function CustomerName({ id, openid, customer, large }: { id: string; openid: string; customer?: CustomerDisplay | null; large?: boolean }) {
  const { name, hint } = customerName(openid, customer);
  return (
    <View className={`ops-who ${large ? 'ops-who--large' : ''}`} id={id}>
      {customer?.avatarUrl ? <Image className='ops-who__avatar' id={`${id}-avatar`} src={customer.avatarUrl} mode='aspectFill' /> : null}
      <Text className='ops-who__name' id={`${id}-name`}>
        {name}
      </Text>
      {hint ? (
        <Text className='ops-who__hint' id={`${id}-hint`}>
          {hint}
        </Text>
      ) : null}
    </View>
  );
}
