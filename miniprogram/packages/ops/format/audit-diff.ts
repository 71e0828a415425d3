import '../zod-setup';
import type { AuditEntry } from '@shared/schemas/audit';
import { auditDiff as diffOf, type DiffRow } from '@shared/labels/audit-diff';
import type { LabelRules } from '@shared/segments/labels';
import { dateTime } from '../../../format/date';

/**
 * The audit log's words come from shared/labels (one home with the server's summaries); this
 * only supplies the Shanghai date format the Mini Program shows everywhere.
 */
export { ENTITY_LABELS, actorLabel } from '@shared/labels';
export { actionLabel, type DiffRow } from '@shared/labels/audit-diff';

export const auditDiff = (e: AuditEntry, rules?: Pick<LabelRules, 'survey'>): DiffRow[] => diffOf(e, { dateTime, ...(rules ? { rules } : {}) });
