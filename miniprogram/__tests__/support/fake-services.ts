import type { CallFunction } from '../../services/cloud';
import type { AddressFields } from '@shared/gifts/address-book';
import type { WechatAddressService } from '../../services/wechat-address';
import { createCampaignService } from '../../services/campaign';
import { createCartService } from '../../services/cart';
import { createFollowupService } from '../../services/followup';
import { createCatalogService } from '../../services/catalog';
import { createCouponService } from '../../services/coupon';
import { createCustomerService } from '../../services/customer';
import type { DeviceStorage } from '../../services/device-storage';
import type { DevIdentity } from '../../services/dev-identity';
import type { Services } from '../../services';
import { createMemberService } from '../../services/member';
import { createMembershipService } from '../../services/membership';
import { createMessagesService } from '../../services/messages';
import { createOpsService } from '../../services/ops';
import { createOrderService } from '../../services/order';
import type { CsvFileService, CsvWriter, SavedCsv } from '../../services/csv-file';
import { createSegmentService } from '../../services/segment';
import type { PayResult, PayService } from '../../services/pay';
import { createReportService } from '../../services/report';
import { createPrivacyService } from '../../services/privacy';
import type { PrivacyAuthService, PrivacyListener, PrivacySetting } from '../../services/privacy-auth';
import { createSettingsService } from '../../services/settings';
import { createWalletService } from '../../services/wallet';
import type { SubscribeAnswer, SubscribeService, SubscribeSheet } from '../../services/subscribe';
import type { UploadFile, UploadTarget } from '../../services/cloud';
import type { MediaService, PickedImage } from '../../services/media';
import type { CloudBackend } from './cloud-bridge';
import { envelopeSchema } from '@shared/errors/envelope';

/** A CallFunction over a test backend, checking every reply is an envelope (like the wx.cloud bridge). */
export function callOf(backend: CloudBackend): CallFunction {
  return (async (name: string, data: Record<string, unknown>) => {
    const reply = await backend(name, JSON.parse(JSON.stringify(data)));
    if (!envelopeSchema.safeParse(reply).success) throw new Error(`non-envelope reply from ${name}.${String(data.action)}`);
    return reply;
  }) as CallFunction;
}

export const memoryIdentity = (initial?: string): DevIdentity & { value?: string } => {
  const id: DevIdentity & { value?: string } = {
    value: initial,
    get: () => id.value,
    set: (v) => void (id.value = v),
    clear: () => void (id.value = undefined),
  };
  return id;
};

/** A PayService whose cashier the test scripts: each call takes the next result (default paid). */
export class ScriptedPay implements PayService {
  readonly calls: string[] = [];
  results: PayResult[] = [];
  /** Called when the cashier reports paid, before returning (e.g. deliver the payment callback). */
  onPaid: (outTradeNo: string) => void = () => undefined;
  async pay(payment: Parameters<PayService['pay']>[0]): Promise<PayResult> {
    this.calls.push(payment.outTradeNo);
    const r = this.results.shift() ?? { kind: 'paid' };
    if (r.kind === 'paid') this.onPaid(payment.outTradeNo);
    return r;
  }
}

/**
 * The storage upload primitive (services/cloud.ts `uploadFile`) faked at the service level: records
 * what it was asked to send and answers as scripted; `onUpload` lets the fake cloud learn the file
 * landed (what storage would then report to registerImage).
 */
export class FakeUpload {
  readonly calls: Array<{ target: UploadTarget; filePath: string }> = [];
  results: Array<{ ok: true } | { ok: false; message: string }> = [];
  onUpload: (target: UploadTarget, filePath: string) => void = () => undefined;
  readonly upload: UploadFile = async (target, filePath) => {
    this.calls.push({ target, filePath });
    const r = this.results.shift() ?? { ok: true };
    if (r.ok) this.onUpload(target, filePath);
    return r;
  };
}

/** The photo picker: each pick answers the next scripted list (default: nothing picked). */
export class FakeMedia implements MediaService {
  readonly calls: number[] = [];
  picks: PickedImage[][] = [];
  async pickImages(max: number): Promise<PickedImage[]> {
    this.calls.push(max);
    return (this.picks.shift() ?? []).slice(0, max);
  }
}

/** Device storage in memory: `values` is what the device would remember. */
export function memoryStorage(initial: Record<string, string> = {}): DeviceStorage & { values: Record<string, string> } {
  const values = { ...initial };
  return { values, get: (k) => values[k], set: (k, v) => void (values[k] = v) };
}

