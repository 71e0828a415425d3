import { makeAutoObservable, runInAction } from 'mobx';
import type { AddressFields, CustomerService, SavedAddress } from '../services/customer';
import type { WechatAddressService } from '../services/wechat-address';
import { Loader } from './loader';

/**
 * 常用收货地址 for the delivery form (checkout, the welcome pack, tier gifts). The server fills the
 * book from what orders and gift claims really used, so the form loads it every time it opens; a
 * failed load leaves the form as it was (the customer types the address). WeChat's own address
 * sheet (weapp only) is reached through here too.
 */
export class AddressBookStore {
  addresses: SavedAddress[] = [];
  loading = false;
  loaded = false;
  error: string | undefined = undefined;
  /** The address being removed (its list row is disabled meanwhile). */
  removing: AddressFields | undefined = undefined;
  private readonly loader = new Loader(this);

  constructor(
    private readonly service: CustomerService,
    private readonly wechat: WechatAddressService,
  ) {
    makeAutoObservable<AddressBookStore, 'service' | 'wechat' | 'loader'>(this, { service: false, wechat: false, loader: false });
  }

  /** The most recently used address: what 快递到家 starts with. */
  get latest(): SavedAddress | undefined {
    return this.addresses[0];
  }

  /** Whether 「使用微信收货地址」 is offered (the weapp build only). */
  get wechatAvailable(): boolean {
    return this.wechat.available;
  }

  async load(): Promise<void> {
    await this.loader.load(() => this.service.addresses(), (v) => (this.addresses = v.addresses));
  }

  /** Takes one out of the book; a failure keeps the list as it was. */
  async remove(a: AddressFields): Promise<void> {
    this.removing = a;
    try {
      const r = await this.service.removeAddress(a);
      runInAction(() => {
        if (r.ok) this.addresses = r.data.addresses;
      });
    } finally {
      runInAction(() => (this.removing = undefined));
    }
  }

  /** WeChat's address sheet; undefined when the customer closed it (nothing changes). */
  chooseWechat(): Promise<AddressFields | undefined> {
    return this.wechat.choose();
  }

  reset(): void {
    this.loader.reset();
    this.addresses = [];
    this.removing = undefined;
  }
}
