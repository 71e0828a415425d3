import { z } from 'zod';
import { DAY_PATTERN, periodProblem } from '../reports/days';
import type { RenewalsView } from '../reports/renewals';
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

/** 续费: a period of expiry dates, or none for this month and the next. */
const renewalsInput = z
  .object({ from: daySchema.optional(), to: daySchema.optional() })
  .strict()
  .superRefine((p, issue) => {
    if ((p.from === undefined) !== (p.to === undefined)) {
      issue.addIssue({ code: 'custom', message: '请同时选择开始和结束日期（都不选则看本月和下月到期的会员）。', path: [p.from === undefined ? 'from' : 'to'] });
      return;
    }
    const problem = p.from && p.to ? periodProblem(p.from, p.to) : null;
    if (problem) issue.addIssue({ code: 'custom', message: problem, path: ['to'] });
  });
export type RenewalsInput = z.infer<typeof renewalsInput>;

/** The `report` function (经营报表, operators only): figures from rollups folded from money events. */
export const reportApi = {
  overview: action<OverviewView>()({ summary: '经营概览：收入、成本与利润（不是 GMV）。', auth: 'operator', input: periodSchema }),
  liability: action<LiabilityView>()({ summary: '储值负债：期初、充值、消费、退款、期末。', auth: 'operator', input: periodSchema }),
  conversion: action<ConversionView>()({ summary: '试用装到正装、会员的转化。', auth: 'operator', input: noInput }),
  segmentHistory: action<SegmentHistoryView>()({ summary: '分组人数的历史。', auth: 'operator', input: periodSchema }),
  renewals: action<RenewalsView>()({
    summary: '续费：时间段内到期的会员期（默认本月和下月），到期前续费 / 到期后 30 天内续费 / 已流失 / 待定，续费率（按入会月份），本期已省与会员费之比的分布。',
    auth: 'operator',
    input: renewalsInput,
  }),
};
