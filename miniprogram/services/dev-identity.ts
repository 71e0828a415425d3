/**
 * H5 local mode only: who the dev login says we are. The gateway hands this openid to the cloud
 * functions as the platform identity (API.md "Local mode"). On weapp WeChat supplies the identity
 * and none of this is used.
 */
export const DEV_OPENID_KEY = 'devOpenid';
export const DEV_OPENID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export interface DevIdentity {
  get(): string | undefined;
  set(openid: string): void;
  clear(): void;
}

// localStorage can be missing (weapp) or throw (privacy mode); treat both as "no dev identity".
function storage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}

export function getDevOpenid(): string | undefined {
  const v = storage()?.getItem(DEV_OPENID_KEY) ?? undefined;
  return v && DEV_OPENID_PATTERN.test(v) ? v : undefined;
}

export function setDevOpenid(openid: string): void {
  if (!DEV_OPENID_PATTERN.test(openid)) throw new RangeError('openid 只能包含字母、数字、- 和 _，长度 1–64');
  storage()?.setItem(DEV_OPENID_KEY, openid);
}

export function clearDevOpenid(): void {
  storage()?.removeItem(DEV_OPENID_KEY);
}

export const devIdentity: DevIdentity = { get: getDevOpenid, set: setDevOpenid, clear: clearDevOpenid };
