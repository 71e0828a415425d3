import { update } from 'mingo/updater';
import { cloneDoc, isPlainObject, type Doc } from './ejson';
import { ErrorCodes, fail } from './errors';

/**
 * Applies a CloudBase update (`merge: true`): the SDK sends `$set/$inc/$unset/$push/…` together in
 * one object; mingo's updater takes one operator per call. Plain top-level fields mean `$set`.
 * Returns a new document (stored documents are never mutated: transactions hold references).
 */
export function applyUpdate(doc: Doc, data: unknown): { doc: Doc; modified: boolean } {
  if (!isPlainObject(data)) return fail(ErrorCodes.INVALID_PARAM, 'update data must be an object');
  const next = cloneDoc(doc);
  const plainSet: Record<string, unknown> = {};
  const ops: Array<[string, unknown]> = [];
  for (const [k, v] of Object.entries(data)) {
    if (k.startsWith('$')) ops.push([k, v]);
    else plainSet[k] = v;
  }
  if (Object.keys(plainSet).length > 0) ops.unshift(['$set', plainSet]);
  let modified = false;
  for (const [op, args] of ops) {
    if (isPlainObject(args) && ('_id' in args || Object.keys(args).some((p) => p.startsWith('_id.'))))
      fail(ErrorCodes.INVALID_PARAM, '不能更新_id的值');
    try {
      const changed = update(next, { [op]: args } as never);
      if (changed.length > 0) modified = true;
    } catch (e) {
      fail(ErrorCodes.DATABASE_REQUEST_FAILED, `invalid update ${op}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return { doc: next, modified };
}
