import { archiveIssues, normalizeProductInput, productRuleIssues, productWarnings, type ProductFields, type ProductInput } from '../../shared/catalog/product-rules';
import { fail, ok, type Result } from '../../shared/errors/result';
import { formatYuan } from '../../shared/money/format';
import { PRODUCT_LABELS, summarizeIssues, type Issue } from '../../shared/schemas/issues';
import type { AdminProductView, SaveProductResult } from '../../shared/ops/views';
import { productSchema, type Product } from '../../shared/schemas/product';
import type { ActionContext } from '../_kit/create-handler';
import { getAll, getById } from '../_kit/db';
import { idFromKey } from '../_kit/ids';
import { tempUrls } from '../_kit/storage';
import { runInTransaction } from '../_kit/transaction';
import { txCreate, txGet, txReplace } from '../_kit/tx';
import { auditIdFor, priorAudit, writeAudit } from '../_ops/audit';
import { imageIdOf } from './images';
import { COLL } from '../_kit/collections';

/**
 * Catalog management for operators: every product including archived ones, create/edit with the
 * catalog rules (shared/catalog/product-rules.ts), archive/restore (products are never deleted:
 * orders keep pointing at them), and stock. Each change is one transaction with its audit record.
 * Prices live on the product only until an order copies them into its lines, so an edit changes
 * what customers see at once and never what they already ordered.
 */
export type { AdminProductView } from '../../shared/ops/views';

async function views(ctx: ActionContext, products: Product[]): Promise<AdminProductView[]> {
  const ids = products.flatMap((p) => p.images);
  let urls = new Map<string, string>();
  try {
    if (ids.length) urls = await tempUrls(ids, ctx.now());
  } catch (e) {
    // Storage trouble must not hide the catalog from the people who fix it.
    ctx.log.log('warn', 'temp urls failed', { error: e instanceof Error ? e.message : String(e) });
  }
  return products.map((p) => ({ ...p, imageUrls: p.images.map((id) => urls.get(id) ?? '') }));
}
const viewOne = async (ctx: ActionContext, p: Product) => (await views(ctx, [p]))[0];

function parseStored(ctx: ActionContext, doc: unknown): Product | null {
  const parsed = productSchema.safeParse(doc);
  if (parsed.success) return parsed.data;
  ctx.log.log('error', 'invalid product document', { productId: String((doc as { _id?: unknown })?._id), issues: parsed.error.issues.length });
  return null;
}

/** All products (or one status), in display order — the operator's catalog list. */
export async function listProducts(input: { status?: 'active' | 'archived' }, ctx: ActionContext): Promise<Result<{ products: AdminProductView[] }>> {
  const statuses = input.status ? [input.status] : ['active', 'archived'];
  const docs = await getAll<unknown>(ctx.db, COLL.products, { status: ctx.db.command.in(statuses) }, { orderBy: ['sort', 'asc'], max: 1000 });
  const products = docs.map((d) => parseStored(ctx, d)).filter((p): p is Product => !!p);
  return ok({ products: await views(ctx, products) });
}

export async function getProduct(input: { productId: string }, ctx: ActionContext): Promise<Result<AdminProductView>> {
  const doc = await getById<unknown>(ctx.db, COLL.products, input.productId);
  const p = doc ? parseStored(ctx, doc) : null;
  if (!p) return fail('NOT_FOUND', '没有找到该商品，请刷新列表。');
  return ok(await viewOne(ctx, p));
}

const activeTrialsOf = async (ctx: ActionContext, productId: string) =>
  (await getAll<unknown>(ctx.db, COLL.products, { fullProductId: productId }, { max: 100 }))
    .map((d) => parseStored(ctx, d))
    .filter((t): t is Product => !!t && t.status === 'active' && t.kind === 'trial' && t._id !== productId);

const invalid = (issues: Issue[], subject = '商品信息') =>
  fail(
    'INVALID_INPUT',
    summarizeIssues(issues, subject),
    issues.map((i) => ({ ...i, path: i.path ? `product.${i.path}` : 'product' })),
  );

const yuan = (fen: number) => formatYuan(fen, { trimZeros: false });
const PRICE_KEYS = new Set(['priceFen', 'memberPriceFen', 'costFen', 'floorFen']);

function describeChange(before: Product | null, after: Product): string {
  if (!before) return `新建商品「${after.name}」（${after.kind === 'trial' ? '体验装，' : ''}原价 ${yuan(after.priceFen)}）`;
  const parts: string[] = [];
  for (const key of Object.keys(PRODUCT_LABELS)) {
    const a = (before as Record<string, unknown>)[key];
    const b = (after as Record<string, unknown>)[key];
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    const label = PRODUCT_LABELS[key].replace('（分）', '');
    if (PRICE_KEYS.has(key)) parts.push(`${label} ${a === undefined ? '未设' : yuan(a as number)} → ${b === undefined ? '未设' : yuan(b as number)}`);
    else if (key === 'name') parts.push(`名称「${String(a)}」→「${String(b)}」`);
    else parts.push(label);
  }
  return `修改商品「${after.name}」：${parts.join('；') || '无变化'}`;
}

