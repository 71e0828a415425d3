import { Button, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { SignInGate } from '../../components/sign-in-gate';
import { useStores } from '../../stores/context';
import './index.css';

/** Who am I. On H5 this is also where the dev login's account switch lives. */
function MePage() {
  const root = useStores();
  const { session } = root;
  // A build-time constant, so the weapp build carries none of the dev-mode branch.
  const isDev = process.env.TARO_ENV === 'h5';

  return (
    <View className='page me'>
      <SignInGate signedIn={session.isLoggedIn} onSignIn={(openid) => void root.signInDev(openid)}>
        <View className='me__profile' id='identity'>
          <View className='me__avatar'>
            <Text className='me__avatar-text'>{isDev ? (session.devOpenid ?? '?').slice(0, 1).toUpperCase() : '微'}</Text>
          </View>
          <View className='me__who'>
            {isDev ? (
              <>
                <Text className='me__name' id='current-openid'>
                  {session.devOpenid}
                </Text>
                <Text className='me__sub'>本地开发模式 · 以此 openid 调用云函数</Text>
              </>
            ) : (
              <>
                <Text className='me__name'>微信用户</Text>
                <Text className='me__sub'>已通过微信登录，身份由微信提供</Text>
              </>
            )}
          </View>
        </View>
        {isDev ? (
          <Button className='me__switch' id='switch-account' onClick={() => root.signOutDev()}>
            切换账号
          </Button>
        ) : null}
      </SignInGate>
    </View>
  );
}

export default observer(MePage);
