import { z } from 'zod';
import { campaignInputSchema } from '../../shared/promotions/campaign';
import { action, createHandler } from '../_kit';
import { requestIdSchema } from '../_kit/input';
import { create, get, launch, list, pause, preview, remove, report, resume, templates, tick, update } from './use-cases';

const campaignIdSchema = z.string().min(1).max(64);
const byId = z.object({ campaignId: campaignIdSchema }).strict();
const change = z.object({ campaignId: campaignIdSchema, requestId: requestIdSchema }).strict();

/**
 * Campaigns (issue 6, API.md `campaign`): operators create one from a template, preview its
 * audience and the contact policy's effect, launch (in bounded steps; the scheduler continues),
 * pause/resume, and read its report. Operators only, checked on the server. Its timer continues
 * launches and sends membership renewal reminders.
 */
export const main = createHandler({
  name: 'campaign',
  onTimer: 'tick',
  actions: {
    tick: action({ input: z.object({}).strict(), auth: 'system', sources: ['timer'], run: tick }),
    templates: action({ input: z.object({}).strict(), auth: 'operator', run: templates }),
    create: action({ input: z.object({ campaign: campaignInputSchema, requestId: requestIdSchema }).strict(), auth: 'operator', labels: { campaign: '活动' }, run: create }),
    list: action({ input: z.object({ cursor: z.number().int().positive().optional() }).strict(), auth: 'operator', run: list }),
    get: action({ input: byId, auth: 'operator', run: get }),
    update: action({ input: z.object({ campaignId: campaignIdSchema, campaign: campaignInputSchema, requestId: requestIdSchema }).strict(), auth: 'operator', labels: { campaign: '活动' }, run: update }),
    remove: action({ input: change, auth: 'operator', run: remove }),
    preview: action({ input: z.object({ campaignId: campaignIdSchema.optional(), campaign: campaignInputSchema.optional(), requestId: requestIdSchema.optional() }).strict(), auth: 'operator', run: preview }),
    launch: action({ input: change, auth: 'operator', run: launch }),
    pause: action({ input: change, auth: 'operator', run: pause }),
    resume: action({ input: change, auth: 'operator', run: resume }),
    report: action({ input: byId, auth: 'operator', run: report }),
  },
});