export interface SaveProductInput {
  productId?: string;
  expectedRevision?: number;
  product: ProductInput;
  requestId: string;
}

/**
 * Creates (no productId) or edits a product. An edit names the revision the operator loaded; if
 * someone saved since, it is refused with CONFLICT (details.current = the product as it is now)
 * instead of silently overwriting their change. A retry of the same request returns the first result.
 */
export async function saveProduct(input: SaveProductInput, ctx: ActionContext): Promise<Result<SaveProductResult>> {
  const fields = normalizeProductInput(input.product);
  const now = ctx.now();
  const editing = input.productId !== undefined;
  const productId = input.productId ?? idFromKey('prd', ctx.openid, input.requestId);
  const action = editing ? 'product.update' : 'product.create';
  const auditId = auditIdFor(ctx.openid, input.requestId, action, editing ? productId : '');

  // A retry of a request that already went through: answer with the product as it is.
  const done = await getById<{ entityId: string }>(ctx.db, COLL.audit_log, auditId);
  if (done) return answerSaved(ctx, done.entityId, !editing, fields);

  // Images must have passed the server's own type/size check (ops.registerImage).
  const imageIssues: Issue[] = [];
  for (const [i, fileId] of fields.images.entries()) {
    if (!(await getById(ctx.db, COLL.product_images, imageIdOf(fileId)))) imageIssues.push({ path: `images.${i}`, code: 'custom', message: `商品图片 › 第 ${i + 1} 张：图片未通过校验或已失效，请重新上传` });
  }
  if (imageIssues.length) return invalid(imageIssues);

  const previous = editing ? await getById<unknown>(ctx.db, COLL.products, productId) : null;
  const prev = previous ? parseStored(ctx, previous) : null;
  if (editing && !prev) return fail('NOT_FOUND', '没有找到该商品，可能已被删除，请刷新列表。');
  const fullDoc = fields.kind === 'trial' && fields.fullProductId ? await getById<unknown>(ctx.db, COLL.products, fields.fullProductId) : null;
  const fullProduct = fullDoc ? parseStored(ctx, fullDoc) : null;
  const linkedTrials = editing ? await activeTrialsOf(ctx, productId) : [];
  const issues = productRuleIssues(fields, { now, productId, previous: prev, fullProduct, linkedTrials });
  if (issues.length) return invalid(issues);

  const res = await runInTransaction(ctx.db, async (tx): Promise<Result<{ product: Product; created: boolean }>> => {
    const prior = await priorAudit(tx, auditId);
    if (prior) return ok({ product: (await txGet<Product>(tx, COLL.products, prior.entityId))!, created: !editing });
    const storedRaw = await txGet<unknown>(tx, COLL.products, productId);
    const stored = storedRaw ? productSchema.parse(storedRaw) : null;
    if (editing) {
      if (!stored) return fail('NOT_FOUND', '没有找到该商品，请刷新列表。');
      if (stored.revision !== input.expectedRevision) {
        return fail('CONFLICT', `商品「${stored.name}」已被${stored.updatedBy === ctx.openid ? '您在别处' : '其他运营人员'}修改（当前第 ${stored.revision} 版，您编辑的是第 ${input.expectedRevision} 版），请刷新后重新编辑。`, {
          currentRevision: stored.revision,
        });
      }
    } else if (stored) {
      return ok({ product: stored, created: true });
    }
    // The trial rule also holds at commit time: the full product is re-read in this transaction.
    if (fields.kind === 'trial' && fields.fullProductId) {
      const full = await txGet<Product>(tx, COLL.products, fields.fullProductId);
      const again = productRuleIssues(fields, { now, productId, previous: stored, fullProduct: full ? productSchema.parse(full) : null });
      if (again.length) return invalid(again);
    }
    const next = productSchema.parse({
      _id: productId,
      ...fields,
      status: stored?.status ?? 'active',
      ...(stored?.stock !== undefined ? { stock: stored.stock } : {}),
      ...(stored?.imageUrl ? { imageUrl: stored.imageUrl } : {}),
      ...(stored?.archivedAt !== undefined ? { archivedAt: stored.archivedAt } : {}),
      revision: (stored?.revision ?? 0) + 1,
      createdAt: stored?.createdAt ?? now,
      updatedAt: now,
      updatedBy: ctx.openid,
    });
    await (stored ? txReplace(tx, COLL.products, next) : txCreate(tx, COLL.products, next));
    await writeAudit(tx, { by: ctx.openid, at: now, requestId: input.requestId }, { id: auditId, entity: 'product', entityId: productId, action, summary: describeChange(stored, next), before: stored, after: next });
    return ok({ product: next, created: !stored });
  });
  if (!res.ok) return res;
  return ok({ product: await viewOne(ctx, res.data.product), created: res.data.created, warnings: productWarnings(fields) });
}

async function answerSaved(ctx: ActionContext, productId: string, created: boolean, fields: ProductFields) {
  const p = await getById<unknown>(ctx.db, COLL.products, productId);
  const product = p ? parseStored(ctx, p) : null;
  if (!product) return fail('NOT_FOUND', '没有找到该商品，请刷新列表。');
  return ok({ product: await viewOne(ctx, product), created, warnings: productWarnings(fields) });
}

