import type { settingsApi } from '@shared/api/settings';
import type { Settings } from '@shared/settings';
import { callerOf, type Out } from './api-call';
import type { CallFunction } from './cloud';

/** Typed calls to the `settings` function (shared/api/settings.ts), operator-only. */
export type { SettingsEditorView } from '@shared/ops/views';

type Api = typeof settingsApi;

export interface SettingsService {
  editor(): Out<Api, 'editor'>;
  /**
   * Replaces the whole settings document. CONFLICT (details.currentVersion) when `expectedVersion`
   * is stale; INVALID_INPUT with issue paths in details; FORBIDDEN when a non-owner changes the staff lists.
   */
  update(settings: Settings, expectedVersion: number | undefined, requestId: string): Out<Api, 'update'>;
}

export const createSettingsService = (call: CallFunction): SettingsService => {
  const settings = callerOf<Api>(call, 'settings');
  return {
    editor: () => settings('editor'),
    update: (body, expectedVersion, requestId) => settings('update', { settings: body, expectedVersion, requestId }),
  };
};
