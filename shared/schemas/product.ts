import { z } from 'zod';
import { nonNegativeFenSchema, positiveFenSchema } from '../money/fen';

export const PRODUCT_KINDS = ['regular', 'trial'] as const;
export type ProductKind = (typeof PRODUCT_KINDS)[number];
export const PRODUCT_KIND_LABELS: Readonly<Record<ProductKind, string>> = { regular: '正装', trial: '体验装' };
export const PRODUCT_STATUSES = ['active', 'archived'] as const;
export const PRODUCT_STATUS_LABELS: Readonly<Record<(typeof PRODUCT_STATUSES)[number], string>> = { active: '在售', archived: '已下架' };

export const productIdSchema = z.string().regex(/^prd_[A-Za-z0-9_-]{1,40}$/, '商品编号格式不正确');

/** A CloudBase storage file id (`cloud://<env>.<bucket>/<path>`): what a product keeps for each image. */
export const fileIdSchema = z.string().max(500).regex(/^cloud:\/\/[^/\s]+\/\S.*$/, '图片须先上传到云存储（cloud:// 文件 ID）');

/** At most this many images per product (the first one is the cover). */
export const MAX_PRODUCT_IMAGES = 9;

/** A product as stored in the `products` collection. */
export const productSchema = z
  .object({
    _id: productIdSchema,
    name: z.string().min(1).max(60),
    description: z.string().max(2000).default(''),
    kind: z.enum(PRODUCT_KINDS),
    category: z.string().min(1).max(20).default('全部'),
    /** Legacy/external image URL (seed data); operator uploads go to `images`. */
    imageUrl: z.string().max(500).optional(),
    /** Cloud storage file ids, cover first; customers get temp URLs for them (catalog.list). */
    images: z.array(fileIdSchema).max(MAX_PRODUCT_IMAGES).default([]),
    /** Units left for sale; absent = not tracked (unlimited). Reserved by orders, released on cancel/expiry. */
    stock: z.number().int().min(0).optional(),
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
    status: z.enum(PRODUCT_STATUSES).default('active'),
    sort: z.number().int().default(100),
    /** Bumped by every operator edit (not by stock movements): a stale edit is refused with CONFLICT. */
    revision: z.number().int().min(0).default(0),
    createdAt: z.number().int(),
    updatedAt: z.number().int(),
    updatedBy: z.string().max(64).optional(),
    archivedAt: z.number().int().optional(),
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
  /** Physical goods are shipped or picked up (checkout asks how); virtual ones are delivered on payment. */
  physical: boolean;
  imageUrl?: string;
  priceFen: number;
  memberPriceFen?: number;
  fullProductId?: string;
  memberEarlyAccessUntil?: number;
  /** Temp URLs of the product's images, cover first (present when it has uploaded images). */
  images?: string[];
  /** Stock is tracked and none is left. */
  soldOut?: boolean;
  /** Units left, told only when few are (≤ LOW_STOCK_UNITS): 仅剩 3 件. */
  stockLeft?: number;
}

/** At or below this many units the product page says how many are left (more is nobody's business). */
export const LOW_STOCK_UNITS = 10;

/** What customers see, without uploaded images resolved (see toPublicProductWithImages). */
export const toPublicProduct = (p: Product): PublicProduct => toPublicProductWithImages(p, new Map());

/**
 * `urls` maps image file ids to temp URLs (the server resolves them; an image it could not resolve
 * is left out rather than shown broken). `imageUrl` is the cover: the first image, else the legacy URL.
 */
export const toPublicProductWithImages = (p: Product, urls: ReadonlyMap<string, string>): PublicProduct => {
  const out: PublicProduct = {
    _id: p._id,
    name: p.name,
    description: p.description,
    kind: p.kind,
    category: p.category,
    physical: p.physical,
    priceFen: p.priceFen,
  };
  const images = p.images.map((id) => urls.get(id)).filter((u): u is string => !!u);
  if (images.length) {
    out.images = images;
    out.imageUrl = images[0];
  } else if (p.imageUrl) out.imageUrl = p.imageUrl;
  if (p.stock === 0) out.soldOut = true;
  else if (p.stock !== undefined && p.stock <= LOW_STOCK_UNITS) out.stockLeft = p.stock;
  if (p.memberPriceFen !== undefined) out.memberPriceFen = p.memberPriceFen;
  if (p.fullProductId) out.fullProductId = p.fullProductId;
  if (p.memberEarlyAccessUntil !== undefined) out.memberEarlyAccessUntil = p.memberEarlyAccessUntil;
  return out;
};
