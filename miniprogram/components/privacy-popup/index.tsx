import { Button, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { usePrivacyAuth } from '../../stores/privacy-auth-store';
import './index.css';

/**
 * Our answer to WeChat's privacy authorization (wx.onNeedPrivacyAuthorization): shown on a page that
 * may call a privacy API, only while WeChat holds such a call. The agree button must carry
 * open-type="agreePrivacyAuthorization" and its id is reported back, so WeChat knows the customer
 * tapped it. Declining fails only that one call; nothing else in the app changes.
 */
export const PrivacyPopup = observer(function PrivacyPopup() {
  const auth = usePrivacyAuth();
  if (!auth.open) return null;
  return (
    <View className='privacy-popup' id='privacy-popup' catchMove>
      <View className='privacy-popup__box'>
        <Text className='privacy-popup__title'>用户隐私保护提示</Text>
        <View className='privacy-popup__body'>
          <Text>使用这项功能前，请阅读并同意</Text>
          <Text className='privacy-popup__link' id='privacy-contract' onClick={() => auth.openContract()}>
            《会员储值商城小程序隐私保护指引》
          </Text>
          <Text>。我们只在您使用相关功能时收集必需的信息（例如您选择上传的照片、您选用的微信收货地址），不会用于其他目的；您可以在「我的 → 隐私与数据」查看、导出或删除您的数据。</Text>
          <Text className='privacy-popup__note'>不同意也可以继续使用其他功能，只是这项功能暂时无法使用。</Text>
        </View>
        <View className='privacy-popup__actions'>
          <Button className='btn btn--ghost privacy-popup__btn' id='privacy-decline' onClick={() => auth.decline()}>
            不同意
          </Button>
          <Button className='btn btn--primary privacy-popup__btn' id='privacy-agree' openType='agreePrivacyAuthorization' onAgreePrivacyAuthorization={() => auth.agree('privacy-agree')}>
            同意并继续
          </Button>
        </View>
      </View>
    </View>
  );
});
