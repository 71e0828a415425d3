import type { Envelope } from '@shared/errors/envelope';
import type { DeletionResult, ExportPage, PrivacySummary } from '@shared/privacy/views';
import type { CallFunction } from './cloud';

export type { DeletionBlocker, DeletionResult, ExportedDocument, ExportPage, PrivacyGroupView, PrivacySummary } from '@shared/privacy/views';

/** Typed calls to the `privacy` function: what we hold, the export pages, deleting the account. */
export interface PrivacyService {
  summary(): Promise<Envelope<PrivacySummary>>;
  /** One page of the export; pass back `nextCursor` until it is null. */
  exportPage(cursor?: string): Promise<Envelope<ExportPage>>;
  /** Call again with the same request id while the answer says `running`. */
  deleteAccount(requestId: string): Promise<Envelope<DeletionResult>>;
}

export const createPrivacyService = (call: CallFunction): PrivacyService => ({
  summary: () => call<PrivacySummary>('privacy', { action: 'summary' }),
  exportPage: (cursor) => call<ExportPage>('privacy', { action: 'export', ...(cursor ? { cursor } : {}) }),
  deleteAccount: (requestId) => call<DeletionResult>('privacy', { action: 'deleteAccount', confirm: true, requestId }),
});
