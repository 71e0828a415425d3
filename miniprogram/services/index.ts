import { createCampaignService, type CampaignService } from './campaign';
import { createCartService, type CartService } from './cart';
import { createFollowupService, type FollowupService } from './followup';
import { createCatalogService, type CatalogService } from './catalog';
import { callFunction, uploadFile, type UploadFile } from './cloud';
import { createCouponService, type CouponService } from './coupon';
import { csvFileService, type CsvFileService } from './csv-file';
import { createCustomerService, type CustomerService } from './customer';
import { deviceStorage, type DeviceStorage } from './device-storage';
import { devIdentity, type DevIdentity } from './dev-identity';
import { createMemberService, type MemberService } from './member';
import { mediaService, type MediaService } from './media';
import { createMembershipService, type MembershipService } from './membership';
import { createMessagesService, type MessagesService } from './messages';
import { createOpsService, type OpsService } from './ops';
import { createOrderService, type OrderService } from './order';
import { createSegmentService, type SegmentService } from './segment';
import { createPayService, type PayService } from './pay';
import { createPrivacyService, type PrivacyService } from './privacy';
import { privacyAuthService, type PrivacyAuthService } from './privacy-auth';
import { createReportService, type ReportService } from './report';
import { createSettingsService, type SettingsService } from './settings';
import { createSubscribeService, type SubscribeService } from './subscribe';
import { createWalletService, type WalletService } from './wallet';
import { wechatAddressService, type WechatAddressService } from './wechat-address';

/** On weapp WeChat supplies the identity: there is no dev openid to read or choose. */
const platformIdentity: DevIdentity = {
  get: () => undefined,
  set: () => {
    throw new Error('dev login is only available in the H5 build');
  },
  clear: () => undefined,
};

export type Platform = 'weapp' | 'h5';

/** Everything stores talk to. Tests pass fakes of these services, never of the SDK. */
export interface Services {
  platform: Platform;
  catalog: CatalogService;
  /** The customer's cart (kept on the server across sessions). */
  cart: CartService;
  /** Coupons: mine, claim, the checkout quote, operators' templates. */
  coupon: CouponService;
  /** The customer's own interactions: daily visit, onboarding survey. */
  customer: CustomerService;
  identity: DevIdentity;
  membership: MembershipService;
  member: MemberService;
  ops: OpsService;
  wallet: WalletService;
  order: OrderService;
  pay: PayService;
  settings: SettingsService;
  /** 经营报表 (operators). */
  report: ReportService;
  /** Customer segments (operator console). */
  segment: SegmentService;
  /** Where an exported CSV goes (H5 download / file on the phone). */
  csvFile: CsvFileService;
  /** Cloud storage upload (the platform primitive from cloud.ts). */
  upload: UploadFile;
  /** The photo picker. */
  media: MediaService;
  /** Notes this device keeps for itself (e.g. the welcome was put off today). */
  device: DeviceStorage;
  /** 营销活动 (operators). */
  campaign: CampaignService;
  /** 一对一跟进 (跟进专员 and operators). */
  followup: FollowupService;
  /** Subscription grants and the customer's inbox. */
  messages: MessagesService;
  /** The platform's subscription dialog (WeChat's, or the H5 stand-in). */
  subscribe: SubscribeService;
  /** 隐私与数据: what we hold, export, deleting the account. */
  privacy: PrivacyService;
  /** WeChat's privacy authorization prompt (weapp; a no-op on H5). */
  privacyAuth: PrivacyAuthService;
  /** WeChat's address sheet (wx.chooseAddress; weapp only). */
  wechatAddress: WechatAddressService;
}

export const createServices = (): Services => ({
  platform: process.env.TARO_ENV === 'h5' ? 'h5' : 'weapp',
  catalog: createCatalogService(callFunction),
  cart: createCartService(callFunction),
  followup: createFollowupService(callFunction),
  coupon: createCouponService(callFunction),
  customer: createCustomerService(callFunction),
  identity: process.env.TARO_ENV === 'h5' ? devIdentity : platformIdentity,
  membership: createMembershipService(callFunction),
  member: createMemberService(callFunction),
  ops: createOpsService(callFunction),
  wallet: createWalletService(callFunction),
  order: createOrderService(callFunction),
  pay: createPayService(),
  settings: createSettingsService(callFunction),
  report: createReportService(callFunction),
  segment: createSegmentService(callFunction),
  csvFile: csvFileService,
  upload: uploadFile,
  media: mediaService,
  device: deviceStorage,
  campaign: createCampaignService(callFunction),
  messages: createMessagesService(callFunction),
  subscribe: createSubscribeService(),
  privacy: createPrivacyService(callFunction),
  privacyAuth: privacyAuthService,
  wechatAddress: wechatAddressService,
});
