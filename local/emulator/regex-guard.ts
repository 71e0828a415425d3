import v8 from 'node:v8';
import { EmulatorError, ErrorCodes } from './errors';

/**
 * Regular expressions in queries (`db.RegExp`, a native RegExp, `{$regex, $options}`,
 * `$regexMatch`/`$regexFind`/`$regexFindAll`) run in this process, on V8's backtracking engine:
 * one catastrophic pattern — `(a+)+$` against `aaaa…b` — would freeze the whole local store (every
 * function, the pay simulator, the H5 app) for minutes. CloudBase runs them on its database
 * servers, with a time limit; here they are checked before they run, in two layers:
 *
 * 1. Refused up front (an error reply, nothing evaluated):
 *    - options other than `i`, `m`, `s` — the only ones CloudBase documents (WeChat cloud docs,
 *      Database.RegExp: "options 支持 i, m, s 这三个 flag");
 *    - the emulator's own limits, stricter than MongoDB's PCRE because V8 has no match time limit:
 *      patterns longer than MAX_PATTERN_LENGTH, backreferences and lookarounds (the shapes V8's
 *      linear-time engine cannot run, see 2), and a repeated group that itself contains a
 *      quantifier — `(a+)+`, `(a*)*`, `(\w+\s?)*`, `(a?){3,}` — the classic exponential shape.
 * 2. Everything else that still backtracks badly (`(a|aa)+$`, `a*a*a*a*b`) falls back to V8's
 *    linear-time engine once it has backtracked too often
 *    (`--enable-experimental-regexp-engine-on-excessive-backtracks`). That engine gives the same
 *    answers for every pattern it can run, which is exactly what layer 1 lets through, so no
 *    query's result changes — only a pathological one finishes in milliseconds.
 */

/** The emulator's own cap (CloudBase documents none); a search pattern is far shorter. */
export const MAX_PATTERN_LENGTH = 4096;
const ALLOWED_OPTIONS = new Set(['i', 'm', 's']);

// Process-wide by nature (one V8 isolate); it only changes how a runaway backtrack ends.
v8.setFlagsFromString('--enable-experimental-regexp-engine-on-excessive-backtracks');

const refuse = (pattern: string, why: string): never => {
  throw new EmulatorError(ErrorCodes.DATABASE_REQUEST_FAILED, `regex ${JSON.stringify(pattern.slice(0, 80))} refused: ${why}`);
};

interface Group {
  hasQuantifier: boolean;
}

/** Why the pattern's shape is refused, or null. A small scanner of JavaScript regex syntax. */
export function unsafeShape(pattern: string): string | null {
  const stack: Group[] = [{ hasQuantifier: false }];
  // The thing a quantifier right here would repeat: a closed group (with what it contains) or an atom.
  let last: { group?: Group } | null = null;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      const n = pattern[i + 1] ?? '';
      if (/[1-9]/.test(n) || (n === 'k' && pattern[i + 2] === '<')) return 'backreferences are not supported';
      i++;
      last = {};
      continue;
    }
    if (c === '[') {
      // A character class is one atom; skip to its closing bracket (escapes included).
      let j = i + 1;
      if (pattern[j] === '^') j++;
      if (pattern[j] === ']') j++;
      while (j < pattern.length && pattern[j] !== ']') j += pattern[j] === '\\' ? 2 : 1;
      i = j;
      last = {};
      continue;
    }
    if (c === '(') {
      if (pattern.startsWith('(?=', i) || pattern.startsWith('(?!', i) || pattern.startsWith('(?<=', i) || pattern.startsWith('(?<!', i)) {
        return 'lookahead and lookbehind are not supported';
      }
      stack.push({ hasQuantifier: false });
      last = null;
      continue;
    }
    if (c === ')') {
      if (stack.length === 1) return null; // unbalanced: the RegExp compile reports it
      const group = stack.pop()!;
      if (group.hasQuantifier) stack[stack.length - 1].hasQuantifier = true;
      last = { group };
      continue;
    }
    const brace = c === '{' ? /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i)) : null;
    if (c === '*' || c === '+' || c === '?' || brace) {
      if (!last) continue; // `?` after `(` (group syntax) or a lazy marker after a quantifier
      const max = brace ? (brace[2] === undefined ? Number(brace[1]) : brace[3] === '' ? Infinity : Number(brace[3])) : c === '?' ? 1 : Infinity;
      if (last.group?.hasQuantifier && max > 1) return 'nested quantifiers (a repeated group that contains a quantifier) can backtrack exponentially';
      stack[stack.length - 1].hasQuantifier = true;
      if (brace) i += brace[0].length - 1;
      last = null;
      continue;
    }
    last = {};
  }
  return null;
}

/** Refuses what CloudBase or the emulator will not run; returns the RegExp to evaluate with. */
export function safeRegExp(pattern: unknown, options: unknown): RegExp {
  if (typeof pattern !== 'string') return refuse(String(pattern), 'the pattern must be a string');
  const opts = options === undefined || options === null ? '' : options;
  if (typeof opts !== 'string') return refuse(pattern, 'options must be a string');
  for (const f of opts) if (!ALLOWED_OPTIONS.has(f)) refuse(pattern, `option ${JSON.stringify(f)} is not supported (CloudBase allows i, m, s)`);
  if (pattern.length > MAX_PATTERN_LENGTH) refuse(pattern, `longer than ${MAX_PATTERN_LENGTH} characters`);
  const why = unsafeShape(pattern);
  if (why) refuse(pattern, why);
  try {
    return new RegExp(pattern, [...new Set(opts)].join(''));
  } catch (e) {
    return refuse(pattern, e instanceof Error ? e.message : String(e));
  }
}

const REGEX_EXPRESSIONS = new Set(['$regexMatch', '$regexFind', '$regexFindAll']);

const optionsOf = (v: unknown, given: unknown): unknown => given ?? (v instanceof RegExp ? v.flags : undefined);
const sourceOf = (v: unknown): unknown => (v instanceof RegExp ? v.source : v);

/**
 * Checks the string patterns inside one decoded object — `{$regex: '…', $options}` in a filter,
 * `{$regexMatch: {input, regex, options}}` in an aggregation — which mingo compiles itself.
 * (BSON regexes, i.e. db.RegExp and native RegExp, are checked where they are decoded.)
 */
export function guardRegexOperators(obj: Record<string, unknown>): void {
  if (typeof obj.$regex === 'string' || obj.$regex instanceof RegExp) safeRegExp(sourceOf(obj.$regex), optionsOf(obj.$regex, obj.$options));
  for (const key of Object.keys(obj)) {
    if (!REGEX_EXPRESSIONS.has(key)) continue;
    const spec = obj[key] as { regex?: unknown; options?: unknown } | null;
    if (spec && typeof spec === 'object' && (typeof spec.regex === 'string' || spec.regex instanceof RegExp)) safeRegExp(sourceOf(spec.regex), optionsOf(spec.regex, spec.options));
  }
}
