import { campaignApi } from './campaign';
import { cartApi } from './cart';
import { catalogApi } from './catalog';
import { couponApi } from './coupon';
import { followupApi } from './followup';
import { customerApi } from './customer';
import { memberApi } from './member';
import { membershipApi } from './membership';
import { messagesApi } from './messages';
import { opsApi } from './ops';
import { orderApi } from './order';
import { payCallbackApi } from './pay-callback';
import { privacyApi } from './privacy';
import { refundCallbackApi } from './refund-callback';
import { reportApi } from './report';
import { schedulerApi } from './scheduler';
import { segmentApi } from './segment';
import { settingsApi } from './settings';
import { walletApi } from './wallet';

/**
 * Every deployed function's contract by its deployed name (cloudbaserc.json). The fakes and the
 * API reference generator read this; the Mini Program imports single files (types only), so the
 * main package carries no schema it does not use.
 */
export const API = {
  catalog: catalogApi,
  order: orderApi,
  cart: cartApi,
  wallet: walletApi,
  membership: membershipApi,
  member: memberApi,
  coupon: couponApi,
  customer: customerApi,
  messages: messagesApi,
  privacy: privacyApi,
  campaign: campaignApi,
  segment: segmentApi,
  report: reportApi,
  settings: settingsApi,
  ops: opsApi,
  followup: followupApi,
  scheduler: schedulerApi,
  payCallback: payCallbackApi,
  refundCallback: refundCallbackApi,
};

export type FunctionName = keyof typeof API;
