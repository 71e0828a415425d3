import { readFileSync } from 'node:fs';
import { API_DOC_PATH, renderApiDoc } from '../../../scripts/api-doc';
import { API } from '..';

describe('docs/api.md', () => {
  it('is what scripts/api-doc.ts generates from shared/api now (run `npx tsx scripts/api-doc.ts` after changing a contract)', () => {
    expect(readFileSync(API_DOC_PATH, 'utf8')).toBe(renderApiDoc());
  });

  it('documents every action of every function', () => {
    const doc = renderApiDoc();
    const missing = Object.entries(API).flatMap(([fn, actions]) => Object.keys(actions).filter((a) => !doc.includes(`### ${fn}.${a}\n`)).map((a) => `${fn}.${a}`));
    expect(missing).toEqual([]);
  });
});
