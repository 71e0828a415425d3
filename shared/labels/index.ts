/**
 * The back office's words in one place (issue 17, item 8): audit-log field and value labels,
 * people, and the settings summaries — read by the server's summaries and the Mini Program
 * alike. Segment names live in shared/segments/labels.ts (segmentLabel); option labels beside
 * their enums. This folder only reads others: nothing in shared/ imports it back.
 */
export * from './actors';
export * from './audit';
export { actionLabel, auditDiff, type DiffRow } from './audit-diff';
export * from './summaries';
