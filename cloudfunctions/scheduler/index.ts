import { schedulerApi } from '../../shared/api/scheduler';
import { createHandler } from '../_kit';
import { implement } from '../_kit/contract-actions';
import { sweep } from './sweep';

export const main = createHandler({
  name: 'scheduler',
  onTimer: 'sweep',
  actions: implement(schedulerApi, { sweep: { sources: ['timer'], run: sweep } }),
});
