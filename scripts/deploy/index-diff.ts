import type { IndexDecl } from '../../shared/schemas/indexes';

/** An index as the environment reports it (read through our port, see ./port.ts). */
export interface ExistingIndex {
  name: string;
  /** In key order; direction as reported (1 / -1, or another value such as a geo index kind). */
  keys: Array<{ field: string; direction: number | string }>;
  unique: boolean;
}

/** The index every collection has on _id, as DescribeTable reports it (cloud.tencent.com/document/api/876/127966, example output). */
export const DEFAULT_ID_INDEX = '_id_';

export interface IndexConflict {
  name: string;
  declared: string;
  existing: string;
}

export interface IndexDiff {
  /** Declared, absent: to create. */
  create: IndexDecl[];
  /** Declared and present with the same keys, order and uniqueness. */
  same: string[];
  /**
   * The deploy stops on these (dropping or renaming an index in production is a person's call):
   * same name with a different definition, or a missing name whose exact definition already exists
   * under another name (MongoDB refuses a second index with the same keys).
   */
  conflicts: IndexConflict[];
  /** Present but not declared (the _id index aside): reported, never dropped. */
  extra: ExistingIndex[];
}

export const describeDeclared = (i: IndexDecl): string =>
  `${i.unique ? 'UNIQUE ' : ''}(${Object.entries(i.keys).map(([f, d]) => `${f}:${d}`).join(', ')})`;

export const describeExisting = (i: ExistingIndex): string => `${i.unique ? 'UNIQUE ' : ''}(${i.keys.map((k) => `${k.field}:${k.direction}`).join(', ')})`;

export function diffIndexes(declared: IndexDecl[], existing: ExistingIndex[]): IndexDiff {
  const byName = new Map(existing.map((e) => [e.name, e]));
  const diff: IndexDiff = { create: [], same: [], conflicts: [], extra: [] };
  for (const d of declared) {
    const e = byName.get(d.name);
    if (!e) {
      const twin = existing.find((x) => x.name !== DEFAULT_ID_INDEX && !declared.some((o) => o.name === x.name) && describeExisting(x) === describeDeclared(d));
      if (twin) diff.conflicts.push({ name: d.name, declared: describeDeclared(d), existing: `the same keys already indexed as "${twin.name}"` });
      else diff.create.push(d);
    }
    else if (describeExisting(e) === describeDeclared(d)) diff.same.push(d.name);
    else diff.conflicts.push({ name: d.name, declared: describeDeclared(d), existing: describeExisting(e) });
  }
  const names = new Set(declared.map((d) => d.name));
  diff.extra = existing.filter((e) => !names.has(e.name) && e.name !== DEFAULT_ID_INDEX);
  return diff;
}
