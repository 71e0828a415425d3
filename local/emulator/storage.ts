import Database from 'better-sqlite3';
import { decodeStored, encodeStored, type Doc } from './ejson';

export interface StoredWrite {
  collection: string;
  key: string;
  /** `null` deletes. */
  doc: Doc | null;
}

/**
 * The durable half of the emulator: one SQLite file in WAL mode. Every acknowledged write is
 * committed here (synchronously, better-sqlite3) before the HTTP reply goes out, so `kill -9`
 * loses nothing that was acknowledged. synchronous=NORMAL is enough for a process crash (the WAL
 * is in the OS page cache); only a power cut could drop the last commits.
 */
export class Storage {
  private readonly db: Database.Database;
  private readonly upsert: Database.Statement;
  private readonly del: Database.Statement;
  private readonly addColl: Database.Statement;
  private readonly batch: (writes: StoredWrite[]) => void;

  constructor(path: string) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS collections (name TEXT PRIMARY KEY) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS docs (
        coll TEXT NOT NULL, id TEXT NOT NULL, body TEXT NOT NULL,
        PRIMARY KEY (coll, id)
      ) WITHOUT ROWID;`);
    this.upsert = this.db.prepare('INSERT INTO docs (coll, id, body) VALUES (?, ?, ?) ON CONFLICT (coll, id) DO UPDATE SET body = excluded.body');
    this.del = this.db.prepare('DELETE FROM docs WHERE coll = ? AND id = ?');
    this.addColl = this.db.prepare('INSERT OR IGNORE INTO collections (name) VALUES (?)');
    this.batch = this.db.transaction((writes: StoredWrite[]) => {
      for (const w of writes) {
        if (w.doc) this.upsert.run(w.collection, w.key, encodeStored(w.doc));
        else this.del.run(w.collection, w.key);
      }
    });
  }

  /** All writes of one operation or one transaction commit land atomically. */
  write(writes: StoredWrite[]): void {
    if (writes.length > 0) this.batch(writes);
  }

  addCollection(name: string): void {
    this.addColl.run(name);
  }

  collections(): string[] {
    return (this.db.prepare('SELECT name FROM collections').all() as Array<{ name: string }>).map((r) => r.name);
  }

  /** Streams every stored document (used once, at open). */
  *load(): Generator<{ collection: string; key: string; doc: Doc }> {
    const rows = this.db.prepare('SELECT coll, id, body FROM docs').raw(true).iterate() as IterableIterator<[string, string, string]>;
    for (const [collection, key, body] of rows) yield { collection, key, doc: decodeStored(body) };
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
