import v8 from 'node:v8';
import { EmulatorError, ErrorCodes } from './errors';

/**
 * Regular expressions in queries (`db.RegExp`, a native RegExp) run in this process. On V8's
 * usual backtracking engine one catastrophic pattern — `(a+)+$` against `aaaa…b` — freezes the
 * whole local store (every function, the pay simulator, the H5 app) for minutes. CloudBase runs
 * them on its own database servers; here every query regex is compiled for V8's *linear-time*
 * engine (the `l` flag, `--enable-experimental-regexp-engine`), so matching costs time
 * proportional to the text, whatever the pattern. That flag is part of the compiled RegExp, so it
 * survives mingo copying the regex (`new RegExp(re)` in its cloneDeep/normalize).
 *
 * What the linear engine cannot run is refused up front with an error saying so:
 * backreferences, lookahead/lookbehind, and counted repetition nested too deep (V8 unrolls `{n,m}`
 * and allows a product of 16: `(x{5}){4}` is refused; a single atom's `\d{18}` is split into
 * `\d{16}\d{2}` first, which matches exactly the same strings). Options: only `i`, `m`, `s` —
 * the ones CloudBase documents (WeChat cloud docs, Database.RegExp: "options 支持 i, m, s 这三个
 * flag"). The engine has no case-insensitive mode, so `i` is applied by rewriting each letter to
 * the set of characters JavaScript's `i` treats as equal to it (`a` → `[aA]`): same matches.
 *
 * The original pattern and options stay what the regex reports (`source`, `flags`), so a regex
 * stored as a document value round-trips unchanged.
 */

/** The emulator's own cap (CloudBase documents none); a search pattern is far shorter. */
export const MAX_PATTERN_LENGTH = 4096;
const ALLOWED_OPTIONS = new Set(['i', 'm', 's']);
/** The largest `{n,m}` V8's linear engine unrolls for one quantifier (kMaxReplicationFactor). */
const MAX_UNROLL = 16;

// Process-wide by nature (one V8 isolate). It only makes the `l` flag available.
v8.setFlagsFromString('--enable-experimental-regexp-engine');

const refuse = (pattern: string, why: string): never => {
  throw new EmulatorError(ErrorCodes.DATABASE_REQUEST_FAILED, `regex ${JSON.stringify(pattern.slice(0, 80))} refused: ${why}`);
};

/**
 * JavaScript's non-unicode `i` compares Canonicalize(ch) (ECMA-262 RegExp semantics): the upper
 * case when it is one code unit and does not map a non-ASCII character to ASCII.
 */
function canonicalize(ch: string): string {
  const u = ch.toUpperCase();
  if (u.length !== 1) return ch;
  if (ch.charCodeAt(0) >= 128 && u.charCodeAt(0) < 128) return ch;
  return u;
}

let caseClasses: Map<number, number[]> | undefined;
/** Code unit → every code unit `i` treats as equal to it (only those with more than one). Built once. */
function caseClassesOf(): Map<number, number[]> {
  if (caseClasses) return caseClasses;
  const byCanon = new Map<string, number[]>();
  for (let c = 0; c < 0x10000; c++) {
    const ch = String.fromCharCode(c);
    if (ch.toUpperCase() === ch && ch.toLowerCase() === ch) continue; // uncased: its own class
    const k = canonicalize(ch);
    const g = byCanon.get(k) ?? [];
    g.push(c);
    byCanon.set(k, g);
  }
  caseClasses = new Map();
  for (const [k, g] of byCanon) {
    const members = [...new Set([...g, k.charCodeAt(0)])].filter((c) => canonicalize(String.fromCharCode(c)) === k).sort((a, b) => a - b);
    if (members.length > 1) for (const c of members) caseClasses.set(c, members);
  }
  return caseClasses;
}

const esc = (c: number): string => `\\u${c.toString(16).padStart(4, '0')}`;

