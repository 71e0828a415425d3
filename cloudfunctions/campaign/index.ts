import { campaignApi } from '../../shared/api/campaign';
import { serve } from '../_kit/contract-actions';
import { create, get, launch, list, pause, preview, remove, report, resume, templates, tick, update } from './use-cases';

const labels = { campaign: '活动' };

/**
 * Campaigns (issue 6, shared/api/campaign.ts): operators create one from a template, preview its
 * audience and the contact policy's effect, launch (in bounded steps; the scheduler continues),
 * pause/resume, and read its report. Its timer continues launches and sends renewal reminders.
 */
export const main = serve('campaign', campaignApi, {
  tick: { sources: ['timer'], run: tick },
  templates: { run: templates },
  create: { labels, run: create },
  list: { run: list },
  get: { run: get },
  update: { labels, run: update },
  remove: { run: remove },
  preview: { run: preview },
  launch: { run: launch },
  pause: { run: pause },
  resume: { run: resume },
  report: { run: report },
}, { onTimer: 'tick' });
