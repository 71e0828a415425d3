import type { privacyApi } from '@shared/api/privacy';
import { callerOf, type Out } from './api-call';
import type { CallFunction } from './cloud';

export type { DeletionBlocker, DeletionResult, ExportedDocument, ExportPage, PrivacyGroupView, PrivacySummary } from '@shared/privacy/views';

type Api = typeof privacyApi;

/** Typed calls to the `privacy` function (shared/api/privacy.ts): what we hold, the export pages, deleting the account. */
export interface PrivacyService {
  summary(): Out<Api, 'summary'>;
  /** One page of the export; pass back `nextCursor` until it is null. */
  exportPage(cursor?: string): Out<Api, 'export'>;
  /** Call again with the same request id while the answer says `running`. */
  deleteAccount(requestId: string): Out<Api, 'deleteAccount'>;
}

export const createPrivacyService = (call: CallFunction): PrivacyService => {
  const privacy = callerOf<Api>(call, 'privacy');
  return {
    summary: () => privacy('summary'),
    exportPage: (cursor) => privacy('export', { cursor: cursor || undefined }),
    deleteAccount: (requestId) => privacy('deleteAccount', { confirm: true, requestId }),
  };
};
