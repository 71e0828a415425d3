import { z } from 'zod';
import { nonNegativeFenSchema, positiveFenSchema } from '../money/fen';

export const PRODUCT_KINDS = ['regular', 'trial'] as const;
export type ProductKind = (typeof PRODUCT_KINDS)[number];

export const productIdSchema = z.string().regex(/^prd_[A-Za-z0-9_-]{1,40}$/, '商品编号格式不正确');

/** A product as stored in the `products` collection. */
export const productSchema = z
  .object({
    _id: productIdSchema,
    name: z.string().min(1).max(60),
    description: z.string().max(2000).default(''),
    kind: z.enum(PRODUCT_KINDS),
    category: z.string().min(1).max(20).default('全部'),
    imageUrl: z.string().max(500).optional(),
    priceFen: positiveFenSchema,
    memberPriceFen: positiveFenSchema.optional(),
    /** Product cost for profit reports; never shown to customers. */
    costFen: nonNegativeFenSchema.default(0),
    /** Price never drops below this after member price / coupons. */
    floorFen: nonNegativeFenSchema.default(0),
    fullProductId: productIdSchema.optional(),
    memberEarlyAccessUntil: z.number().int().positive().optional(),
    refundWindowDays: z.number().int().min(0).max(365).optional(),
    physical: z.boolean().default(true),
    status: z.enum(['active', 'archived']).default('active'),
    sort: z.number().int().default(100),
    createdAt: z.number().int(),
    updatedAt: z.number().int(),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.memberPriceFen !== undefined && p.memberPriceFen > p.priceFen) {
      ctx.addIssue({ code: 'custom', path: ['memberPriceFen'], message: '会员价不能高于原价' });
    }
    if (p.floorFen > (p.memberPriceFen ?? p.priceFen)) {
      ctx.addIssue({ code: 'custom', path: ['floorFen'], message: '最低成交价不能高于售价' });
    }
    if (p.kind === 'trial' && !p.fullProductId) {
      ctx.addIssue({ code: 'custom', path: ['fullProductId'], message: '体验装必须关联正装商品' });
    }
    if (p.kind === 'regular' && p.fullProductId) {
      ctx.addIssue({ code: 'custom', path: ['fullProductId'], message: '只有体验装可以关联正装商品' });
    }
  });

export type Product = z.infer<typeof productSchema>;

/** What customers see (API.md catalog.list): no cost, no floor. */
export interface PublicProduct {
  _id: string;
  name: string;
  description: string;
  kind: ProductKind;
  category: string;
  imageUrl?: string;
  priceFen: number;
  memberPriceFen?: number;
  fullProductId?: string;
  memberEarlyAccessUntil?: number;
}

export const toPublicProduct = (p: Product): PublicProduct => {
  const out: PublicProduct = {
    _id: p._id,
    name: p.name,
    description: p.description,
    kind: p.kind,
    category: p.category,
    priceFen: p.priceFen,
  };
  if (p.imageUrl) out.imageUrl = p.imageUrl;
  if (p.memberPriceFen !== undefined) out.memberPriceFen = p.memberPriceFen;
  if (p.fullProductId) out.fullProductId = p.fullProductId;
  if (p.memberEarlyAccessUntil !== undefined) out.memberEarlyAccessUntil = p.memberEarlyAccessUntil;
  return out;
};
