import { memberApi } from '../../shared/api/member';
import { createHandler } from '../_kit';
import { implement } from '../_kit/contract-actions';
import { settlesEvents } from '../_consumers/settle';
import { claimGift, tiers } from './tiers';
import { trials } from './trials';

/** Member-facing progress: cumulative-spend tiers and their gifts, trial purchases (shared/api/member.ts). */
export const main = createHandler({
  name: 'member',
  actions: implement(memberApi, {
    tiers: { run: tiers },
    claimGift: { run: settlesEvents(claimGift) },
    trials: { run: trials },
  }),
});
