import type { followupApi } from '@shared/api/followup';
import { callerOf, type In, type Out } from './api-call';
import type { CallFunction } from './cloud';

/** Typed calls to the `followup` function (shared/api/followup.ts): 一对一跟进. */
export type { ContactView, CustomerCardView, EntryRowView, ExecutionRow, ExecutionView, FollowupFormOptions, ListSummaryView, ListView } from '@shared/followup/views';

type Api = typeof followupApi;
export type CreateListInput = In<Api, 'create'>;
export type RecordContactInput = In<Api, 'recordContact'>;
export type EntryFilter = NonNullable<In<Api, 'list'>['filter']>;

export interface FollowupService {
  options(): Out<Api, 'options'>;
  create(input: CreateListInput): Out<Api, 'create'>;
  lists(status?: 'open' | 'closed'): Out<Api, 'lists'>;
  list(listId: string, filter?: EntryFilter, cursor?: string): Out<Api, 'list'>;
  customer(listId: string, openid: string): Out<Api, 'customer'>;
  recordContact(input: RecordContactInput): Out<Api, 'recordContact'>;
  close(listId: string, requestId: string): Out<Api, 'close'>;
  execution(listId: string): Out<Api, 'execution'>;
}

export const createFollowupService = (call: CallFunction): FollowupService => {
  const fu = callerOf<Api>(call, 'followup');
  return {
    options: () => fu('options'),
    create: (input) => fu('create', input),
    lists: (status) => fu('lists', { status }),
    list: (listId, filter, cursor) => fu('list', { listId, filter, cursor }),
    customer: (listId, openid) => fu('customer', { listId, openid }),
    recordContact: (input) => fu('recordContact', input),
    close: (listId, requestId) => fu('close', { listId, requestId }),
    execution: (listId) => fu('execution', { listId }),
  };
};
