import { z } from 'zod';
import { formatYuan } from '../money/format';
import { nonNegativeFenSchema, positiveFenSchema } from '../money/fen';
import { formatDateTime, DAY_MS } from '../time';
import { fileIdSchema, MAX_PRODUCT_IMAGES, PRODUCT_KINDS, productIdSchema, type Product } from '../schemas/product';
import type { Issue } from '../schemas/issues';

/**
 * What an operator submits when creating or editing a product (ops.saveProduct `product`): the
 * editable fields only. Ids, timestamps, revision, status and stock are the server's (stock moves
 * through ops.setStock so an edit form can never overwrite units sold meanwhile). `null` clears an
 * optional field, so a form can send every field every time.
 */
export const productInputSchema = z
  .object({
    name: z.string().trim().min(1, '请填写商品名称').max(60, '商品名称最多 60 个字'),
    description: z.string().trim().max(2000, '商品描述最多 2000 个字').default(''),
    kind: z.enum(PRODUCT_KINDS),
    category: z.string().trim().min(1, '请填写分类').max(20, '分类最多 20 个字').default('全部'),
    images: z.array(fileIdSchema).max(MAX_PRODUCT_IMAGES, `最多 ${MAX_PRODUCT_IMAGES} 张图片`).default([]),
    priceFen: positiveFenSchema,
    memberPriceFen: positiveFenSchema.nullable().optional(),
    costFen: nonNegativeFenSchema.default(0),
    floorFen: nonNegativeFenSchema.default(0),
    fullProductId: productIdSchema.nullable().optional(),
    memberEarlyAccessUntil: z.number().int().positive().nullable().optional(),
    refundWindowDays: z.number().int().min(0, '退款天数不能为负').max(365, '无理由退款最长 365 天').nullable().optional(),
    physical: z.boolean().default(true),
    sort: z.number().int().min(-1_000_000).max(1_000_000).default(100),
  })
  .strict();

export type ProductInput = z.infer<typeof productInputSchema>;

/** The input with `null`s dropped: the editable part of a stored product. */
export type ProductFields = Omit<ProductInput, 'memberPriceFen' | 'fullProductId' | 'memberEarlyAccessUntil' | 'refundWindowDays'> & {
  memberPriceFen?: number;
  fullProductId?: string;
  memberEarlyAccessUntil?: number;
  refundWindowDays?: number;
};

export function normalizeProductInput(p: ProductInput): ProductFields {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(p)) if (v !== null && v !== undefined) out[k] = v;
  return out as ProductFields;
}

/** The other products a rule needs to look at (read by the server, passed in: this file does no I/O). */
export interface ProductRuleContext {
  now: number;
  /** The product's id when editing (undefined when creating). */
  productId?: string;
  /** The stored product before this edit. */
  previous?: Pick<Product, 'memberEarlyAccessUntil'> | null;
  /** The full product a trial links to (null: it does not exist). */
  fullProduct?: Pick<Product, '_id' | 'name' | 'kind' | 'status' | 'priceFen'> | null;
  /** Active trials that link to this product as their full product (when editing a regular product). */
  linkedTrials?: Array<Pick<Product, '_id' | 'name' | 'priceFen'>>;
}

const yuan = (fen: number) => formatYuan(fen, { trimZeros: false });
/** How far ahead a members-only window may reach. */
export const MAX_EARLY_ACCESS_DAYS = 365;

/**
 * The catalog's business rules beyond field shapes (the validation table of the operator form):
 * member price ≤ list price, floor ≤ every selling price, a trial links to an active regular
 * product and costs less than it, a full product never drops to or below its trials' price, an
 * early-access window lies in the future. Messages are Chinese and say what to change.
 */
