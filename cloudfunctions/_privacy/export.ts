import { fail, ok, type Result } from '../../shared/errors/result';
import { PRIVACY_GROUP_LABELS, type ExportedDocument, type ExportPage } from '../../shared/privacy/views';
import type { ActionContext } from '../_kit/create-handler';
import { OWN_COLLECTIONS, PRIVACY_COVERAGE } from './coverage';
import { pageMine } from './find';

/** Documents per call: a page stays far below the platform's reply size limit. */
const PAGE_DOCS = 100;

interface Position {
  /** Index into OWN_COLLECTIONS. */
  c: number;
  /** Last _id returned in that collection. */
  a?: string;
}

const encode = (p: Position) => Buffer.from(JSON.stringify(p)).toString('base64url');

function decode(cursor: string | undefined): Position | null {
  if (cursor === undefined) return { c: 0 };
  try {
    const p = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Position;
    return Number.isInteger(p.c) && p.c >= 0 && p.c <= OWN_COLLECTIONS.length && (p.a === undefined || typeof p.a === 'string') ? p : null;
  } catch {
    return null;
  }
}

const labelOf = (collection: string) => {
  const g = PRIVACY_COVERAGE[collection]?.group;
  return g ? PRIVACY_GROUP_LABELS[g] : collection;
};

/**
 * `privacy.export {cursor?}`: every document that belongs to the caller, exactly as stored, a page
 * at a time (collection by collection from the coverage table, each in _id order through the
 * customer's own index range). The Mini Program writes the pages into one JSON file.
 */
export async function exportPage(input: { cursor?: string }, ctx: ActionContext): Promise<Result<ExportPage>> {
  const pos = decode(input.cursor);
  if (!pos) return fail('INVALID_INPUT', '导出进度已失效，请重新导出。');
  const documents: ExportedDocument[] = [];
  let { c, a } = pos;
  while (c < OWN_COLLECTIONS.length && documents.length < PAGE_DOCS) {
    const collection = OWN_COLLECTIONS[c];
    const want = PAGE_DOCS - documents.length;
    const page = await pageMine(ctx.db, collection, ctx.openid, a, want);
    for (const document of page) documents.push({ collection, label: labelOf(collection), document });
    if (page.length < want) {
      c++;
      a = undefined;
    } else {
      a = page[page.length - 1]._id;
    }
  }
  return ok({ documents, nextCursor: c < OWN_COLLECTIONS.length ? encode({ c, ...(a !== undefined ? { a } : {}) }) : null, openid: ctx.openid, exportedAt: ctx.now() });
}
