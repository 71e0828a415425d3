import { idFromKey } from '../_kit/ids';

/**
 * A coupon's id IS its issuance's idempotency: the same (template, customer, issue key) always
 * names the same document, so a retried claim or a re-launched campaign finds what it issued.
 */
export const couponIdFor = (templateId: string, openid: string, issueKey: string) => idFromKey('cpn', templateId, openid, issueKey);

/** A template created by an operator's request (a retried create hits the same template). */
export const templateIdFor = (by: string, requestId: string) => idFromKey('cpt', by, requestId);

/** Issued count of a template with a total quantity — one document every issuance writes. */
export const quantityCounterIdOf = (templateId: string) => `cpq_${templateId}`;

/** Issued count of a template for one customer (the per-customer limit). */
export const customerCounterIdOf = (templateId: string, openid: string) => idFromKey('cpu', templateId, openid);

export interface CounterDoc {
  _id: string;
  templateId: string;
  openid?: string;
  issued: number;
  updatedAt: number;
  version: number;
}
