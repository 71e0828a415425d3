export const ownerClaimIdOf = (openid: string) => `ocl_${openid}`;

/** Failed tries of one account. */
export interface OwnerClaimAttempts {
  _id: string;
  openid: string;
  failed: number;
  lastFailedAt: number;
  /** Five wrong codes: no more tries until then. */
  lockedUntil?: number;
  version: number;
}
