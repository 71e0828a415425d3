import { settingsSchema, type Settings } from '../../shared/schemas/settings';
import { getById, type Db } from './db';
import { COLL } from './collections';

export const SETTINGS_ID = 'global';

/**
 * The settings document, validated. A missing document means "all defaults" (PRODUCT.md); a
 * stored document that no longer validates is a fault (thrown), never silently replaced.
 */
export async function loadSettings(db: Db): Promise<Settings> {
  const doc = await getById<Record<string, unknown>>(db, COLL.settings, SETTINGS_ID);
  if (!doc) return settingsSchema.parse({});
  const { _id, _version, updatedAt, updatedBy, ...rest } = doc;
  void _id; void _version; void updatedAt; void updatedBy;
  return settingsSchema.parse(rest);
}
