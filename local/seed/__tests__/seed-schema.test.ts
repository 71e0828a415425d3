import { readFileSync } from 'node:fs';
import { DEMO_SEED_PATH } from '../seed-demo';
import { demoSeedSchema, picturesFromSeed, productsFromSeed } from '../seed-schema';

describe('demo seed file', () => {
  const seed = demoSeedSchema.parse(JSON.parse(readFileSync(DEMO_SEED_PATH, 'utf8')));
  const now = Date.UTC(2026, 10, 22);
  const products = productsFromSeed(seed, now);

  test('validates and has what the demo needs (API.md)', () => {
    expect(products.length).toBeGreaterThanOrEqual(5);
    const byId = new Map(products.map((p) => [p._id, p]));
    const trials = products.filter((p) => p.kind === 'trial');
    expect(trials.length).toBeGreaterThanOrEqual(1);
    for (const t of trials) {
      expect(byId.get(t.fullProductId!)?.kind).toBe('regular');
      expect(t.priceFen).toBeLessThan(byId.get(t.fullProductId!)!.priceFen);
    }
    expect(products.some((p) => p.memberPriceFen !== undefined)).toBe(true);
  });

  test('early-access windows are relative to seeding time', () => {
    const early = products.find((p) => p.memberEarlyAccessUntil !== undefined);
    expect(early?.memberEarlyAccessUntil).toBe(now + 14 * 86_400_000);
  });

  test('an invalid entry is refused with its id', () => {
    const bad = { products: [{ _id: 'prd_bad', name: 'x', kind: 'regular', priceFen: -1, picture: { subject: 'jar', accent: '#e59a92' } }] };
    expect(() => productsFromSeed(demoSeedSchema.parse(bad), now)).toThrow(/prd_bad.*priceFen/);
  });

  test('every product says what picture to draw; a missing or unknown one is refused with its id', () => {
    expect(picturesFromSeed(seed).map((p) => p.productId)).toEqual(products.map((p) => p._id));
    const entry = { _id: 'prd_nopic', name: 'x', kind: 'regular', priceFen: 100 };
    expect(() => productsFromSeed(demoSeedSchema.parse({ products: [entry] }), now)).toThrow('seed product #0 (prd_nopic) needs a valid picture');
    const rocket = { products: [{ ...entry, picture: { subject: 'rocket', accent: '#ffffff' } }] };
    expect(() => picturesFromSeed(demoSeedSchema.parse(rocket))).toThrow(/prd_nopic.*picture\.subject/);
    // The picture spec is the seed's, not the product's: the stored document has no such field.
    expect(products.every((p) => !('picture' in p))).toBe(true);
  });
});
