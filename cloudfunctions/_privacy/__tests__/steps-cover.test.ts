import { PRIVACY_COVERAGE } from '../coverage';
import { STEPS } from '../steps';

/**
 * Account deletion runs STEPS; the coverage table says what happens to each collection. A
 * collection marked delete or anonymise without a step would only be logged as left over at the
 * end (carts and member cards once were): every one needs its step. (Redactions of operators'
 * records ride on other steps or have their own; 'operator' and 'none' hold no customer document.)
 */
test('every collection the coverage table deletes or anonymises has a deletion step', () => {
  const stepped = new Set(STEPS.map((s) => s.collection as string));
  const missing = Object.entries(PRIVACY_COVERAGE)
    .filter(([, c]) => c.treatment === 'delete' || c.treatment === 'anonymise')
    .map(([name]) => name)
    .filter((name) => !stepped.has(name));
  expect(missing).toEqual([]);
});
