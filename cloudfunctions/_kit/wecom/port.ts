/**
 * WeCom (企业微信) customer-contact port: what the segment tag sync needs from WeCom. Two
 * adapters: `corp-api` (production: the corp API with corp id/secret from the environment) and
 * `local-recorder` (npm start, tests: sends nothing, records every call in `wecom_calls`).
 */
export interface WecomContact {
  /** The customer as a WeCom external contact (external_userid). */
  externalUserId: string;
  /** The staff member (企业成员 userid) who added the customer; mark_tag acts on that relationship. */
  followUserId: string;
}

export interface MarkTagRequest {
  userid: string;
  externalUserId: string;
  addTag: string[];
  removeTag: string[];
}

/** WeCom answers `{errcode, errmsg}`; errcode 0 is success. */
export interface WecomResult {
  errcode: number;
  errmsg: string;
}

export interface WecomCallMeta {
  jobId: string;
  openid: string;
}

export interface WecomPort {
  readonly mode: 'corp-api' | 'local-recorder';
  /** The customer's WeCom contact, or null when they are not one (never added a staff member). */
  resolveContact(customer: { openid: string; unionid?: string }): Promise<WecomContact | null>;
  /** externalcontact/mark_tag. Idempotent on WeCom's side: adding a tag the contact has changes nothing. */
  markTag(req: MarkTagRequest, meta: WecomCallMeta): Promise<WecomResult>;
}

export const wecomContactIdOf = (openid: string) => `wcc_${openid}`;
