import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Db } from '../../cloudfunctions/_kit/db';
import { SETTINGS_COLLECTION, SETTINGS_ID } from '../../cloudfunctions/_kit/settings-store';
import { demoSeedSchema, productsFromSeed, settingsFromSeed } from './seed-schema';

export const DEMO_SEED_PATH = path.join(__dirname, 'demo-seed.json');

/**
 * Writes the demo catalog and settings through the real SDK (so seeding exercises the same path
 * as everything else). Validates the whole file first: a bad seed writes nothing.
 */
export async function seedDemo(db: Db, now: number, seedPath = DEMO_SEED_PATH): Promise<{ products: number }> {
  const seed = demoSeedSchema.parse(JSON.parse(readFileSync(seedPath, 'utf8')));
  const products = productsFromSeed(seed, now);
  const settings = settingsFromSeed(seed);
  for (const p of products) {
    const { _id, ...body } = p;
    await db.collection('products').doc(_id).set(body);
  }
  await db.collection(SETTINGS_COLLECTION).doc(SETTINGS_ID).set({ ...settings, _version: 1, updatedAt: now, updatedBy: 'seed' });
  return { products: products.length };
}
