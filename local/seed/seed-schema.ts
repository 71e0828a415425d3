import { z } from 'zod';
import { productSchema } from '../../shared/schemas/product';
import { settingsSchema } from '../../shared/settings';

/**
 * The demo seed file's shape. Products are stored products minus timestamps; an early-access
 * window is given in days from seeding time, so a demo seeded today still shows the badge.
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

/** Turns seed entries into validated product documents at time `now`. Throws on any invalid entry. */
export function productsFromSeed(seed: DemoSeed, now: number) {
  return seed.products.map((entry, i) => {
    const { memberEarlyAccessDays, ...rest } = entry;
    const doc = {
      ...rest,
      ...(memberEarlyAccessDays ? { memberEarlyAccessUntil: now + memberEarlyAccessDays * 86_400_000 } : {}),
      createdAt: now,
      updatedAt: now,
    };
    const parsed = productSchema.safeParse(doc);
    if (!parsed.success) {
      throw new Error(`seed product #${i} (${String(rest._id)}) is invalid: ${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
    }
    return parsed.data;
  });
}

export const settingsFromSeed = (seed: DemoSeed) => settingsSchema.parse(seed.settings ?? {});
