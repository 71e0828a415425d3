import type { ReactNode } from 'react';
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
