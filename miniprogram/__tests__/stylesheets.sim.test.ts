/**
 * The stylesheets' two rules, checked on every file so the look stays one look:
 *
 * 1. Design tokens only. Colours, type sizes, radii and spacing come from the variables declared
 *    once at the top of app.css; a colour literal or an off-scale size anywhere else fails here.
 * 2. Scoped class names. Every selector starts from a class its own stylesheet owns, and no class
 *    is owned by two stylesheets — in a mini program every stylesheet is global, so a second
 *    `.claim` somewhere silently restyles another page (it did: 我的优惠券 broke checkout's form).
 */
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

const ROOT = path.resolve(__dirname, '..');
const TOKENS_FILE = 'app.css';
/** Classes the platform renders (Taro's H5 shell, WeUI's tab bar): stylesheets may start from them. */
const PLATFORM_CLASS = /^(taro[_-]|weui-)/;

interface Rule {
  selectors: string[];
  body: string;
}

function stylesheets(): string[] {
  return execFileSync('git', ['ls-files', '*.css'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);
}

function read(file: string): string {
  return fs.readFileSync(path.join(ROOT, file), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
}

/** Top-level rules and the rules inside @media blocks; @keyframes steps are not selectors. */
function rules(css: string): Rule[] {
  const out: Rule[] = [];
  css = css.replace(/@keyframes[^{]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}/g, '');
  const re = /([^{}]+)\{([^{}]*)\}/g;
  for (let m = re.exec(css); m; m = re.exec(css)) {
    const head = m[1].replace(/@media[^{]*\{/, '').trim();
    out.push({ selectors: head.split(',').map((s) => s.trim()).filter(Boolean), body: m[2] });
  }
  return out;
}

function declarations(body: string): Array<[string, string]> {
  return body
    .split(';')
    .map((d) => d.trim())
    .filter(Boolean)
    .map((d) => {
      const i = d.indexOf(':');
      return [d.slice(0, i).trim(), d.slice(i + 1).trim()];
    });
}

function tokenNames(): Set<string> {
  const css = read(TOKENS_FILE);
  return new Set([...css.matchAll(/(--[\w-]+)\s*:/g)].map((m) => m[1]));
}

const COLOUR_LITERAL = /#[0-9a-f]{3,8}\b|\b(rgba?|hsla?)\(|\b(white|black|red|green|blue|gray|grey|orange|gold|yellow|brown)\b/i;
const SPACING = /^(margin|padding)(-(top|bottom|left|right))?$|^(row-|column-)?gap$/;

/** What is wrong with one declaration outside the token block, or undefined. */
function tokenProblem(prop: string, value: string): string | undefined {
  if (prop.startsWith('--')) return 'declares a token outside app.css';
  if (COLOUR_LITERAL.test(value.replace(/var\(--[\w-]+\)/g, ''))) return 'colour literal (use a --c-* token)';
  if (prop === 'font-size' && !/^(var\(--fs-[\w-]+\)|inherit)$/.test(value)) return 'font size off the type scale (use --fs-*)';
  if (prop === 'border-radius' && !value.split(/\s+/).every((v) => /^(var\(--r-[\w-]+\)|0|50%)$/.test(v))) return 'radius off the scale (use --r-*)';
  // A negative step is written calc(-1 * var(--sp-…)); a fixed bar's bottom clears the phone's home
  // indicator with max(var(--sp-…), env(safe-area-inset-bottom)). Each counts as one step.
  const steps = value
    .replace(/calc\(-1 \* var\(--sp-[\w-]+\)\)/g, 'NEGATIVE_STEP')
    .replace(/max\(var\(--sp-[\w-]+\), env\(safe-area-inset-bottom\)\)/g, 'SAFE_AREA_STEP')
    .split(/\s+/);
  if (SPACING.test(prop) && !steps.every((v) => /^(var\(--sp-[\w-]+\)|NEGATIVE_STEP|SAFE_AREA_STEP|0|auto|\d+(\.\d+)?%)$/.test(v)))
    return 'spacing off the scale (use --sp-*)';
  return undefined;
}

/** The leftmost class of a selector: the one that scopes it. */
function anchorOf(selector: string): string | undefined {
  return /\.([A-Za-z_][\w-]*)/.exec(selector)?.[1];
}

describe('stylesheets', () => {
  const files = stylesheets();

  it('finds the stylesheets', () => {
    expect(files.length).toBeGreaterThan(20);
    expect(files).toContain(TOKENS_FILE);
  });

  it('use design tokens for every colour, type size, radius and spacing step', () => {
    const known = tokenNames();
    const problems: string[] = [];
    for (const file of files) {
      for (const rule of rules(read(file))) {
        const isTokenBlock = file === TOKENS_FILE && rule.selectors.join(',') === 'page,body';
        for (const [prop, value] of declarations(rule.body)) {
          for (const [, name] of value.matchAll(/var\((--[\w-]+)\)/g)) {
            if (!known.has(name)) problems.push(`${file}: ${prop}: ${value} — unknown token ${name}`);
          }
          if (isTokenBlock) continue;
          const problem = tokenProblem(prop, value);
          if (problem) problems.push(`${file} ${rule.selectors.join(', ')} { ${prop}: ${value} } — ${problem}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('start every selector from a class owned by that stylesheet alone', () => {
    const owners = new Map<string, Set<string>>();
    const unanchored: string[] = [];
    for (const file of files) {
      for (const rule of rules(read(file))) {
        for (const selector of rule.selectors) {
          const anchor = anchorOf(selector);
          if (anchor === undefined) {
            // Element selectors (page, body, button…) are global by nature: only app.css may use them.
            if (file !== TOKENS_FILE) unanchored.push(`${file}: ${selector}`);
            continue;
          }
          if (PLATFORM_CLASS.test(anchor)) continue;
          owners.set(anchor, (owners.get(anchor) ?? new Set()).add(file));
        }
      }
    }
    const shared = [...owners].filter(([, fs]) => fs.size > 1).map(([c, fs]) => `.${c} in ${[...fs].join(' and ')}`);
    expect(unanchored).toEqual([]);
    expect(shared).toEqual([]);
  });

  it('catches a class defined in two stylesheets and a stray colour (the checks can fail)', () => {
    expect(tokenProblem('color', '#c8372d')).toMatch(/colour/);
    expect(tokenProblem('background', 'rgba(0, 0, 0, 0.5)')).toMatch(/colour/);
    expect(tokenProblem('padding', 'var(--sp-md) 13px')).toMatch(/spacing/);
    expect(tokenProblem('font-size', '23px')).toMatch(/type scale/);
    expect(tokenProblem('color', 'var(--c-ink)')).toBeUndefined();
    expect(anchorOf('.checkout-delivery .claim')).toBe('checkout-delivery');
    expect(anchorOf('page')).toBeUndefined();
  });
});
