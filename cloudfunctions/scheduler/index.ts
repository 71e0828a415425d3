import { z } from 'zod';
import { action, createHandler } from '../_kit';
import { sweep } from './sweep';

export const main = createHandler({
  name: 'scheduler',
  onTimer: 'sweep',
  actions: {
    sweep: action({ input: z.object({}).strict(), auth: 'system', sources: ['timer'], run: sweep }),
  },
});
