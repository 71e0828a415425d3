import { z } from 'zod';
import { productSchema } from '../../shared/schemas/product';
import { settingsSchema } from '../../shared/settings';
import { pictureSpecSchema } from './pictures';

/**
 * The demo seed file's shape. Products are stored products minus timestamps; an early-access
 * window is given in days from seeding time, so a demo seeded today still shows the badge.
 * `picture` says what to draw for the product (local/seed/pictures): required, so every demo
 * product has pictures; the seed stores them and fills in `images`. It is checked per entry (like
 * the product itself) so an error names the product.
 */
const seedProductSchema = z
  .object({ memberEarlyAccessDays: z.number().int().min(1).max(365).optional() })
  .catchall(z.unknown());

export const demoSeedSchema = z
  .object({
    products: z.array(seedProductSchema).min(1),
    settings: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

export type DemoSeed = z.infer<typeof demoSeedSchema>;

const issuesOf = (e: z.ZodError, prefix = '') => e.issues.map((x) => `${[prefix, ...x.path].filter(Boolean).join('.')}: ${x.message}`).join('; ');

/** The entry's picture spec; throws naming the product when it is missing or invalid. */
function pictureOf(entry: DemoSeed['products'][number], i: number) {
  const parsed = pictureSpecSchema.safeParse(entry.picture);
  if (!parsed.success) throw new Error(`seed product #${i} (${String(entry._id)}) needs a valid picture ({"subject": …, "accent": "#rrggbb"}): ${issuesOf(parsed.error, 'picture')}`);
  return parsed.data;
}

/** Turns seed entries into validated product documents at time `now`. Throws on any invalid entry. */
export function productsFromSeed(seed: DemoSeed, now: number) {
  return seed.products.map((entry, i) => {
    const { memberEarlyAccessDays, picture: _picture, ...rest } = entry;
    pictureOf(entry, i);
    const doc = {
      ...rest,
      ...(memberEarlyAccessDays ? { memberEarlyAccessUntil: now + memberEarlyAccessDays * 86_400_000 } : {}),
      createdAt: now,
      updatedAt: now,
    };
    const parsed = productSchema.safeParse(doc);
    if (!parsed.success) {
      throw new Error(`seed product #${i} (${String(rest._id)}) is invalid: ${issuesOf(parsed.error)}`);
    }
    return parsed.data;
  });
}

/** What to draw for each seed product, by product id (in seed order). */
export const picturesFromSeed = (seed: DemoSeed) => seed.products.map((p, i) => ({ productId: String(p._id), spec: pictureOf(p, i) }));

export const settingsFromSeed = (seed: DemoSeed) => settingsSchema.parse(seed.settings ?? {});
