import type { Settings } from './index';
import type { BannerTarget } from './storefront';

/** What customers may see (catalog.settings): no operator lists, no costs. */
export interface PublicSettings {
  membershipPlans: Array<{ id: string; name: string; priceFen: number; termDays: number; benefits: string[]; giftPack?: { name: string; valueFen: number; items: string[] } }>;
  topUpPlans: Array<{ id: string; principalFen: number; bonusFen: number }>;
  customTopUp: { enabled: boolean; minFen: number; maxFen: number };
  namedBalanceCapFen: number;
  refundWindowDays: number;
  cardTerms: { version: string; text: string };
  tiers: Array<{ thresholdFen: number; gift: { id: string; name: string; valueFen: number; items: string[] } }>;
  /** 首页横幅, present while the operator has it enabled. */
  homeBanner?: { title: string; subtitle: string; target: BannerTarget; productId?: string };
}

export const toPublicSettings = (s: Settings): PublicSettings => ({
  ...(s.homeBanner.enabled ? { homeBanner: { title: s.homeBanner.title, subtitle: s.homeBanner.subtitle, target: s.homeBanner.target, ...(s.homeBanner.productId ? { productId: s.homeBanner.productId } : {}) } } : {}),
  membershipPlans: s.membershipPlans
    .filter((p) => p.active)
    .map((p) => ({
      id: p.id,
      name: p.name,
      priceFen: p.priceFen,
      termDays: p.termDays,
      benefits: p.benefits,
      ...(p.giftPack ? { giftPack: { name: p.giftPack.name, valueFen: p.giftPack.valueFen, items: p.giftPack.items } } : {}),
    })),
  topUpPlans: s.topUpPlans.filter((p) => p.active).map((p) => ({ id: p.id, principalFen: p.principalFen, bonusFen: p.bonusFen })),
  customTopUp: s.customTopUp,
  namedBalanceCapFen: s.namedBalanceCapFen,
  refundWindowDays: s.refundWindowDays,
  cardTerms: s.cardTerms,
  tiers: s.tiers.map((t) => ({ thresholdFen: t.thresholdFen, gift: { id: t.gift.id, name: t.gift.name, valueFen: t.gift.valueFen, items: t.gift.items } })),
});
