import { segmentApi } from '../../shared/api/segment';
import { serve } from '../_kit/contract-actions';
import { counts, customer, exportCsv, list, recompute, timeline, transitions } from './use-cases';
import { syncJobs, syncTags, wecomSyncLog } from '../_segments/sync-tags';

/**
 * Customer segments (shared/api/segment.ts): the time-based transition run (timer) and the
 * operators' lists, counts, one customer's profile, CSV export and WeCom tag sync. Every operator
 * action checks the operator role on the server (createHandler), never trusting the client.
 */
export const main = serve('segment', segmentApi, {
  transitions: { sources: ['timer'], run: transitions },
  list: { run: list },
  counts: { run: counts },
  customer: { run: customer },
  timeline: { run: timeline },
  export: { run: exportCsv },
  syncTags: { run: syncTags },
  wecomSyncLog: { run: wecomSyncLog },
  syncJobs: { run: syncJobs },
  recompute: { run: recompute },
}, { onTimer: 'transitions' });
