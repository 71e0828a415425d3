import fc from 'fast-check';
import { objectOf, RawJson, toJsonText } from './json-text';
import { nastyValue, pollutingObject, unknownKey } from './nasty';

type Path = Array<string | number>;

/** Every node below the root (fields, nested fields, array items) and every object node (root included). */
function nodesOf(value: unknown, at: Path = [], out = { all: [] as Path[], objects: [] as Path[] }) {
  if (value instanceof RawJson || value === null || typeof value !== 'object') return out;
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      out.all.push([...at, i]);
      nodesOf(v, [...at, i], out);
    });
    return out;
  }
  out.objects.push(at);
  for (const k of Object.keys(value)) {
    out.all.push([...at, k]);
    nodesOf((value as Record<string, unknown>)[k], [...at, k], out);
  }
  return out;
}

/** A copy with `path` replaced by `next(old)` (undefined = removed); own `__proto__` keys survive the copy. */
function update(value: unknown, path: Path, next: (old: unknown) => unknown): unknown {
  if (path.length === 0) return next(value);
  const [head, ...rest] = path;
  if (Array.isArray(value)) {
    const copy = [...value];
    const v = update(copy[head as number], rest, next);
    if (v === undefined && rest.length === 0) copy.splice(head as number, 1);
    else copy[head as number] = v;
    return copy;
  }
  const src = value as Record<string, unknown>;
  const entries = Object.keys(src).map((k): [string, unknown] => [k, k === head ? update(src[k], rest, next) : src[k]]);
  return objectOf(entries.filter(([, v]) => v !== undefined));
}

const addKey = (value: unknown, at: Path, key: string, v: unknown) => update(value, at, (o) => objectOf([...Object.entries(o as object), [key, v]]));

export type Mutation = 'valid' | 'replace' | 'extra-key' | 'drop-key' | 'pollute' | 'whole-event' | 'action';

export interface FuzzPayload {
  mutation: Mutation;
  /** The event body (without `action` unless the mutation is about it). */
  body: unknown;
  /** Where it was changed, for the failure message. */
  path?: string;
}

/** fast-check prints counterexamples with this: short, since a payload can be a megabyte of text. */
function printable(p: FuzzPayload): FuzzPayload {
  return Object.assign(p, {
    [fc.toStringMethod]: () => {
      const text = toJsonText(p.body);
      return `${p.mutation}${p.path ? ` at ${p.path}` : ''}: ${text.length > 400 ? `${text.slice(0, 400)}… (${text.length} chars)` : text}`;
    },
  });
}

/**
 * Payloads around well-formed inputs: left valid (random values for the declared fields), one
 * node replaced by a nasty value, an undeclared key added (top level or nested), a key dropped,
 * a prototype-polluting key added, the whole event replaced, or the action name itself attacked.
 */
export function payloadsAround(valid: fc.Arbitrary<unknown>): fc.Arbitrary<FuzzPayload> {
  return payloadKinds(valid).map(printable);
}

function payloadKinds(valid: fc.Arbitrary<unknown>): fc.Arbitrary<FuzzPayload> {
  return fc.oneof(
    { weight: 2, arbitrary: valid.map((body): FuzzPayload => ({ mutation: 'valid', body })) },
    {
      weight: 8,
      arbitrary: valid.chain((v) => {
        const { all } = nodesOf(v);
        if (!all.length) return fc.tuple(unknownKey, nastyValue).map(([k, x]): FuzzPayload => ({ mutation: 'extra-key', body: addKey(v, [], k, x), path: k }));
        return fc.tuple(fc.constantFrom(...all), nastyValue).map(([p, x]): FuzzPayload => ({ mutation: 'replace', body: update(v, p, () => x), path: p.join('.') }));
      }),
    },
    {
      weight: 3,
      arbitrary: valid.chain((v) => fc.tuple(fc.constantFrom(...nodesOf(v).objects), unknownKey, nastyValue).map(([p, k, x]): FuzzPayload => ({ mutation: 'extra-key', body: addKey(v, p, k, x), path: [...p, k].join('.') }))),
    },
    {
      weight: 1,
      arbitrary: valid.chain((v) => {
        const { all } = nodesOf(v);
        if (!all.length) return fc.constant<FuzzPayload>({ mutation: 'valid', body: v });
        return fc.constantFrom(...all).map((p): FuzzPayload => ({ mutation: 'drop-key', body: update(v, p, () => undefined), path: p.join('.') }));
      }),
    },
    {
      weight: 2,
      arbitrary: valid.chain((v) => fc.tuple(fc.constantFrom(...nodesOf(v).objects), fc.constantFrom('__proto__', 'constructor', 'prototype'), pollutingObject).map(([p, k, x]): FuzzPayload => ({ mutation: 'pollute', body: addKey(v, p, k, (x as Record<string, unknown>)[Object.keys(x as object)[0]]), path: [...p, k].join('.') }))),
    },
    { weight: 1, arbitrary: nastyValue.map((body): FuzzPayload => ({ mutation: 'whole-event', body })) },
    { weight: 1, arbitrary: fc.tuple(valid, nastyValue).map(([v, a]): FuzzPayload => ({ mutation: 'action', body: objectOf([...Object.entries(v as object), ['action', a]]) })) },
  );
}
