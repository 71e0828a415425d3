import type { Envelope } from '@shared/errors/envelope';
import type { ConversionView, LiabilityView, OverviewView, SegmentHistoryView } from '@shared/reports/views';
import type { CallFunction } from './cloud';

/** Typed calls to the `report` function (经营报表). Operators only: everyone else gets FORBIDDEN. */
export type { ConversionView, LiabilityView, OverviewView, SegmentHistoryView } from '@shared/reports/views';

export interface ReportPeriod {
  /** Shanghai business days, "YYYY-MM-DD", both included. */
  from: string;
  to: string;
}

export interface ReportService {
  overview(period: ReportPeriod): Promise<Envelope<OverviewView>>;
  liability(period: ReportPeriod): Promise<Envelope<LiabilityView>>;
  conversion(): Promise<Envelope<ConversionView>>;
  segmentHistory(period: ReportPeriod): Promise<Envelope<SegmentHistoryView>>;
}

export const createReportService = (call: CallFunction): ReportService => ({
  overview: ({ from, to }) => call<OverviewView>('report', { action: 'overview', from, to }),
  liability: ({ from, to }) => call<LiabilityView>('report', { action: 'liability', from, to }),
  conversion: () => call<ConversionView>('report', { action: 'conversion' }),
  segmentHistory: ({ from, to }) => call<SegmentHistoryView>('report', { action: 'segmentHistory', from, to }),
});
