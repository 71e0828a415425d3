import type { RenewalsInput, reportApi, ReportPeriod } from '@shared/api/report';
import { callerOf, type Out } from './api-call';
import type { CallFunction } from './cloud';

/** Typed calls to the `report` function (shared/api/report.ts, 经营报表). Operators only: everyone else gets FORBIDDEN. */
export type { ConversionView, LiabilityView, OverviewView, SegmentHistoryView } from '@shared/reports/views';
export type { RenewalsView } from '@shared/reports/renewals';
/** Shanghai business days, "YYYY-MM-DD", both included. */
export type { RenewalsInput, ReportPeriod } from '@shared/api/report';

type Api = typeof reportApi;

export interface ReportService {
  overview(period: ReportPeriod): Out<Api, 'overview'>;
  liability(period: ReportPeriod): Out<Api, 'liability'>;
  conversion(): Out<Api, 'conversion'>;
  segmentHistory(period: ReportPeriod): Out<Api, 'segmentHistory'>;
  /** 续费: no period = this month and the next. */
  renewals(period: RenewalsInput): Out<Api, 'renewals'>;
}

export const createReportService = (call: CallFunction): ReportService => {
  const report = callerOf<Api>(call, 'report');
  return {
    overview: ({ from, to }) => report('overview', { from, to }),
    liability: ({ from, to }) => report('liability', { from, to }),
    conversion: () => report('conversion'),
    segmentHistory: ({ from, to }) => report('segmentHistory', { from, to }),
    renewals: (period) => report('renewals', period.from && period.to ? { from: period.from, to: period.to } : {}),
  };
};
