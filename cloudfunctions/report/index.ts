import { z } from 'zod';
import { DAY_PATTERN, periodProblem } from '../../shared/reports/days';
import { action, createHandler } from '../_kit';
import { conversion, liability, overview, segmentHistory } from './use-cases';

const daySchema = z.string().regex(DAY_PATTERN, '日期格式应为 YYYY-MM-DD');

/** A period of business days, both ends included, at most MAX_REPORT_DAYS long. */
const periodSchema = z
  .object({ from: daySchema, to: daySchema })
  .strict()
  .superRefine((p, issue) => {
    const problem = periodProblem(p.from, p.to);
    if (problem) issue.addIssue({ code: 'custom', message: problem, path: ['to'] });
  });

/**
 * 经营报表 (PRODUCT.md "Reports", seed 004: profit, not GMV) — operators only (checked on the
 * server by createHandler). Figures come from rollups folded from money events (never from
 * re-reading orders); each read first folds what is still owed, within a bound.
 */
export const main = createHandler({
  name: 'report',
  actions: {
    overview: action({ input: periodSchema, auth: 'operator', run: overview }),
    liability: action({ input: periodSchema, auth: 'operator', run: liability }),
    conversion: action({ input: z.object({}).strict(), auth: 'operator', run: conversion }),
    segmentHistory: action({ input: periodSchema, auth: 'operator', run: segmentHistory }),
  },
});
