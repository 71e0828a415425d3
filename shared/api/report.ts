import { z } from 'zod';
import { DAY_PATTERN, periodProblem } from '../reports/days';
import type { ConversionView, LiabilityView, OverviewView, SegmentHistoryView } from '../reports/views';
import { action } from './contract';
import { noInput } from './common';

const daySchema = z.string().regex(DAY_PATTERN, '日期格式应为 YYYY-MM-DD');

/** A period of Shanghai business days, both ends included, at most MAX_REPORT_DAYS long. */
const periodSchema = z
  .object({ from: daySchema, to: daySchema })
  .strict()
  .superRefine((p, issue) => {
    const problem = periodProblem(p.from, p.to);
    if (problem) issue.addIssue({ code: 'custom', message: problem, path: ['to'] });
  });
export type ReportPeriod = z.infer<typeof periodSchema>;

/** The `report` function (经营报表, operators only): figures from rollups folded from money events. */
export const reportApi = {
  overview: action<OverviewView>()({ summary: '经营概览：收入、成本与利润（不是 GMV）。', auth: 'operator', input: periodSchema }),
  liability: action<LiabilityView>()({ summary: '储值负债：期初、充值、消费、退款、期末。', auth: 'operator', input: periodSchema }),
  conversion: action<ConversionView>()({ summary: '试用装到正装、会员的转化。', auth: 'operator', input: noInput }),
  segmentHistory: action<SegmentHistoryView>()({ summary: '分组人数的历史。', auth: 'operator', input: periodSchema }),
};
