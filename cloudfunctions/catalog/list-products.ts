import { ok, type Result } from '../../shared/errors/result';
import { productSchema, toPublicProduct, type PublicProduct } from '../../shared/schemas/product';
import { getAll, type ActionContext } from '../_kit';

/**
 * Active products in display order. Uses the (status, sort) index, so the query never scans the
 * collection. A stored product that fails validation is a data fault: it is logged and left out
 * rather than breaking the whole shop window.
 */
export async function listProducts(_input: Record<string, never>, ctx: ActionContext): Promise<Result<{ products: PublicProduct[] }>> {
  const docs = await getAll<Record<string, unknown>>(ctx.db, 'products', { status: 'active' }, { orderBy: ['sort', 'asc'], max: 500 });
  const products: PublicProduct[] = [];
  for (const doc of docs) {
    const parsed = productSchema.safeParse(doc);
    if (parsed.success) products.push(toPublicProduct(parsed.data));
    else ctx.log.log('error', 'invalid product document', { productId: String(doc._id), issues: parsed.error.issues.length });
  }
  return ok({ products });
}
