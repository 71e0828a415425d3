import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Db } from '../../cloudfunctions/_kit/db';
import { SETTINGS_ID } from '../../cloudfunctions/_kit/settings-store';
import { demoSeedSchema, productsFromSeed, settingsFromSeed } from './seed-schema';
import { COLL } from '../../cloudfunctions/_kit/collections';

export const DEMO_SEED_PATH = path.join(__dirname, 'demo-seed.json');

export interface SeedOptions {
  seedPath?: string;
  /**
   * Keep the seed's operator and owner (`op_admin`). `false` seeds a store with nobody in charge —
   * what a fresh deployment looks like — so the first-owner claim can be tried locally
   * (`npm start -- --fresh --no-demo-owner`).
   */
  demoOwner?: boolean;
}

/**
 * Writes the demo catalog and settings through the real SDK (so seeding exercises the same path
 * as everything else). Validates the whole file first: a bad seed writes nothing. The production
 * defaults have no operators and no template ids; the seed file writes local mode's (`op_admin`,
 * the local recorder's template ids) explicitly.
 */
export async function seedDemo(db: Db, now: number, opts: SeedOptions = {}): Promise<{ products: number; owners: string[] }> {
  const seed = demoSeedSchema.parse(JSON.parse(readFileSync(opts.seedPath ?? DEMO_SEED_PATH, 'utf8')));
  const products = productsFromSeed(seed, now);
  const seeded = settingsFromSeed(seed);
  const settings = opts.demoOwner === false ? { ...seeded, operators: [], owners: [] } : seeded;
  for (const p of products) {
    const { _id, ...body } = p;
    await db.collection(COLL.products).doc(_id).set(body);
  }
  await db.collection(COLL.settings).doc(SETTINGS_ID).set({ ...settings, _version: 1, updatedAt: now, updatedBy: 'seed' });
  return { products: products.length, owners: settings.owners };
}