/** Sorted code units as class text, runs written as ranges (`\u0041-\u005a`). */
function classText(units: number[]): string {
  let out = '';
  for (let k = 0; k < units.length; k++) {
    let end = k;
    while (end + 1 < units.length && units[end + 1] === units[end] + 1) end++;
    out += end - k >= 2 ? `${esc(units[k])}-${esc(units[end])}` : units.slice(k, end + 1).map(esc).join('');
    k = end;
  }
  return out;
}

/** Escapes that stand for a set already closed under case (non-unicode `i`): left as written. */
const CLASS_ESCAPES = new Set(['d', 'D', 'w', 'W', 's', 'S']);
/** Single-character escapes with no letter meaning. */
const CONTROL_ESCAPES: Record<string, number> = { n: 10, r: 13, t: 9, f: 12, v: 11, '0': 0 };

interface Escape {
  /** The code unit it stands for, or undefined for a set (`\d`) or an assertion (`\b`). */
  char?: number;
  length: number;
}

/** One escape at `i` (pattern[i] === '\\'), inside a class or not. */
function readEscape(pattern: string, i: number, inClass: boolean): Escape {
  const n = pattern[i + 1];
  if (n === undefined) return refuse(pattern, 'it ends with a lone backslash');
  if (/[1-9]/.test(n)) return refuse(pattern, 'backreferences (\\1 …) cannot run in linear time');
  if (n === 'k') return refuse(pattern, 'backreferences (\\k<name>) cannot run in linear time');
  if (CLASS_ESCAPES.has(n)) return { length: 2 };
  if (n === 'b') return inClass ? { char: 8, length: 2 } : { length: 2 };
  if (n === 'B' && !inClass) return { length: 2 };
  if (n in CONTROL_ESCAPES && !(n === '0' && /[0-9]/.test(pattern[i + 2] ?? ''))) return { char: CONTROL_ESCAPES[n], length: 2 };
  if (n === 'x' && /^[0-9a-fA-F]{2}$/.test(pattern.slice(i + 2, i + 4))) return { char: parseInt(pattern.slice(i + 2, i + 4), 16), length: 4 };
  if (n === 'u' && /^[0-9a-fA-F]{4}$/.test(pattern.slice(i + 2, i + 6))) return { char: parseInt(pattern.slice(i + 2, i + 6), 16), length: 6 };
  if (n === 'c' && /^[a-zA-Z]$/.test(pattern[i + 2] ?? '')) return { char: pattern.charCodeAt(i + 2) % 32, length: 3 };
  // Any other letter or digit after a backslash is an "identity escape" only in sloppy regex
  // syntax (\a is "a", \c alone is "\c"): ambiguous to a reader and to CloudBase's PCRE alike.
  if (/[a-zA-Z0-9]/.test(n)) return refuse(pattern, `\\${n} is not an escape; write the character itself`);
  return { char: n.charCodeAt(0), length: 2 };
}

/** The code units a class covers as written (ranges), for the case closure. Set escapes are skipped: they are closed already. */
function classRanges(pattern: string, start: number, end: number): Array<[number, number]> {
  const singles: Array<number | undefined> = [];
  const ranges: Array<[number, number]> = [];
  let i = start;
  const next = (): number | undefined => {
    if (pattern[i] === '\\') {
      const e = readEscape(pattern, i, true);
      i += e.length;
      return e.char;
    }
    return pattern.charCodeAt(i++);
  };
  while (i < end) {
    const lo = next();
    if (pattern[i] === '-' && i + 1 < end && lo !== undefined) {
      i++;
      const hi = next();
      if (hi === undefined) {
        singles.push(lo, '-'.charCodeAt(0));
        continue;
      }
      ranges.push([lo, hi]);
      continue;
    }
    singles.push(lo);
  }
  for (const c of singles) if (c !== undefined) ranges.push([c, c]);
  return ranges;
}

