import { settingsApi } from '../../shared/api/settings';
import { createHandler } from '../_kit';
import { implement } from '../_kit/contract-actions';
import { getSettings, settingsEditor, updateSettings } from './use-cases';

/** Settings (shared/api/settings.ts); the body of `update` is validated by the full settings schema inside the use case. */
export const main = createHandler({
  name: 'settings',
  actions: implement(settingsApi, {
    get: { run: getSettings },
    editor: { run: settingsEditor },
    update: { run: updateSettings },
  }),
});
