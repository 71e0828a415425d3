import { ok, type Result } from '../../shared/errors/result';
import { productSchema, toPublicProductWithImages, type Product, type PublicProduct } from '../../shared/schemas/product';
import { getAll, type ActionContext } from '../_kit';
import { tempUrls } from '../_kit/storage';
import { COLL } from '../_kit/collections';

/**
 * Active products in display order. Uses the (status, sort) index, so the query never scans the
 * collection. A stored product that fails validation is a data fault: it is logged and left out
 * rather than breaking the whole shop window. Uploaded images are cloud file ids; customers get
 * temp URLs for them (cached per instance) — and the shop window still opens, without pictures,
 * if storage cannot answer.
 */
export async function listProducts(_input: Record<string, never>, ctx: ActionContext): Promise<Result<{ products: PublicProduct[] }>> {
  const docs = await getAll<Record<string, unknown>>(ctx.db, COLL.products, { status: 'active' }, { orderBy: ['sort', 'asc'], max: 500 });
  const valid: Product[] = [];
  for (const doc of docs) {
    const parsed = productSchema.safeParse(doc);
    if (parsed.success) valid.push(parsed.data);
    else ctx.log.log('error', 'invalid product document', { productId: String(doc._id), issues: parsed.error.issues.length });
  }
  let urls = new Map<string, string>();
  const fileIds = valid.flatMap((p) => p.images);
  if (fileIds.length) {
    try {
      urls = await tempUrls(fileIds, ctx.now());
    } catch (e) {
      ctx.log.log('warn', 'product image urls failed', { error: e instanceof Error ? e.message : String(e) });
    }
  }
  return ok({ products: valid.map((p) => toPublicProductWithImages(p, urls)) });
}
