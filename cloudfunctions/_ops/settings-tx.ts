import type { AuditAction } from '../../shared/schemas/audit';
import { settingsSchema, type Settings } from '../../shared/settings';
import { idFromKey } from '../_kit/ids';
import { SETTINGS_ID } from '../_kit/settings-store';
import type { Tx } from '../_kit/transaction';
import { txCreate, txGet, txReplace } from '../_kit/tx';
import { writeAudit } from './audit';
import { COLL } from '../_kit/collections';

type StoredSettings = Record<string, unknown> & { _id: string; _version?: number };

/** The settings document read inside `tx` (defaults when there is none yet), with what it was stored as. */
export interface SettingsInTx {
  stored: StoredSettings | null;
  settings: Settings;
}

export async function readSettingsTx(tx: Tx): Promise<SettingsInTx> {
  const stored = await txGet<StoredSettings>(tx, COLL.settings, SETTINGS_ID);
  const { _id, _version, updatedAt, updatedBy, ...rest } = stored ?? { _id: SETTINGS_ID };
  void _id; void _version; void updatedAt; void updatedBy;
  return { stored, settings: settingsSchema.parse(rest) };
}

/**
 * Writes a changed settings document inside `tx` the way settings.update does — next version,
 * the change record (settings_changes, id from the request) and the audit entry — so a change
 * made outside the settings editor (the first owner, a 上线检查 confirmation) shows in 操作记录 and
 * the settings history like any other, and its retry finds its records.
 */
export async function writeSettingsTx(
  tx: Tx,
  cur: SettingsInTx,
  next: Settings,
  change: { by: string; at: number; requestId: string; auditId: string; action: AuditAction; summary: string; changed: string[]; before: unknown; after: unknown },
): Promise<number> {
  const version = (cur.stored?._version ?? 0) + 1;
  const doc = { _id: SETTINGS_ID, ...next, _version: version, updatedAt: change.at, updatedBy: change.by };
  await (cur.stored ? txReplace(tx, COLL.settings, doc) : txCreate(tx, COLL.settings, doc));
  await txCreate(tx, COLL.settings_changes, { _id: idFromKey('chg', change.by, change.requestId), by: change.by, at: change.at, version, changed: change.changed, before: cur.settings, after: next });
  await writeAudit(tx, change, {
    id: change.auditId,
    entity: 'settings',
    entityId: SETTINGS_ID,
    action: change.action,
    summary: change.summary,
    before: change.before,
    after: change.after,
    changed: change.changed,
  });
  return version;
}