/**
 * Exported CSV files kept in memory (the platform file primitive faked at the service level):
 * `files` is what was written, page by page; `gate` (when set) holds every append until released,
 * so a test can look at an export in the middle.
 */
export class FakeCsvFiles implements CsvFileService {
  readonly files: Array<{ fileName: string; pages: string[]; state: 'open' | 'finished' | 'discarded' }> = [];
  readonly shared: SavedCsv[] = [];
  canShare = true;
  gate: Promise<void> | undefined = undefined;
  create(fileName: string): CsvWriter {
    const f = { fileName, pages: [] as string[], state: 'open' as 'open' | 'finished' | 'discarded' };
    this.files.push(f);
    return {
      append: async (text) => {
        await this.gate;
        f.pages.push(text);
      },
      finish: async () => {
        f.state = 'finished';
        return { where: 'device', fileName, path: `wxfile://usr/${fileName}` };
      },
      discard: async () => void (f.state = 'discarded'),
    };
  }
  async share(saved: SavedCsv) {
    this.shared.push(saved);
    return { ok: true as const };
  }
}

/**
 * The platform's subscription dialog faked at the service level: records each request; answers
 * with the next scripted answer, or — with none scripted — through the app's own sheet (`sheet`),
 * as the H5 build does.
 */
export class ScriptedSubscribe implements SubscribeService {
  readonly calls: string[][] = [];
  answers: SubscribeAnswer[] = [];
  async request(tmplIds: string[], sheet: SubscribeSheet): Promise<SubscribeAnswer> {
    this.calls.push(tmplIds);
    const scripted = this.answers.shift();
    if (scripted) return scripted;
    return { ok: true, results: (await sheet(tmplIds)) ?? {} };
  }
}

/** WeChat's privacy prompt faked at the service level: `need()` plays WeChat holding a privacy API call. */
export class FakePrivacyAuth implements PrivacyAuthService {
  listener: PrivacyListener | undefined;
  contractsOpened = 0;
  onNeed(listener: PrivacyListener): boolean {
    this.listener = listener;
    return true;
  }
  openContract(): void {
    this.contractsOpened++;
  }
  /** What wx.getPrivacySetting answers (scripted by a test). */
  privacySetting: PrivacySetting = { ok: false, reason: '浏览器中无法读取' };
  setting(): Promise<PrivacySetting> {
    return Promise.resolve(this.privacySetting);
  }
  /** WeChat asks; resolves with every answer the app gives (exposure first, then agree / disagree). */
  need(referrer = 'packages/ops/product-edit/index'): Array<{ event: string; buttonId?: string }> {
    const answers: Array<{ event: string; buttonId?: string }> = [];
    this.listener?.((r) => answers.push(r), { referrer });
    return answers;
  }
}

/** WeChat's address sheet faked at the service level: each call takes the next scripted pick (none = the customer closed it). */
export class FakeWechatAddress implements WechatAddressService {
  available = true;
  picks: Array<AddressFields | undefined> = [];
  calls = 0;
  choose(): Promise<AddressFields | undefined> {
    this.calls++;
    return Promise.resolve(this.picks.shift());
  }
}

/** Real service modules over a test backend (the layer below is what is faked). */
export function servicesOver(backend: CloudBackend, extra: Partial<Services> = {}): Services {
  const call = callOf(backend);
  return {
    platform: 'weapp',
    identity: memoryIdentity(),
    catalog: createCatalogService(call),
    cart: createCartService(call),
    followup: createFollowupService(call),
    coupon: createCouponService(call),
    customer: createCustomerService(call),
    membership: createMembershipService(call),
    member: createMemberService(call),
    ops: createOpsService(call),
    wallet: createWalletService(call),
    order: createOrderService(call),
    pay: new ScriptedPay(),
    settings: createSettingsService(call),
    report: createReportService(call),
    segment: createSegmentService(call),
    csvFile: new FakeCsvFiles(),
    upload: new FakeUpload().upload,
    media: new FakeMedia(),
    device: memoryStorage(),
    campaign: createCampaignService(call),
    messages: createMessagesService(call),
    subscribe: new ScriptedSubscribe(),
    privacy: createPrivacyService(call),
    privacyAuth: new FakePrivacyAuth(),
    wechatAddress: new FakeWechatAddress(),
    ...extra,
  };
}
