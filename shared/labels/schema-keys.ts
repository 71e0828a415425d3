import type { z } from 'zod';

/**
 * Every field a zod schema can hold, however deep (objects in lists, optional parts, unions), with
 * its parent field name as `locationOf` looks labels up (`parent.key` first, then `key`; list
 * positions do not count as a parent). Enum and literal fields carry their values, so a test can
 * check that each value a person may see has words. Used by the label coverage tests: a field
 * added to a schema without a label fails them.
 */
export interface SchemaField {
  /** Dot path of field names from the root (list positions left out). */
  path: string;
  key: string;
  /** The nearest enclosing field name ('' at the top). */
  parent: string;
  /** Values of an enum / literal field. */
  values?: string[];
}

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  options?: z.ZodType[];
  entries?: Record<string, string | number>;
  values?: unknown[];
  left?: z.ZodType;
  right?: z.ZodType;
  valueType?: z.ZodType;
}

const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** The enum / literal values of a (wrapped) schema, if it is one. */
function valuesOf(s: z.ZodType): string[] | undefined {
  const d = defOf(s);
  if (d.type === 'enum') return Object.values(d.entries ?? {}).map(String);
  if (d.type === 'literal') return (d.values ?? []).map(String);
  if (d.innerType) return valuesOf(d.innerType);
  if (d.type === 'pipe' && d.in) return valuesOf(d.in);
  return undefined;
}

export function schemaFields(schema: z.ZodType): SchemaField[] {
  const out = new Map<string, SchemaField>();
  const walk = (s: z.ZodType, path: string[], parent: string): void => {
    const d = defOf(s);
    switch (d.type) {
      case 'object':
        for (const [key, child] of Object.entries(d.shape ?? {})) {
          const p = [...path, key];
          const id = p.join('.');
          const values = valuesOf(child);
          const prev = out.get(id);
          // A discriminated union repeats `code` per option: collect every option's value.
          const merged = values ? [...new Set([...(prev?.values ?? []), ...values])] : prev?.values;
          out.set(id, { path: id, key, parent, ...(merged ? { values: merged } : {}) });
          walk(child, p, key);
        }
        return;
      case 'array':
        if (d.element) walk(d.element, path, parent);
        return;
      case 'union':
        for (const o of d.options ?? []) walk(o, path, parent);
        return;
      case 'intersection':
        if (d.left) walk(d.left, path, parent);
        if (d.right) walk(d.right, path, parent);
        return;
      case 'record':
        if (d.valueType) walk(d.valueType, path, parent);
        return;
      case 'pipe':
        if (d.in) walk(d.in, path, parent);
        if (d.out) walk(d.out, path, parent);
        return;
      default:
        if (d.innerType) walk(d.innerType, path, parent);
    }
  };
  walk(schema, [], '');
  return [...out.values()];
}
