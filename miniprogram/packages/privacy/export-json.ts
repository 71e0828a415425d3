import type { ExportedDocument, ExportPage } from '@shared/privacy/views';

/**
 * The export file, written page by page as the pages arrive (on WeChat each is appended to a file,
 * so a large export never sits in memory): one JSON document —
 *   { "about", "openid", "exportedAt", "documents": [ {collection, label, document}, … ] }
 * Each piece is valid only in this order: header, entries (first page first), footer.
 */
export const EXPORT_ABOUT = '会员储值商城 · 我的数据：我们保存的与您有关的全部记录，原样导出（金额单位为分，时间为毫秒时间戳）。';

export function exportHeader(first: Pick<ExportPage, 'openid' | 'exportedAt'>): string {
  return `{\n  "about": ${JSON.stringify(EXPORT_ABOUT)},\n  "openid": ${JSON.stringify(first.openid)},\n  "exportedAt": ${JSON.stringify(new Date(first.exportedAt).toISOString())},\n  "documents": [`;
}

/** `written`: how many entries the file already holds (a comma goes before every later one). */
export function exportEntries(documents: ExportedDocument[], written: number): string {
  return documents.map((d, i) => `${written + i === 0 ? '' : ','}\n    ${JSON.stringify(d)}`).join('');
}

export const EXPORT_FOOTER = '\n  ]\n}\n';

/** my-data-2026-05-01.json */
export const exportFileName = (now: number) => `my-data-${new Date(now).toISOString().slice(0, 10)}.json`;
