import { settingsApi } from '../../shared/api/settings';
import { serve } from '../_kit/contract-actions';
import { getSettings, settingsEditor, updateSettings } from './use-cases';

/** Settings (shared/api/settings.ts); the body of `update` is validated by the full settings schema inside the use case. */
export const main = serve('settings', settingsApi, {
  get: { run: getSettings },
  editor: { run: settingsEditor },
  update: { run: updateSettings },
});
