import '../zod-setup';
import { normalizeProductInput, productInputSchema, productRuleIssues, type ProductInput, type ProductRuleContext } from '@shared/catalog/product-rules';
import { parseZh } from '@shared/schemas/issues';
import type { ProductKind } from '@shared/schemas/product';
import type { AdminProductView } from '@shared/ops/views';
import { parseYuanInput } from '../../../format/money-input';

/**
 * The product form (商品管理 › 新建/编辑) as typed — money in yuan text, numbers as text — and its
 * conversion to the server's ProductInput (fen), checked with the same schema and catalog rules
 * the server applies (shared/catalog/product-rules.ts), so the operator sees every problem next to
 * its field before anything is sent.
 */
export interface ProductImage {
  fileID: string;
  /** Temp URL to preview it ('' when storage gave none). */
  url: string;
}

export interface ProductForm {
  name: string;
  description: string;
  category: string;
  kind: ProductKind;
  /** The full product a trial leads to ('' = none chosen). */
  fullProductId: string;
  price: string;
  memberPrice: string;
  cost: string;
  floor: string;
  images: ProductImage[];
  /** End of the members-only window (epoch ms), or null for none. */
  earlyAccessUntil: number | null;
  /** '' = the shop's default window. */
  refundWindowDays: string;
  physical: boolean;
  sort: string;
  /** Stock is counted (else unlimited). */
  stockTracked: boolean;
  stock: string;
}

/** Where a problem is shown: the ProductInput field it belongs to, or `stock`. */
export type ProductField = keyof ProductInput | 'stock';
export type FieldErrors = Partial<Record<ProductField, string>>;

export const emptyProductForm = (): ProductForm => ({
  name: '',
  description: '',
  category: '',
  kind: 'regular',
  fullProductId: '',
  price: '',
  memberPrice: '',
  cost: '',
  floor: '',
  images: [],
  earlyAccessUntil: null,
  refundWindowDays: '',
  physical: true,
  sort: '100',
  stockTracked: false,
  stock: '',
});

/** 58800 → "588", 1280 → "12.80": what the operator would type. */
export function yuanText(fen: number | undefined | null): string {
  if (fen === undefined || fen === null) return '';
  const yuan = Math.floor(fen / 100);
  const cents = fen % 100;
  return cents === 0 ? String(yuan) : `${yuan}.${String(cents).padStart(2, '0')}`;
}

export function formOf(p: AdminProductView): ProductForm {
  return {
    name: p.name,
    description: p.description,
    category: p.category,
    kind: p.kind,
    fullProductId: p.fullProductId ?? '',
    price: yuanText(p.priceFen),
    memberPrice: yuanText(p.memberPriceFen),
    cost: p.costFen ? yuanText(p.costFen) : '',
    floor: p.floorFen ? yuanText(p.floorFen) : '',
    images: p.images.map((fileID, i) => ({ fileID, url: p.imageUrls[i] ?? '' })),
    earlyAccessUntil: p.memberEarlyAccessUntil ?? null,
    refundWindowDays: p.refundWindowDays === undefined ? '' : String(p.refundWindowDays),
    physical: p.physical,
    sort: String(p.sort),
    stockTracked: p.stock !== undefined,
    stock: p.stock === undefined ? '' : String(p.stock),
  };
}

const MONEY_HINT = '请输入金额（元），最多两位小数，如 12.80';

/** The form field a server or schema path names (`product.images.2` → images). */
export function fieldOfPath(path: string): ProductField | undefined {
  const first = path.replace(/^product\.?/, '').split('.')[0];
  return first ? (first as ProductField) : undefined;
}

export type ProductFormCheck = { ok: true; input: ProductInput; stock: number | null } | { ok: false; errors: FieldErrors };

/**
 * The ProductInput to send and the stock to set, or the problems by field. Order: what cannot even
 * be read (a malformed amount), then the schema's field checks, then the catalog rules (member
 * price ≤ list price, floor, trial → full product, early-access window…).
 */
export function checkProductForm(form: ProductForm, ctx: ProductRuleContext): ProductFormCheck {
  const errors: FieldErrors = {};
  const money = (text: string, field: ProductField, required: string | undefined): number | null => {
    const t = text.trim();
    if (!t) {
      if (required) errors[field] = required;
      return null;
    }
    const fen = parseYuanInput(t);
    if (fen === undefined) errors[field] = MONEY_HINT;
    return fen ?? null;
  };
  const priceFen = money(form.price, 'priceFen', '请填写原价');
  const memberPriceFen = money(form.memberPrice, 'memberPriceFen', undefined);
  const costFen = money(form.cost, 'costFen', undefined);
  const floorFen = money(form.floor, 'floorFen', undefined);

  let sort = 100;
  if (form.sort.trim()) {
    if (/^-?\d{1,7}$/.test(form.sort.trim())) sort = Number(form.sort.trim());
    else errors.sort = '排序须为整数，数字小的排在前面';
  }
  let refundWindowDays: number | null = null;
  if (form.refundWindowDays.trim()) {
    if (/^\d{1,3}$/.test(form.refundWindowDays.trim())) refundWindowDays = Number(form.refundWindowDays.trim());
    else errors.refundWindowDays = '请填写 0–365 的整数天数；留空则按店铺默认';
  }
  let stock: number | null = null;
  if (form.stockTracked) {
    if (/^\d{1,8}$/.test(form.stock.trim())) stock = Number(form.stock.trim());
    else errors.stock = '请填写库存件数（0 或正整数），或取消「限量库存」';
  }

  const input = {
    name: form.name,
    description: form.description,
    kind: form.kind,
    category: form.category,
    images: form.images.map((i) => i.fileID),
    priceFen: priceFen ?? 0,
    memberPriceFen,
    costFen: costFen ?? 0,
    floorFen: floorFen ?? 0,
    fullProductId: form.kind === 'trial' && form.fullProductId ? form.fullProductId : null,
    memberEarlyAccessUntil: form.earlyAccessUntil,
    refundWindowDays,
    physical: form.physical,
    sort,
  };
  const parsed = parseZh(productInputSchema, input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldOfPath(issue.path.map(String).join('.'));
      if (field && !errors[field]) errors[field] = issue.message;
    }
  } else if (!errors.priceFen) {
    // The rules compare against the list price; with it readable they can run even while another
    // amount is still malformed (that one counts as unset and keeps its own message).
    for (const issue of productRuleIssues(normalizeProductInput(parsed.data), ctx)) {
      const field = fieldOfPath(issue.path);
      if (field && !errors[field]) errors[field] = issue.message;
    }
  }
  if (Object.keys(errors).length || !parsed.success) return { ok: false, errors };
  return { ok: true, input: parsed.data, stock };
}