/**
 * Takes a product off sale (customers stop seeing it; orders keep it). Archiving a full product
 * with active trials is refused — the trials would lead nowhere.
 */
export async function archiveProduct(input: { productId: string; requestId: string }, ctx: ActionContext): Promise<Result<{ product: AdminProductView }>> {
  const doc = await getById<unknown>(ctx.db, COLL.products, input.productId);
  const p = doc ? parseStored(ctx, doc) : null;
  if (!p) return fail('NOT_FOUND', '没有找到该商品，请刷新列表。');
  if (p.status === 'active') {
    const problems = archiveIssues(p, await activeTrialsOf(ctx, p._id));
    if (problems.length) return fail('INVALID_STATE', `${problems[0].message}。`);
  }
  return setStatus(ctx, input, 'archived');
}

/** Puts an archived product back on sale; a trial only while its full product is on sale and still dearer. */
export async function restoreProduct(input: { productId: string; requestId: string }, ctx: ActionContext): Promise<Result<{ product: AdminProductView }>> {
  const doc = await getById<unknown>(ctx.db, COLL.products, input.productId);
  const p = doc ? parseStored(ctx, doc) : null;
  if (!p) return fail('NOT_FOUND', '没有找到该商品，请刷新列表。');
  if (p.status === 'archived' && p.kind === 'trial') {
    const fullDoc = p.fullProductId ? await getById<unknown>(ctx.db, COLL.products, p.fullProductId) : null;
    const issues = productRuleIssues(p, {
      now: ctx.now(),
      productId: p._id,
      previous: p,
      fullProduct: fullDoc ? parseStored(ctx, fullDoc) : null,
    }).filter((i) => i.path === 'fullProductId' || i.path === 'priceFen');
    if (issues.length) return fail('INVALID_STATE', `不能重新上架「${p.name}」：${issues[0].message}。`);
  }
  return setStatus(ctx, input, 'active');
}

async function setStatus(ctx: ActionContext, input: { productId: string; requestId: string }, status: 'active' | 'archived'): Promise<Result<{ product: AdminProductView }>> {
  const now = ctx.now();
  const action = status === 'archived' ? 'product.archive' : 'product.restore';
  const auditId = auditIdFor(ctx.openid, input.requestId, action, input.productId);
  const res = await runInTransaction(ctx.db, async (tx): Promise<Result<Product>> => {
    const raw = await txGet<unknown>(tx, COLL.products, input.productId);
    if (!raw) return fail('NOT_FOUND', '没有找到该商品，请刷新列表。');
    const p = productSchema.parse(raw);
    if ((await priorAudit(tx, auditId)) || p.status === status) return ok(p);
    const next: Product = {
      ...p,
      status,
      ...(status === 'archived' ? { archivedAt: now } : {}),
      revision: p.revision + 1,
      updatedAt: now,
      updatedBy: ctx.openid,
    };
    if (status === 'active') delete next.archivedAt;
    await txReplace(tx, COLL.products, next);
    await writeAudit(tx, { by: ctx.openid, at: now, requestId: input.requestId }, {
      id: auditId,
      entity: 'product',
      entityId: p._id,
      action,
      summary: `${status === 'archived' ? '下架' : '重新上架'}商品「${p.name}」`,
      before: { status: p.status },
      after: { status },
    });
    return ok(next);
  });
  if (!res.ok) return res;
  return ok({ product: await viewOne(ctx, res.data) });
}

/**
 * Sets the units left for sale (a stocktake, goods received, returns counted back); `null` stops
 * tracking stock. Absolute on purpose: the operator states what is on the shelf now.
 */
export async function setStock(input: { productId: string; stock: number | null; requestId: string }, ctx: ActionContext): Promise<Result<{ product: AdminProductView }>> {
  const now = ctx.now();
  const auditId = auditIdFor(ctx.openid, input.requestId, 'product.stock', input.productId);
  const res = await runInTransaction(ctx.db, async (tx): Promise<Result<Product>> => {
    const raw = await txGet<unknown>(tx, COLL.products, input.productId);
    if (!raw) return fail('NOT_FOUND', '没有找到该商品，请刷新列表。');
    const p = productSchema.parse(raw);
    if (await priorAudit(tx, auditId)) return ok(p);
    const next: Product = { ...p, updatedAt: now, updatedBy: ctx.openid };
    if (input.stock === null) delete next.stock;
    else next.stock = input.stock;
    await txReplace(tx, COLL.products, next);
    const show = (n: number | undefined) => (n === undefined ? '不限' : `${n} 件`);
    await writeAudit(tx, { by: ctx.openid, at: now, requestId: input.requestId }, {
      id: auditId,
      entity: 'product',
      entityId: p._id,
      action: 'product.stock',
      summary: `调整「${p.name}」库存：${show(p.stock)} → ${show(next.stock)}`,
      before: { stock: p.stock ?? null },
      after: { stock: next.stock ?? null },
    });
    return ok(next);
  });
  if (!res.ok) return res;
  return ok({ product: await viewOne(ctx, res.data) });
}
