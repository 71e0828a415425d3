import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Envelope } from '@shared/errors/envelope';
import { USER_MESSAGES } from '@shared/errors/messages';
import { toPublicProduct, type PublicProduct } from '@shared/schemas/product';
import { toPublicSettings, type PublicSettings } from '@shared/settings';
import { demoSeedSchema, productsFromSeed, settingsFromSeed } from '../../../local/seed/seed-schema';
import type { CloudBackend } from './cloud-bridge';

const SEED_PATH = path.resolve(__dirname, '..', '..', '..', 'local', 'seed', 'demo-seed.json');

export interface SeedCatalog {
  backend: CloudBackend;
  /** What `catalog.list` answers: the expectation a page test compares the screen with. */
  products: PublicProduct[];
  settings: PublicSettings;
}

/**
 * The `catalog` function's answers for the demo seed (local/seed/demo-seed.json), for component
 * tests of the weapp build that must run without the local server. The seed goes through the same
 * validation as seeding (productsFromSeed/settingsFromSeed) and the same public projections the
 * handler uses (toPublicProduct/toPublicSettings); the list is the handler's query — active
 * products by `sort`. Replies are API.md envelopes (the bridge rejects anything else). Only the
 * catalog's read actions exist here; any other function is "not found" the way wx.cloud reports it.
 */
/** The demo seed as stored documents: every product (costs, floors included) and the full settings. */
export function seedDocuments(now = Date.now()) {
  const seed = demoSeedSchema.parse(JSON.parse(readFileSync(SEED_PATH, 'utf8')));
  return { products: productsFromSeed(seed, now), settings: settingsFromSeed(seed) };
}

export function seedCatalog(now = Date.now()): SeedCatalog {
  const seed = demoSeedSchema.parse(JSON.parse(readFileSync(SEED_PATH, 'utf8')));
  const products = productsFromSeed(seed, now)
    .filter((p) => p.status === 'active')
    .sort((a, b) => a.sort - b.sort)
    .map(toPublicProduct);
  const settings = toPublicSettings(settingsFromSeed(seed));

  const backend: CloudBackend = async (name, data) => {
    if (name !== 'catalog') throw new Error(`FUNCTION_NOT_FOUND: ${name}`);
    const { action, ...input } = data;
    if (action !== 'list' && action !== 'settings') {
      return fail('UNKNOWN_ACTION', `catalog 不支持操作 ${String(action)}`);
    }
    // Both actions take no input (the handler's schema is `z.object({}).strict()`).
    if (Object.keys(input).length > 0) return fail('INVALID_INPUT', USER_MESSAGES.INVALID_INPUT);
    const reply: Envelope<unknown> = action === 'list' ? { ok: true, data: { products } } : { ok: true, data: settings };
    // A fresh copy per call, like JSON over the wire: the app must not share objects with the test.
    return JSON.parse(JSON.stringify(reply));
  };
  return { backend, products, settings };
}

/** A backend that answers every call with this error envelope. */
export function failingBackend(code: string, message: string): CloudBackend {
  return async () => fail(code, message);
}

const fail = (code: string, message: string) => ({ ok: false as const, error: { code, message } });
