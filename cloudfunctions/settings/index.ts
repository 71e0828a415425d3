import { z } from 'zod';
import { action, createHandler } from '../_kit';
import { requestIdSchema } from '../_kit/input';
import { getSettings, updateSettings } from './use-cases';

export const main = createHandler({
  name: 'settings',
  actions: {
    get: action({ input: z.object({}).strict(), auth: 'operator', run: getSettings }),
    // The settings body is validated by the full settings schema inside the use case (with its own messages).
    update: action({ input: z.object({ settings: z.record(z.string(), z.unknown()), requestId: requestIdSchema }).strict(), auth: 'operator', run: updateSettings }),
  },
});
