import type { reportApi, ReportPeriod } from '@shared/api/report';
import { callerOf, type Out } from './api-call';
import type { CallFunction } from './cloud';

/** Typed calls to the `report` function (shared/api/report.ts, 经营报表). Operators only: everyone else gets FORBIDDEN. */
export type { ConversionView, LiabilityView, OverviewView, SegmentHistoryView } from '@shared/reports/views';
/** Shanghai business days, "YYYY-MM-DD", both included. */
export type { ReportPeriod } from '@shared/api/report';

type Api = typeof reportApi;

export interface ReportService {
  overview(period: ReportPeriod): Out<Api, 'overview'>;
  liability(period: ReportPeriod): Out<Api, 'liability'>;
  conversion(): Out<Api, 'conversion'>;
  segmentHistory(period: ReportPeriod): Out<Api, 'segmentHistory'>;
}

export const createReportService = (call: CallFunction): ReportService => {
  const report = callerOf<Api>(call, 'report');
  return {
    overview: ({ from, to }) => report('overview', { from, to }),
    liability: ({ from, to }) => report('liability', { from, to }),
    conversion: () => report('conversion'),
    segmentHistory: ({ from, to }) => report('segmentHistory', { from, to }),
  };
};
