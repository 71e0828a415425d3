import { createCloudBridge, type CloudBackend, type CloudBridge } from './cloud-bridge';
import { moneyCloud, type MoneyCloud } from './money-cloud';
import { ensureWeappBuild } from './weapp-build';
import { bootWeapp, type BootedWeapp, type SimulatedComponent } from './weapp-shim';

type WxCallback = (res: { errMsg: string }) => void;
interface PaymentOptions {
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: string;
  paySign: string;
  success?: WxCallback;
  fail?: WxCallback;
  complete?: WxCallback;
}

/**
 * WeChat's cashier for the weapp build under simulate: `wx.requestPayment` records the params the
 * app passed and answers as scripted — 'paid' first delivers the payment callback to the money
 * model (as WeChat Pay does before the cashier closes), 'cancel' is the customer closing it.
 */
export class FakeCashier {
  readonly requests: Array<Omit<PaymentOptions, 'success' | 'fail' | 'complete'>> = [];
  script: Array<'paid' | 'cancel' | 'fail'> = [];

  constructor(private readonly cloud: MoneyCloud) {}

  readonly requestPayment = (opts: PaymentOptions) => {
    const { success, fail, complete, ...params } = opts;
    this.requests.push(params);
    const next = this.script.shift() ?? 'paid';
    setTimeout(() => {
      if (next === 'paid') {
        const handle = this.cloud.lastPayment();
        if (handle && `prepay_id=wx${handle.outTradeNo}` === params.package) this.cloud.completePayment(handle.outTradeNo);
        const res = { errMsg: 'requestPayment:ok' };
        success?.(res);
        complete?.(res);
      } else {
        const res = { errMsg: next === 'cancel' ? 'requestPayment:fail cancel' : 'requestPayment:fail system error' };
        fail?.(res);
        complete?.(res);
      }
    }, 0);
  };
}

/** WeChat's photo picker: each call takes the next scripted list of files (default: the picker is closed). */
export class FakePicker {
  picks: Array<Array<{ tempFilePath: string; size: number }>> = [];
  readonly chooseMedia = (opts: { success?: (res: unknown) => void; fail?: (res: unknown) => void; complete?: (res: unknown) => void }) => {
    const next = this.picks.shift();
    setTimeout(() => {
      if (!next) {
        const res = { errMsg: 'chooseMedia:fail cancel' };
        opts.fail?.(res);
        opts.complete?.(res);
        return;
      }
      const res = { type: 'image', tempFiles: next.map((f) => ({ ...f, fileType: 'image' })), errMsg: 'chooseMedia:ok' };
      opts.success?.(res);
      opts.complete?.(res);
    }, 0);
  };
}

export interface MoneyWeapp {
  app: BootedWeapp;
  picker: FakePicker;
  cloud: MoneyCloud;
  bridge: CloudBridge;
  cashier: FakeCashier;
  /** Swap the backend (e.g. offline) — read on every call. */
  setBackend(b: CloudBackend): void;
  /** Data of every call to `fn.action`, in order. */
  callsOf(key: string): Array<Record<string, unknown>>;
}

/** The weapp build in simulate with the money model behind wx.cloud and a scripted cashier. */
export function bootMoneyWeapp(launchPath: string, opts: { pageSize?: number } = {}): MoneyWeapp {
  ensureWeappBuild();
  const cloud = moneyCloud({ provider: 'cloudpay', pageSize: opts.pageSize });
  let backend: CloudBackend = cloud.backend;
  const bridge = createCloudBridge(() => backend);
  const app = bootWeapp(bridge, launchPath);
  const cashier = new FakeCashier(cloud);
  const picker = new FakePicker();
  // Taro looks wx.requestPayment up on every call, so replacing simulate's stub after boot works.
  (globalThis as unknown as { wx: Record<string, unknown> }).wx.requestPayment = cashier.requestPayment;
  (globalThis as unknown as { wx: Record<string, unknown> }).wx.chooseMedia = picker.chooseMedia;
  // What wx.cloud.uploadFile put in storage is what the fake ops function can then register.
  bridge.onUpload = (cloudPath) => {
    const fileID = `cloud://sim-env.bucket/${cloudPath}`;
    cloud.ops.storeFile(fileID, cloudPath.endsWith('.png') ? 'image/png' : 'image/jpeg', 100_000);
    return fileID;
  };
  return {
    app,
    picker,
    cloud,
    bridge,
    cashier,
    setBackend: (b) => void (backend = b),
    callsOf: (key) => bridge.calls.filter((c) => `${c.name}.${String(c.data.action)}` === key).map((c) => c.data),
  };
}

export const textOf = (c: SimulatedComponent | undefined) => c?.dom.textContent ?? '';
