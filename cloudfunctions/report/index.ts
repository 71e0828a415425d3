import { reportApi } from '../../shared/api/report';
import { serve } from '../_kit/contract-actions';
import { conversion, liability, overview, renewals, segmentHistory } from './use-cases';

/**
 * 经营报表 (PRODUCT.md "Reports", seed 004: profit, not GMV; shared/api/report.ts) — operators only.
 * Figures come from rollups folded from money events (never from re-reading orders); each read
 * first folds what is still owed, within a bound. 续费 (renewals) reads memberships and their orders.
 */
export const main = serve('report', reportApi, {
  overview: { run: overview },
  liability: { run: liability },
  conversion: { run: conversion },
  segmentHistory: { run: segmentHistory },
  renewals: { run: renewals },
});
