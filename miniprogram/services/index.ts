import { createCatalogService, type CatalogService } from './catalog';
import { callFunction, uploadFile, type UploadFile } from './cloud';
import { devIdentity, type DevIdentity } from './dev-identity';
import { createMemberService, type MemberService } from './member';
import { mediaService, type MediaService } from './media';
import { createMembershipService, type MembershipService } from './membership';
import { createOpsService, type OpsService } from './ops';
import { createOrderService, type OrderService } from './order';
import { createPayService, type PayService } from './pay';
import { createSettingsService, type SettingsService } from './settings';
import { createWalletService, type WalletService } from './wallet';

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
  identity: DevIdentity;
  membership: MembershipService;
  member: MemberService;
  ops: OpsService;
  wallet: WalletService;
  order: OrderService;
  pay: PayService;
  settings: SettingsService;
  /** Cloud storage upload (the platform primitive from cloud.ts). */
  upload: UploadFile;
  /** The photo picker. */
  media: MediaService;
}

export const createServices = (): Services => ({
  platform: process.env.TARO_ENV === 'h5' ? 'h5' : 'weapp',
  catalog: createCatalogService(callFunction),
  identity: process.env.TARO_ENV === 'h5' ? devIdentity : platformIdentity,
  membership: createMembershipService(callFunction),
  member: createMemberService(callFunction),
  ops: createOpsService(callFunction),
  wallet: createWalletService(callFunction),
  order: createOrderService(callFunction),
  pay: createPayService(),
  settings: createSettingsService(callFunction),
  upload: uploadFile,
  media: mediaService,
});