/** The extra code units `i` would also match for a class covering `ranges`. */
function caseExtras(ranges: Array<[number, number]>): number[] {
  const inside = (c: number) => ranges.some(([lo, hi]) => c >= lo && c <= hi);
  const extras = new Set<number>();
  for (const [c, members] of caseClassesOf()) {
    if (!inside(c)) continue;
    for (const m of members) if (!inside(m)) extras.add(m);
  }
  return [...extras].sort((a, b) => a - b);
}

/** `X{n,m}` for a single-character atom X as pieces of at most MAX_UNROLL each: the same strings. */
function splitCount(atom: string, min: number, max: number, lazy: string): string {
  if (max <= MAX_UNROLL) return `${atom}{${min},${max}}${lazy}`;
  const parts: string[] = [];
  let restMin = min;
  let restMax = max;
  while (restMax > 0) {
    if (restMax === Infinity && restMin < MAX_UNROLL) {
      parts.push(`${atom}{${restMin},}${lazy}`);
      break;
    }
    const hi = Math.min(MAX_UNROLL, restMax);
    const lo = Math.min(restMin, hi);
    parts.push(`${atom}{${lo},${hi}}${lazy}`);
    restMin -= lo;
    restMax -= hi;
  }
  return parts.join('');
}

/**
 * The pattern as the linear engine will run it: letters closed under case when `ignoreCase`,
 * long counted repetitions of one atom split. Refuses lookaround and backreferences by name.
 */
export function linearSource(pattern: string, ignoreCase: boolean): string {
  let out = '';
  // The last thing a quantifier could apply to, if it is a single character/class/escape.
  let atom: { start: number } | null = null;
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === '\\') {
      const e = readEscape(pattern, i, false);
      const start = out.length;
      if (e.char !== undefined && ignoreCase && caseClassesOf().has(e.char)) out += `[${caseClassesOf().get(e.char)!.map(esc).join('')}]`;
      else out += pattern.slice(i, i + e.length);
      // \b and \B are assertions: nothing to repeat.
      atom = e.char === undefined && (pattern[i + 1] === 'b' || pattern[i + 1] === 'B') ? null : { start };
      i += e.length;
      continue;
    }
    if (c === '[') {
      let j = i + 1;
      const negated = pattern[j] === '^';
      if (negated) j++;
      const bodyStart = j;
      while (j < pattern.length && pattern[j] !== ']') j += pattern[j] === '\\' ? 2 : 1;
      if (j >= pattern.length) return refuse(pattern, 'a character class is not closed');
      const body = pattern.slice(bodyStart, j);
      const extras = ignoreCase ? caseExtras(classRanges(pattern, bodyStart, j)) : [];
      const start = out.length;
      // Extras go first; a literal "-" that now follows them must not become a range.
      out += `[${negated ? '^' : ''}${classText(extras)}${extras.length && body.startsWith('-') ? '\\' : ''}${body}]`;
      atom = { start };
      i = j + 1;
      continue;
    }
    if (c === '(') {
      if (/^\(\?(=|!|<=|<!)/.test(pattern.slice(i, i + 4))) return refuse(pattern, 'lookahead and lookbehind cannot run in linear time');
      // The group's own syntax — `(?:`, `(?<name>` — is copied as is (a name is not text to match).
      const opener = /^\(\?(:|<[A-Za-z_$][\w$]*>)/.exec(pattern.slice(i))?.[0] ?? '(';
      atom = null;
      out += opener;
      i += opener.length;
      continue;
    }
    const count = c === '{' ? /^\{(\d+)(,(\d*))?\}(\??)/.exec(pattern.slice(i)) : null;
    if (count && atom) {
      const min = Number(count[1]);
      const max = count[2] === undefined ? min : count[3] === '' ? Infinity : Number(count[3]);
      const text = out.slice(atom.start);
      out = out.slice(0, atom.start) + splitCount(text, min, max, count[4]);
      atom = null;
      i += count[0].length;
      continue;
    }
    if (c === ')' || c === '|' || c === '^' || c === '$' || c === '*' || c === '+' || c === '?' || c === '{' || c === '}') {
      atom = null;
      out += c;
      i++;
      continue;
    }
    const start = out.length;
    const code = pattern.charCodeAt(i);
    out += c !== '.' && ignoreCase && caseClassesOf().has(code) ? `[${caseClassesOf().get(code)!.map(esc).join('')}]` : c;
    atom = { start };
    i++;
  }
  return out;
}

