import { z } from 'zod';
import { productIdSchema } from '../schemas/product';

/** Where the home banner leads when tapped. */
export const BANNER_TARGETS = ['coupons', 'member', 'product'] as const;
export type BannerTarget = (typeof BANNER_TARGETS)[number];
export const BANNER_TARGET_LABELS: Readonly<Record<BannerTarget, string>> = { coupons: '领券中心', member: '会员页', product: '指定商品' };

/**
 * 首页横幅: one slot on 首页 the operator fills (a new product, a coupon drive, the membership),
 * shown to everyone while enabled. Text only: it draws in the store's own colours, so it never
 * looks broken for want of a picture.
 */
export const homeBannerSchema = z
  .object({
    enabled: z.boolean(),
    title: z.string().trim().max(24, '横幅标题最多 24 个字'),
    subtitle: z.string().trim().max(40, '横幅副标题最多 40 个字').default(''),
    target: z.enum(BANNER_TARGETS),
    productId: productIdSchema.optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.enabled && !b.title) ctx.addIssue({ code: 'custom', path: ['title'], message: '开启横幅须填写标题' });
    if (b.target === 'product' && !b.productId) ctx.addIssue({ code: 'custom', path: ['productId'], message: '跳转到指定商品须选择商品' });
  });

export type HomeBanner = z.infer<typeof homeBannerSchema>;

export const storefrontSettings = {
  homeBanner: homeBannerSchema.default({ enabled: false, title: '', subtitle: '', target: 'coupons' }),
};
