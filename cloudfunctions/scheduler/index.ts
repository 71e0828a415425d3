import { schedulerApi } from '../../shared/api/scheduler';
import { serve } from '../_kit/contract-actions';
import { sweep } from './sweep';

export const main = serve('scheduler', schedulerApi, { sweep: { sources: ['timer'], run: sweep } }, { onTimer: 'sweep' });