/**
 * A RegExp that matches with the linear engine but reports the pattern and options it was given
 * (`source`, `flags`, `ignoreCase`…), so storing it or echoing it shows what the caller wrote.
 */
class LinearRegExp extends RegExp {
  readonly #source: string;
  readonly #flags: string;
  constructor(run: string, runFlags: string, source: string, flags: string) {
    super(run, runFlags);
    this.#source = source;
    this.#flags = flags;
  }
  override get source(): string {
    return this.#source;
  }
  override get flags(): string {
    return this.#flags;
  }
  override get ignoreCase(): boolean {
    return this.#flags.includes('i');
  }
  override get multiline(): boolean {
    return this.#flags.includes('m');
  }
  override get dotAll(): boolean {
    return this.#flags.includes('s');
  }
}

/** Refuses what CloudBase or the emulator will not run; returns the RegExp to evaluate with. */
export function safeRegExp(pattern: unknown, options: unknown): RegExp {
  if (typeof pattern !== 'string') return refuse(String(pattern), 'the pattern must be a string');
  const opts = options === undefined || options === null ? '' : options;
  if (typeof opts !== 'string') return refuse(pattern, 'options must be a string');
  for (const f of opts) if (!ALLOWED_OPTIONS.has(f)) refuse(pattern, `option ${JSON.stringify(f)} is not supported (CloudBase allows i, m, s)`);
  if (pattern.length > MAX_PATTERN_LENGTH) refuse(pattern, `longer than ${MAX_PATTERN_LENGTH} characters`);
  const flags = [...new Set(opts)].sort().join('');
  try {
    // The pattern as written must be valid JavaScript regex syntax in the first place.
    new RegExp(pattern, flags);
  } catch (e) {
    return refuse(pattern, e instanceof Error ? e.message : String(e));
  }
  const run = linearSource(pattern, flags.includes('i'));
  try {
    return new LinearRegExp(run, `l${flags.replace('i', '')}`, pattern, flags);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (msg.includes('linear time')) {
      return refuse(pattern, 'it cannot run in linear time: a group repeated a counted number of times above 16 (`(ab){20}`, `(x{5}){4}`) — use + or *, or write the group out');
    }
    return refuse(pattern, msg);
  }
}

const REGEX_EXPRESSIONS = ['$regexMatch', '$regexFind', '$regexFindAll'];

/**
 * Query operators that would make mingo compile a regex itself, with the backtracking engine:
 * `{$regex: '<string>'}` / `$options` (the SDK never sends them: db.RegExp and native RegExp
 * arrive as `$regularExpression`, checked where they are decoded) and the aggregation
 * expressions `$regexMatch`/`$regexFind`/`$regexFindAll`, which CloudBase's SDK does not have
 * (@cloudbase/database command.js, db.command.aggregate: no regex operators).
 */
export function guardRegexOperators(obj: Record<string, unknown>): void {
  if ('$options' in obj || ('$regex' in obj && !(obj.$regex instanceof LinearRegExp))) {
    const p = typeof obj.$regex === 'string' ? obj.$regex : '$regex';
    refuse(p, 'send it as db.RegExp({ regexp, options }) ($regex strings and $options are not accepted)');
  }
  for (const key of REGEX_EXPRESSIONS) {
    if (key in obj) refuse(key, `${key} is not a CloudBase aggregation operator (db.command.aggregate has none for regexes)`);
  }
}
