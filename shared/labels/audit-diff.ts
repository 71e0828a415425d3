import { AUDIT_ACTION_LABELS, type AuditEntry } from '../schemas/audit';
import { locationOf } from '../schemas/issues';
import { BOOKKEEPING_FIELDS, FIELD_LABELS, FIELD_ORDER, INTERNAL_TOP_FIELDS, UNKNOWN_FIELD_LABELS, valueText, wholeValueText, type ValueFormat } from './audit';

/**
 * An audit entry as an operator reads it: which fields changed, each as "label: before → after"
 * with amounts in yuan, times as dates and codes in words — the leaves that differ, however deep
 * (settings change inside plan lists), never a JSON dump and never a raw key.
 */
export interface DiffRow {
  path: string;
  label: string;
  before: string;
  after: string;
}

type Leaf = { segs: Array<string | number>; parent: string; key: string; value: unknown };

const isLeaf = (v: unknown) => v === null || typeof v !== 'object' || (Array.isArray(v) && v.every((x) => x === null || typeof x !== 'object'));

/** The nearest field name above the last one (list positions skipped), as the label tables look up `parent.key`. */
function parentAndKey(segs: ReadonlyArray<string | number>): { parent: string; key: string } {
  const names = segs.filter((s): s is string => typeof s === 'string');
  return { key: names.at(-1) ?? '', parent: names.at(-2) ?? '' };
}

/** Leaves of `v` by path; primitive arrays (benefits, openids) and whole values (fulfilment, audience) stay one leaf. */
function leaves(e: AuditEntry, v: unknown, prefix: string[], out: Map<string, Leaf>): void {
  const segs = prefix.map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  const { parent, key } = parentAndKey(segs);
  if (isLeaf(v) || wholeValueText(e.entity, key, v) !== undefined) {
    out.set(prefix.join('.'), { segs, parent, key, value: v });
    return;
  }
  if (Array.isArray(v)) v.forEach((x, i) => leaves(e, x, [...prefix, String(i)], out));
  else for (const [k, x] of Object.entries(v as Record<string, unknown>)) if (!BOOKKEEPING_FIELDS.has(k)) leaves(e, x, [...prefix, k], out);
}

const top = (x: unknown) => (x && typeof x === 'object' && !Array.isArray(x) ? (x as Record<string, unknown>) : {});

/** The changed fields of an entry, as rows (before → after). */
export function auditDiff(e: AuditEntry, fmt: ValueFormat): DiffRow[] {
  const changed = e.changed?.length ? e.changed : [...new Set([...Object.keys(top(e.before)), ...Object.keys(top(e.after))])];
  // In the order the form and the settings screens show them (name before prices…), others after.
  const order = FIELD_ORDER[e.entity] ?? [];
  const rank = (k: string) => (order.includes(k) ? order.indexOf(k) : order.length);
  const keys = [...changed].sort((a, b) => rank(a) - rank(b));
  const labels = FIELD_LABELS[e.entity];
  const rows: DiffRow[] = [];
  for (const k of keys) {
    if (BOOKKEEPING_FIELDS.has(k) || INTERNAL_TOP_FIELDS.has(k)) continue;
    // Field by field: a created list's items come right after the fields before it, not at the end.
    const before = new Map<string, Leaf>();
    const after = new Map<string, Leaf>();
    leaves(e, top(e.before)[k], [k], before);
    leaves(e, top(e.after)[k], [k], after);
    for (const path of new Set([...after.keys(), ...before.keys()])) {
      const b = before.get(path);
      const a = after.get(path);
      if (JSON.stringify(b?.value) === JSON.stringify(a?.value)) continue;
      const { segs, parent, key } = (a ?? b)!;
      // Amounts are shown in yuan here: the labels' "（分）" would only confuse.
      const label = locationOf(segs, labels, UNKNOWN_FIELD_LABELS[e.entity]).replace(/（分）/g, '');
      let bt = valueText(e.entity, parent, key, b?.value, fmt);
      let at = valueText(e.entity, parent, key, a?.value, fmt);
      // Two values that read the same (two ids, two long texts cut at the same place) still changed.
      if (bt === at) [bt, at] = ['原设置', '新设置'];
      rows.push({ path, label, before: bt, after: at });
    }
  }
  return rows;
}

export const actionLabel = (e: Pick<AuditEntry, 'action'>): string => AUDIT_ACTION_LABELS[e.action] ?? '其他操作';
