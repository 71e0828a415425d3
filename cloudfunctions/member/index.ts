import { memberApi } from '../../shared/api/member';
import { serve } from '../_kit/contract-actions';
import { settlesEvents } from '../_consumers/settle';
import { claimGift, tiers } from './tiers';
import { trials } from './trials';
import { memberCard } from './card';
import { memberCode } from './code';

/** Member-facing progress: cumulative-spend tiers and their gifts, trial purchases (shared/api/member.ts). */
export const main = serve('member', memberApi, {
  tiers: { run: tiers },
  claimGift: { run: settlesEvents(claimGift) },
  trials: { run: trials },
  card: { run: memberCard },
  code: { run: memberCode },
});
