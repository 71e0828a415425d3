import type { SurveySettings } from '@shared/settings';
import type { CloudBackend } from './cloud-bridge';
import { gatewayBackend } from './cloud-bridge';

/**
 * What an operator does through the real local gateway (as `op_admin`) while a simulate test plays
 * the customer: change the survey settings, read the segment counts.
 */
export function gatewayOperator(baseUrl: string) {
  const op: CloudBackend = gatewayBackend(baseUrl, 'op_admin');
  let seq = 0;
  const call = async <T>(name: string, data: Record<string, unknown>): Promise<T> => {
    const reply = (await op(name, data)) as { ok: boolean; data?: T; error?: { code: string; message: string } };
    if (!reply.ok) throw new Error(`${name}.${String(data.action)} failed: ${JSON.stringify(reply.error)}`);
    return reply.data as T;
  };
  return {
    call,
    async setSurvey(survey: SurveySettings): Promise<void> {
      const editor = await call<{ settings: Record<string, unknown>; version: number }>('settings', { action: 'editor' });
      await call('settings', { action: 'update', settings: { ...editor.settings, survey }, expectedVersion: editor.version, requestId: `simop_${Date.now().toString(36)}_${seq++}` });
    },
    counts: () => call<Record<string, number>>('segment', { action: 'counts' }),
  };
}
