import { makeAutoObservable, runInAction } from 'mobx';
import { userMessage } from '@shared/errors/messages';
import type { ClaimableView, CouponDisplayStatus, CouponService, CouponView } from '../../../services/coupon';
import type { IntentIds } from '../../../services/request-id';
import { useStores } from '../../../stores/context';
import { Loader, readBoth } from '../../../stores/loader';
import type { Resettable, RootStore } from '../../../stores/root-store';
import { failure, success, type Notice } from '../../../stores/notice';

export type CouponTab = 'available' | 'used' | 'expired';

export const COUPON_TABS: Array<{ tab: CouponTab; label: string; empty: string }> = [
  { tab: 'available', label: '可使用', empty: '暂无可用的优惠券，可在上方领券。' },
  { tab: 'used', label: '已使用', empty: '还没有用过优惠券。' },
  { tab: 'expired', label: '已过期', empty: '没有过期或失效的优惠券。' },
];

const TAB_OF: Readonly<Record<CouponDisplayStatus, CouponTab>> = {
  available: 'available',
  'not-started': 'available',
  reserved: 'available',
  used: 'used',
  expired: 'expired',
  void: 'expired',
};

/**
 * 我的优惠券 (packages/coupons): the coupons the customer holds, by tab, and the published ones
 * they may still claim. Claiming is one intent per template and count held, so a double tap or a
 * lost reply claims once; the server's limits and stock decide, and its message is shown.
 */
export class MyCouponsStore implements Resettable {
  tab: CouponTab = 'available';
  coupons: CouponView[] = [];
  claimables: ClaimableView[] = [];
  loading = false;
  loaded = false;
  error: string | undefined = undefined;
  notice: Notice | undefined = undefined;
  claimingId: string | undefined = undefined;
  private readonly loader = new Loader(this);

  constructor(
    private readonly service: CouponService,
    private readonly intents: IntentIds,
    /** After a claim: the checkout's quote must ask again (a new coupon may apply). */
    private readonly onClaimed: () => void = () => undefined,
  ) {
    makeAutoObservable<MyCouponsStore, 'service' | 'intents' | 'loader' | 'onClaimed'>(this, { service: false, intents: false, loader: false, onClaimed: false });
  }

  get shown(): CouponView[] {
    return this.coupons.filter((c) => TAB_OF[c.status] === this.tab);
  }

  count(tab: CouponTab): number {
    return this.coupons.filter((c) => TAB_OF[c.status] === tab).length;
  }

  async load(): Promise<void> {
    await this.loader.load(
      () => readBoth(this.service.mine(), this.service.claimable()),
      ([mine, open]) => {
        this.coupons = mine.coupons;
        this.claimables = open.templates;
      },
    );
  }

  ensureLoaded(): Promise<void> {
    return this.loader.ensureLoaded(() => this.load());
  }

  setTab(tab: CouponTab): void {
    this.tab = tab;
  }

  dismissNotice(): void {
    this.notice = undefined;
  }

  async claim(templateId: string): Promise<void> {
    const t = this.claimables.find((x) => x.templateId === templateId);
    if (!t || !t.canClaim || this.claimingId) return;
    const intent = `coupon-claim:${templateId}:${t.claimedCount}`;
    this.claimingId = templateId;
    this.notice = undefined;
    try {
      const reply = await this.service.claim(templateId, this.intents.idFor(intent, 'clm'));
      this.intents.settleUnlessUnknown(intent, reply);
      runInAction(() => {
        this.notice = reply.ok
          ? success(`已领取「${reply.data.coupon.name}」，下单时会自动为您选用最省的券。`)
          : failure(userMessage(reply.error.code, reply.error.message));
        if (reply.ok) this.tab = 'available';
      });
      if (reply.ok) this.onClaimed();
      await this.load();
    } finally {
      runInAction(() => (this.claimingId = undefined));
    }
  }

  reset(): void {
    this.loader.reset();
    this.tab = 'available';
    this.coupons = [];
    this.claimables = [];
    this.notice = undefined;
    this.claimingId = undefined;
  }
}

export const myCouponsOf = (root: RootStore): MyCouponsStore => root.extension('coupons-mine', (r) => new MyCouponsStore(r.services.coupon, r.intents, () => r.coupons.markStale()));

/** The coupon list of the app's RootStore (pages of packages/coupons). */
export function useMyCoupons(): MyCouponsStore {
  return myCouponsOf(useStores());
}
