import { z } from 'zod';
import { action, createHandler } from '../_kit';
import { requestIdSchema } from '../_kit/input';
import { getSettings, settingsEditor, updateSettings } from './use-cases';

export const main = createHandler({
  name: 'settings',
  actions: {
    get: action({ input: z.object({}).strict(), auth: 'operator', run: getSettings }),
    /** The settings screens: settings + version + whether the caller may edit the staff lists. */
    editor: action({ input: z.object({}).strict(), auth: 'operator', run: settingsEditor }),
    // The settings body is validated by the full settings schema inside the use case (with its own messages).
    update: action({
      input: z.object({ settings: z.record(z.string(), z.unknown()), expectedVersion: z.number().int().min(0).optional(), requestId: requestIdSchema }).strict(),
      auth: 'operator',
      run: updateSettings,
    }),
  },
});
