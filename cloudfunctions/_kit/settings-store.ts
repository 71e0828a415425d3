import { settingsSchema, type Settings } from '../../shared/settings';
import { getById, type Db } from './db';
import { COLL } from './collections';
import { databaseSource } from './database-source';

export const SETTINGS_ID = 'global';

/**
 * How long a warm instance keeps the settings it read. Nearly every call needs them and they
 * change a few times a month, so re-reading them per call was a billed round trip each time
 * (issue 18). An edit is seen at once by the instance that saved it (forgetSettings) and by every
 * operator action (they read fresh: who is an operator must never lag); other instances see it
 * within this. Orders carry their own prices and terms, so a customer is never charged by a
 * setting they did not see.
 */
export const SETTINGS_CACHE_MS = 30_000;

let generation = 0;
const cached = new Map<string, { until: number; generation: number; settings: Promise<Settings> }>();


/** The stored document, validated; missing = all defaults (PRODUCT.md); invalid = a fault (thrown), never replaced. */
async function readSettings(db: Db): Promise<Settings> {
  const doc = await getById<Record<string, unknown>>(db, COLL.settings, SETTINGS_ID);
  if (!doc) return settingsSchema.parse({});
  const { _id, _version, updatedAt, updatedBy, ...rest } = doc;
  void _id; void _version; void updatedAt; void updatedBy;
  return settingsSchema.parse(rest);
}

/** The settings, from this instance's cache when read less than SETTINGS_CACHE_MS ago (unless `fresh`). */
export function loadSettings(db: Db, opts: { fresh?: boolean } = {}): Promise<Settings> {
  const key = databaseSource();
  const hit = cached.get(key);
  if (!opts.fresh && hit && hit.generation === generation && Date.now() < hit.until) return hit.settings;
  const settings = readSettings(db);
  const entry = { until: Date.now() + SETTINGS_CACHE_MS, generation, settings };
  cached.set(key, entry);
  // A failed read is not remembered: the next call tries again.
  settings.catch(() => {
    if (cached.get(key) === entry) cached.delete(key);
  });
  return settings;
}

/** After a committed settings change (or a direct write by a tool): this instance reads them again. */
export function forgetSettings(): void {
  generation++;
}

/** A transaction that may change the settings: once it has settled, this instance reads them again. */
export async function changingSettings<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } finally {
    forgetSettings();
  }
}