export function productRuleIssues(p: ProductFields, ctx: ProductRuleContext): Issue[] {
  const issues: Issue[] = [];
  const add = (path: string, message: string) => issues.push({ path, message, code: 'custom' });

  if (p.memberPriceFen !== undefined && p.memberPriceFen > p.priceFen) {
    add('memberPriceFen', `会员价（${yuan(p.memberPriceFen)}）不能高于原价（${yuan(p.priceFen)}）`);
  }
  const lowest = Math.min(p.priceFen, p.memberPriceFen ?? p.priceFen);
  if (p.floorFen > lowest) {
    add('floorFen', `最低成交价（${yuan(p.floorFen)}）不能高于${p.memberPriceFen !== undefined && p.memberPriceFen < p.priceFen ? '会员价' : '原价'}（${yuan(lowest)}）`);
  }

  if (p.kind === 'trial') {
    if (!p.fullProductId) add('fullProductId', '体验装必须关联一个正装商品');
    else if (p.fullProductId === ctx.productId) add('fullProductId', '体验装不能关联自己，请选择正装商品');
    else if (!ctx.fullProduct) add('fullProductId', `关联的正装商品（${p.fullProductId}）不存在`);
    else if (ctx.fullProduct.kind !== 'regular') add('fullProductId', `「${ctx.fullProduct.name}」本身是体验装，请关联正装商品`);
    else if (ctx.fullProduct.status !== 'active') add('fullProductId', `关联的正装商品「${ctx.fullProduct.name}」已下架，请先上架或另选正装`);
    else if (p.priceFen >= ctx.fullProduct.priceFen) {
      add('priceFen', `体验装价格（${yuan(p.priceFen)}）必须低于正装「${ctx.fullProduct.name}」的价格（${yuan(ctx.fullProduct.priceFen)}）`);
    }
  } else {
    if (p.fullProductId) add('fullProductId', '只有体验装可以关联正装商品');
  }

  const trials = ctx.linkedTrials ?? [];
  if (trials.length && p.kind === 'trial') {
    add('kind', `已有体验装（${trials.map((t) => `「${t.name}」`).join('、')}）关联此商品，不能改为体验装`);
  } else {
    for (const t of trials) {
      if (t.priceFen >= p.priceFen) add('priceFen', `原价（${yuan(p.priceFen)}）必须高于关联体验装「${t.name}」的价格（${yuan(t.priceFen)}）`);
    }
  }

  const until = p.memberEarlyAccessUntil;
  if (until !== undefined && until !== ctx.previous?.memberEarlyAccessUntil) {
    if (until <= ctx.now) add('memberEarlyAccessUntil', `会员抢先购截止时间（${formatDateTime(until)}）必须晚于现在`);
    else if (until > ctx.now + MAX_EARLY_ACCESS_DAYS * DAY_MS) add('memberEarlyAccessUntil', `会员抢先购最长 ${MAX_EARLY_ACCESS_DAYS} 天`);
  }

  const seen = new Set<string>();
  p.images.forEach((img, i) => {
    if (seen.has(img)) add(`images.${i}`, `第 ${i + 1} 张图片与前面的重复`);
    seen.add(img);
  });
  return issues;
}

/**
 * Allowed but worth a second look (shown after saving, never blocking): selling below cost is a
 * choice a trial may make on purpose, and reports will show the loss.
 */
export function productWarnings(p: ProductFields): string[] {
  const out: string[] = [];
  if (p.costFen > 0 && p.priceFen < p.costFen) out.push(`售价 ${yuan(p.priceFen)} 低于成本 ${yuan(p.costFen)}，每卖出一件亏损 ${yuan(p.costFen - p.priceFen)}`);
  else if (p.costFen > 0 && p.memberPriceFen !== undefined && p.memberPriceFen < p.costFen) out.push(`会员价 ${yuan(p.memberPriceFen)} 低于成本 ${yuan(p.costFen)}`);
  if (p.costFen > 0 && p.floorFen > 0 && p.floorFen < p.costFen && p.priceFen >= p.costFen) out.push(`最低成交价 ${yuan(p.floorFen)} 低于成本 ${yuan(p.costFen)}，叠加优惠后可能亏本`);
  if (p.images.length === 0) out.push('还没有商品图片，建议至少上传一张封面图');
  return out;
}

/** Archiving a full product would strand its active trials (their conversion target disappears). */
export function archiveIssues(product: Pick<Product, 'name'>, linkedActiveTrials: Array<Pick<Product, 'name'>>): Issue[] {
  if (!linkedActiveTrials.length) return [];
  return [{ path: '', code: 'custom', message: `「${product.name}」是体验装 ${linkedActiveTrials.map((t) => `「${t.name}」`).join('、')} 的正装，请先下架这些体验装` }];
}
