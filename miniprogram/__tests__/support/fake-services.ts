import type { CallFunction } from '../../services/cloud';
import { createCatalogService } from '../../services/catalog';
import type { DevIdentity } from '../../services/dev-identity';
import type { Services } from '../../services';
import { createMemberService } from '../../services/member';
import { createMembershipService } from '../../services/membership';
import { createOpsService } from '../../services/ops';
import { createOrderService } from '../../services/order';
import type { PayResult, PayService } from '../../services/pay';
import { createSettingsService } from '../../services/settings';
import { createWalletService } from '../../services/wallet';
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

/** Real service modules over a test backend (the layer below is what is faked). */
export function servicesOver(backend: CloudBackend, extra: Partial<Services> = {}): Services {
  const call = callOf(backend);
  return {
    platform: 'weapp',
    identity: memoryIdentity(),
    catalog: createCatalogService(call),
    membership: createMembershipService(call),
    member: createMemberService(call),
    ops: createOpsService(call),
    wallet: createWalletService(call),
    order: createOrderService(call),
    pay: new ScriptedPay(),
    settings: createSettingsService(call),
    upload: new FakeUpload().upload,
    media: new FakeMedia(),
    ...extra,
  };
}
