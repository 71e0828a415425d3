import type { CallFunction } from '../../services/cloud';
import { createCatalogService } from '../../services/catalog';
import type { DevIdentity } from '../../services/dev-identity';
import type { Services } from '../../services';
import { createMemberService } from '../../services/member';
import { createMembershipService } from '../../services/membership';
import { createOpsService } from '../../services/ops';
import { createOrderService } from '../../services/order';
import type { PayResult, PayService } from '../../services/pay';
import { createWalletService } from '../../services/wallet';
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
    ...extra,
  };
}
