import type { Envelope } from '@shared/errors/envelope';
import type { SettingsEditorView } from '@shared/ops/views';
import type { Settings } from '@shared/schemas/settings';
import type { CallFunction } from './cloud';

/** Typed calls to the `settings` function (API.md), operator-only. */
export type { SettingsEditorView } from '@shared/ops/views';

export interface SettingsService {
  editor(): Promise<Envelope<SettingsEditorView>>;
  /**
   * Replaces the whole settings document. CONFLICT (details.currentVersion) when `expectedVersion`
   * is stale; INVALID_INPUT with issue paths in details; FORBIDDEN when a non-owner changes the staff lists.
   */
  update(settings: Settings, expectedVersion: number | undefined, requestId: string): Promise<Envelope<{ changed: string[]; version: number }>>;
}

export const createSettingsService = (call: CallFunction): SettingsService => ({
  editor: () => call<SettingsEditorView>('settings', { action: 'editor' }),
  update: (settings, expectedVersion, requestId) =>
    call('settings', expectedVersion === undefined ? { action: 'update', settings, requestId } : { action: 'update', settings, expectedVersion, requestId }),
});
