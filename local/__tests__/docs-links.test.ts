import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * The README and docs/ must hold together in a fresh clone: every relative link points at a file of
 * the repository, every `#anchor` at a heading that exists (GitHub's slugs), and nothing points at
 * `../shared` (notes outside the repository that a clone does not have).
 */
const ROOT = path.resolve(__dirname, '..', '..');
const DOCS = [path.join(ROOT, 'README.md'), ...readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => path.join(ROOT, 'docs', f))];

/** Markdown without fenced code blocks and inline code (links and headings there are not links or headings). */
const prose = (md: string) => md.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/`[^`\n]*`/g, (m) => m.replace(/[[\]()#]/g, ' '));

/** GitHub's heading ids: lower case, punctuation dropped (letters of any script, digits, _ and - kept), spaces → '-', repeats numbered. */
export function anchorsOf(md: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const line of md.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').split('\n')) {
    const m = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!m) continue;
    const text = m[1].replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
    const base = text.toLowerCase().replace(/[^\p{L}\p{M}\p{N}_\- ]/gu, '').replace(/ /g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

const linksOf = (md: string) => [...prose(md).matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]);

describe('README.md and docs/*.md', () => {
  test('GitHub anchors as this test computes them', () => {
    expect([...anchorsOf('# From zero to a live store (上线手册)\n## Local-mode security\n## `npm test` runs\n## A\n## A')]).toEqual([
      'from-zero-to-a-live-store-上线手册',
      'local-mode-security',
      'npm-test-runs',
      'a',
      'a-1',
    ]);
  });

  test.each(DOCS.map((f) => [path.relative(ROOT, f), f]))('%s: every relative link and anchor resolves', (_name, file) => {
    const md = readFileSync(file, 'utf8');
    const broken: string[] = [];
    for (const link of linksOf(md)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(link)) continue; // https:, mailto: — not ours to check offline
      const [target, anchor] = link.split('#', 2) as [string, string | undefined];
      const resolved = target ? path.resolve(path.dirname(file), decodeURI(target)) : file;
      if (!resolved.startsWith(ROOT + path.sep) || !existsSync(resolved)) {
        broken.push(`${link}: no such file in the repository`);
        continue;
      }
      if (anchor !== undefined && statSync(resolved).isFile() && resolved.endsWith('.md') && !anchorsOf(readFileSync(resolved, 'utf8')).has(decodeURI(anchor))) {
        broken.push(`${link}: no heading with that anchor`);
      }
    }
    expect(broken).toEqual([]);
  });

  test.each(DOCS.map((f) => [path.relative(ROOT, f), f]))('%s: nothing points at ../shared', (_name, file) => {
    expect(readFileSync(file, 'utf8')).not.toMatch(/\.\.\/shared\b/);
  });

  test('the README indexes every document in docs/', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const missing = DOCS.slice(1).map((f) => `docs/${path.basename(f)}`).filter((d) => !readme.includes(`](${d})`));
    expect(missing).toEqual([]);
  });

  test('the launch checklist links operators to documentation that exists', () => {
    const source = readFileSync(path.join(ROOT, 'shared', 'ops', 'launch-checklist.ts'), 'utf8');
    const links = [...source.matchAll(/url: '((?:README|docs\/)[^']*)'/g)].map((m) => m[1]);
    expect(links.length).toBeGreaterThan(0);
    const broken = links.filter((l) => {
      const [file, anchor] = l.split('#', 2) as [string, string | undefined];
      const full = path.join(ROOT, file);
      return !existsSync(full) || (anchor !== undefined && !anchorsOf(readFileSync(full, 'utf8')).has(anchor));
    });
    expect(broken).toEqual([]);
  });
});
