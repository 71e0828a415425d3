import fc from 'fast-check';
import { z } from 'zod';

/** The subset of JSON Schema (draft 2020-12) that `z.toJSONSchema` emits for our action inputs. */
export interface JsonSchema {
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema | false;
  prefixItems?: JsonSchema[];
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  multipleOf?: number;
}

/** Arrays and free-form values stay small: the point is shape, and every call crosses HTTP. */
const MAX_ITEMS = 4;
const MAX_DEPTH = 6;

/** The action's input schema as JSON Schema (what a client would see), refinements aside. */
export function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

/**
 * Values of the declared shape: the right types, lengths, patterns, enums and bounds. Refinements
 * (`.refine`, cross-field rules) are not in JSON Schema, so callers check candidates with the zod
 * schema itself (see deriveValid).
 */
export function arbitraryOf(schema: JsonSchema, root: JsonSchema = schema, depth = 0): fc.Arbitrary<unknown> {
  if (depth > MAX_DEPTH) return fc.constant(null);
  const next = (s: JsonSchema) => arbitraryOf(s, root, depth + 1);
  if (schema.$ref) return next(resolveRef(schema.$ref, root));
  if ('const' in schema) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map(next));
  if (schema.allOf?.length) return next(Object.assign({}, ...schema.allOf));
  if (Array.isArray(schema.type)) return fc.oneof(...schema.type.map((t) => next({ ...schema, type: t })));
  switch (schema.type) {
    case 'string':
      return stringOf(schema);
    case 'integer':
      return fc.integer({ min: lowerBound(schema, 1), max: upperBound(schema, 1) });
    case 'number':
      return fc.double({ min: lowerBound(schema, Number.MIN_VALUE), max: upperBound(schema, Number.MIN_VALUE), noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return arrayOf(schema, next);
    case 'object':
      return objectOfSchema(schema, next);
    default:
      // `{}`: anything a client could send as JSON.
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function resolveRef(ref: string, root: JsonSchema): JsonSchema {
  const m = /^#\/\$defs\/(.+)$/.exec(ref);
  const target = m ? root.$defs?.[decodeURIComponent(m[1])] : ref === '#' ? root : undefined;
  if (!target) throw new Error(`fuzz: cannot resolve JSON Schema $ref ${ref}`);
  return target;
}

function stringOf(s: JsonSchema): fc.Arbitrary<string> {
  const min = s.minLength ?? 0;
  const max = s.maxLength ?? Math.max(min, 24);
  if (s.pattern) return fc.stringMatching(new RegExp(s.pattern)).filter((v) => v.length >= min && v.length <= max);
  switch (s.format) {
    case 'email':
      return fc.emailAddress();
    case 'uri':
    case 'url':
      return fc.webUrl();
    case 'date-time':
      return fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
    case 'date':
      return fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    default:
      return fc.string({ minLength: min, maxLength: Math.min(max, min + 24), unit: fc.constantFrom('a', 'b', '中', '文', '1', '_', ' ', '-') });
  }
}

const lowerBound = (s: JsonSchema, step: number) => (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + step : (s.minimum ?? -1_000_000));
const upperBound = (s: JsonSchema, step: number) => (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - step : (s.maximum ?? 1_000_000));

function arrayOf(s: JsonSchema, next: (s: JsonSchema) => fc.Arbitrary<unknown>): fc.Arbitrary<unknown[]> {
  const minLength = s.minItems ?? 0;
  const maxLength = Math.max(minLength, Math.min(s.maxItems ?? MAX_ITEMS, MAX_ITEMS));
  if (s.prefixItems) return fc.tuple(...s.prefixItems.map(next));
  return fc.array(s.items ? next(s.items) : fc.jsonValue({ maxDepth: 1 }), { minLength, maxLength });
}

function objectOfSchema(s: JsonSchema, next: (s: JsonSchema) => fc.Arbitrary<unknown>): fc.Arbitrary<Record<string, unknown>> {
  const props = s.properties ?? {};
  const required = s.required ?? [];
  const model = Object.fromEntries(Object.entries(props).map(([k, v]) => [k, next(v)]));
  const fixed = fc.record(model, { requiredKeys: required.filter((k) => k in props) }) as fc.Arbitrary<Record<string, unknown>>;
  // A record (`z.record`): a few free keys of the declared value type.
  if (s.additionalProperties && typeof s.additionalProperties === 'object' && Object.keys(props).length === 0) {
    const value = next(s.additionalProperties);
    return fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), value, { maxKeys: 3 });
  }
  return fixed;
}

/**
 * Well-formed inputs of one action: values of its declared shape that its zod schema accepts
 * (refinements included). The acceptance rate is measured on a fixed-seed sample, so which actions
 * need a hand-written base is stable from run to run: a high rate fuzzes with fresh random valid
 * values every run; a low one falls back to the accepted sample; none means "needs an override".
 */
export function validInputs(schema: z.ZodType, tries = 300): fc.Arbitrary<unknown> | null {
  const arb = arbitraryOf(jsonSchemaOf(schema));
  const accepts = (v: unknown) => schema.safeParse(v).success;
  const found = fc.sample(arb, { numRuns: tries, seed: 7 }).filter(accepts);
  if (!found.length) return null;
  return found.length / tries >= 0.2 ? arb.filter(accepts) : fc.constantFrom(...found.slice(0, 60));
}
