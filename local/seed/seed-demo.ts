import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Db } from '../../cloudfunctions/_kit/db';
import { forgetSettings, SETTINGS_ID } from '../../cloudfunctions/_kit/settings-store';
import { demoSeedSchema, picturesFromSeed, productsFromSeed, settingsFromSeed } from './seed-schema';
import { COLL } from '../../cloudfunctions/_kit/collections';
import { productSchema } from '../../shared/schemas/product';
import { SEED_ACTOR, seedPictures } from './seed-pictures';
import { picturesFor } from './pictures';

export const DEMO_SEED_PATH = path.join(__dirname, 'demo-seed.json');

export interface SeedOptions {
  seedPath?: string;
  /**
   * Keep the seed's operator and owner (`op_admin`). `false` seeds a store with nobody in charge —
   * what a fresh deployment looks like — so the first-owner claim can be tried locally
   * (`npm start -- --fresh --no-demo-owner`).
   */
  demoOwner?: boolean;
  /** Where rendered pictures are cached between runs (default `.cache/demo-pictures`). */
  pictureCacheDir?: string;
}

/**
 * Writes the demo catalog and settings through the real SDK (so seeding exercises the same path
 * as everything else). Validates the whole file and draws every picture first: a bad seed writes
 * nothing. The production defaults have no operators and no template ids; the seed file writes
 * local mode's (`op_admin`, the local recorder's template ids) explicitly. Each product's pictures
 * are stored through the operators' storage path (seed-pictures.ts) and the product is written
 * with their file ids. Running it again gives the same documents and the same pictures, not a
 * second set.
 */
export async function seedDemo(db: Db, now: number, opts: SeedOptions = {}): Promise<{ products: number; images: number; owners: string[] }> {
  const seed = demoSeedSchema.parse(JSON.parse(readFileSync(opts.seedPath ?? DEMO_SEED_PATH, 'utf8')));
  const products = productsFromSeed(seed, now);
  const pictures = new Map(picturesFromSeed(seed).map((p) => [p.productId, picturesFor(p.spec, opts.pictureCacheDir)]));
  const seeded = settingsFromSeed(seed);
  const settings = opts.demoOwner === false ? { ...seeded, operators: [], owners: [] } : seeded;
  let images = 0;
  for (const p of products) {
    const withImages = productSchema.parse({ ...p, images: await seedPictures(db, now, p._id, pictures.get(p._id) ?? []) });
    images += withImages.images.length;
    const { _id, ...body } = withImages;
    await db.collection(COLL.products).doc(_id).set(body);
  }
  await db.collection(COLL.settings).doc(SETTINGS_ID).set({ ...settings, _version: 1, updatedAt: now, updatedBy: SEED_ACTOR });
  forgetSettings();
  return { products: products.length, images, owners: settings.owners };
}
