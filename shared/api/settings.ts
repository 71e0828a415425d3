import { z } from 'zod';
import type { SettingsEditorView } from '../ops/views';
import type { Settings } from '../settings';
import { action } from './contract';
import { noInput, requestIdSchema } from './common';

/** The `settings` function (operators): the validated settings document. */
export const settingsApi = {
  get: action<Settings>()({ summary: '当前设置。', auth: 'operator', input: noInput }),
  editor: action<SettingsEditorView>()({ summary: '设置页：设置、版本与本人能否修改人员名单。', auth: 'operator', input: noInput }),
  update: action<{ changed: string[]; version: number }>()({
    summary: '整体替换设置；expectedVersion 过期时为 CONFLICT（details.currentVersion）。设置正文由完整的设置 schema 在用例内校验。',
    auth: 'operator',
    input: z.object({ settings: z.record(z.string(), z.unknown()), expectedVersion: z.number().int().min(0).optional(), requestId: requestIdSchema }).strict(),
    errors: ['CONFLICT', 'FORBIDDEN'],
  }),
};
