import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { useStores } from '../../stores/context';
import { DevLogin } from '../dev-login-slot';

export interface SignInGateProps {
  signedIn: boolean;
  onSignIn: (openid: string) => void;
  children: ReactNode;
}

/**
 * Pages behind an identity: on H5 without a dev openid, show the dev login instead of content
 * that would only fail with UNAUTHENTICATED. On weapp WeChat always supplies the identity.
 */
export function SignInGate({ signedIn, onSignIn, children }: SignInGateProps) {
  if (!signedIn && DevLogin) return <DevLogin onChoose={onSignIn} />;
  return <>{children}</>;
}

/**
 * A page whose whole content sits behind the gate: `<View className='page …'>` and the gate with
 * the root store's session and dev sign-in, so pages do not each repeat the wrapper.
 */
export const GatedPage = observer(function GatedPage({ className, children }: { className: string; children: ReactNode }) {
  const root = useStores();
  return (
    <View className={`page ${className}`}>
      <SignInGate signedIn={root.session.isLoggedIn} onSignIn={(openid) => void root.signInDev(openid)}>
        {children}
      </SignInGate>
    </View>
  );
});
