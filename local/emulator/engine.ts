import { COLLECTIONS, type CollectionDecl } from '../../shared/schemas/indexes';
import { Collection, type FindOptions, type FindResult } from './collection';
import { idKey, newId, type Doc } from './ejson';
import { ErrorCodes, fail, EmulatorError } from './errors';
import type { Plan } from './planner';
import { Storage, type StoredWrite } from './storage';

export interface EngineStats {
  queries: number;
  fullScans: number;
  indexedQueries: number;
  lastPlan: { collection: string; index: string | null; examined: number } | null;
  transactionsCommitted: number;
  transactionsAborted: number;
  transactionConflicts: number;
  documents: number;
  /** Counts answered from an index range alone (no document visited). */
  indexOnlyCounts: number;
}

interface TxWrite {
  collection: string;
  key: string;
  doc: Doc | null;
}

interface Tx {
  id: string;
  startSeq: number;
  startedAt: number;
  writes: Map<string, TxWrite>;
  state: 'active' | 'aborted';
}

/** CloudBase transactions time out; a handler that died mid-transaction must not hold locks forever. */
export const TX_TTL_MS = 30_000;

const slot = (collection: string, key: string) => `${collection}\u0000${key}`;

/**
 * The database engine behind the wire protocol: committed state in memory (written through to
 * SQLite first), snapshot transactions with first-writer-wins conflicts, and query stats that tests
 * use to prove indexed queries never scan.
 */
export class Engine {
  private readonly collections = new Map<string, Collection>();
  private readonly storage: Storage;
  private seq = 0;
  private readonly txs = new Map<string, Tx>();
  /** Uncommitted transactional writes: slot → transaction id. */
  private readonly locks = new Map<string, string>();
  /** Pre-images of documents changed while transactions were open: slot → [{until, doc}]. */
  private readonly history = new Map<string, Array<{ until: number; doc: Doc | null }>>();
  private readonly decls: Map<string, CollectionDecl>;
  private stat: EngineStats = {
    queries: 0,
    fullScans: 0,
    indexedQueries: 0,
    lastPlan: null,
    transactionsCommitted: 0,
    transactionsAborted: 0,
    transactionConflicts: 0,
    documents: 0,
    indexOnlyCounts: 0,
  };

  constructor(dbPath: string, decls: CollectionDecl[] = COLLECTIONS, private readonly now: () => number = Date.now) {
    this.decls = new Map(decls.map((d) => [d.name, d]));
    this.storage = new Storage(dbPath);
    for (const d of decls) this.storage.addCollection(d.name);
    const loaded = new Map<string, Array<{ key: string; doc: Doc }>>();
    for (const name of this.storage.collections()) loaded.set(name, []);
    for (const row of this.storage.load()) {
      let list = loaded.get(row.collection);
      if (!list) loaded.set(row.collection, (list = []));
      list.push({ key: row.key, doc: row.doc });
    }
    for (const [name, entries] of loaded) {
      const c = new Collection(name, this.decls.get(name));
      c.bulkLoad(entries);
      this.collections.set(name, c);
    }
  }

  stats(): EngineStats {
    let documents = 0;
    for (const c of this.collections.values()) documents += c.docs.size;
    return { ...this.stat, documents };
  }

  close(): void {
    this.storage.close();
  }

  // ---- collections --------------------------------------------------------------------------

  collection(name: unknown): Collection {
    if (typeof name !== 'string' || name === '') return fail(ErrorCodes.INVALID_PARAM, 'collectionName is required');
    const c = this.collections.get(name);
    if (!c) return fail(ErrorCodes.DATABASE_COLLECTION_NOT_EXIST, `[ResourceNotFound] Db or Table not exist: ${name}`);
    return c;
  }

  addCollection(name: unknown): void {
    if (typeof name !== 'string' || !/^[A-Za-z_][A-Za-z0-9_-]{0,63}$/.test(name)) fail(ErrorCodes.INVALID_PARAM, 'invalid collection name');
    const n = name as string;
    if (this.collections.has(n)) fail(ErrorCodes.DATABASE_COLLECTION_ALREADY_EXIST, `collection ${n} already exists`);
    this.storage.addCollection(n);
    this.collections.set(n, new Collection(n, this.decls.get(n)));
  }

  // ---- reads --------------------------------------------------------------------------------

  find(collection: string, filter: Record<string, unknown>, opts: FindOptions): FindResult {
    const c = this.collection(collection);
    const res = c.find(filter, opts);
    this.record(collection, res.plan, res.examined);
    return res;
  }

  /** Number of documents matching `filter` (index-only when the filter allows: see Collection.count). */
  count(collection: string, filter: Record<string, unknown>): number {
    const c = this.collection(collection);
    const res = c.count(filter);
    this.record(collection, res.plan, res.examined);
    if (res.indexOnly) this.stat.indexOnlyCounts++;
    return res.count;
  }

  private record(collection: string, plan: Plan, examined: number): void {
    this.stat.queries++;
    if (plan.index === null) this.stat.fullScans++;
    else this.stat.indexedQueries++;
    const index = plan.index === null ? null : plan.index === '_id' ? '_id' : plan.index.name;
    this.stat.lastPlan = { collection, index, examined };
  }

  // ---- non-transactional writes (each one atomic on its own) ---------------------------------

  /** Commits a batch of writes: SQLite first, then memory; returns the commit sequence. */
  private commit(writes: TxWrite[]): number {
    const stored: StoredWrite[] = writes.map((w) => ({ collection: w.collection, key: w.key, doc: w.doc }));
    this.storage.write(stored);
    const seq = ++this.seq;
    const keepHistory = this.txs.size > 0;
    for (const w of writes) {
      const c = this.collection(w.collection);
      if (keepHistory) {
        const s = slot(w.collection, w.key);
        const h = this.history.get(s) ?? [];
        h.push({ until: seq, doc: c.docs.get(w.key) ?? null });
        this.history.set(s, h);
      }
      c.put(w.key, w.doc, seq);
    }
    return seq;
  }

  insert(collection: string, docs: Doc[]): unknown[] {
    const c = this.collection(collection);
    const pending = new Map<string, Doc | null>();
    const ids: unknown[] = [];
    for (const d of docs) {
      const doc = { ...d };
      if (doc._id === undefined || doc._id === null || doc._id === '') doc._id = newId();
      const key = idKey(doc._id);
      if (c.docs.has(key) || pending.has(key)) fail(ErrorCodes.DATABASE_DUPLICATE_WRITE, `duplicate _id ${String(doc._id)} in ${collection}`);
      c.assertUnique(key, doc, pending);
      pending.set(key, doc);
      ids.push(doc._id);
    }
    this.commit([...pending].map(([key, doc]) => ({ collection, key, doc })));
    return ids;
  }

  /** Writes computed from current committed documents; `mutate` returns the new doc or undefined (unchanged). */
  writeMatched(collection: string, targets: Doc[], mutate: (doc: Doc) => Doc | null | undefined): number {
    const c = this.collection(collection);
    const pending = new Map<string, Doc | null>();
    for (const doc of targets) {
      const key = idKey(doc._id);
      const next = mutate(doc);
      if (next === undefined) continue;
      pending.set(key, next);
    }
    for (const [key, doc] of pending) if (doc) c.assertUnique(key, doc, pending);
    this.commit([...pending].map(([key, doc]) => ({ collection, key, doc })));
    return pending.size;
  }

  /** `doc(id).set()` outside a transaction: replace or create. */
  replace(collection: string, id: unknown, body: Doc): { updated: number; upsertedId?: unknown } {
    const c = this.collection(collection);
    const key = idKey(id);
    const doc = { ...body, _id: id };
    c.assertUnique(key, doc);
    const existed = c.docs.has(key);
    this.commit([{ collection, key, doc }]);
    return existed ? { updated: 1 } : { updated: 0, upsertedId: id };
  }

  // ---- transactions ---------------------------------------------------------------------------

  startTransaction(): string {
    this.expireTransactions();
    const id = `tx_${newId()}`;
    this.txs.set(id, { id, startSeq: this.seq, startedAt: this.now(), writes: new Map(), state: 'active' });
    return id;
  }

  private tx(id: unknown): Tx {
    const tx = typeof id === 'string' ? this.txs.get(id) : undefined;
    if (!tx) return fail(ErrorCodes.DATABASE_TRANSACTION_FAIL, 'transaction not found, expired or already finished');
    if (tx.state === 'aborted') return fail(ErrorCodes.DATABASE_TRANSACTION_FAIL, 'transaction was aborted');
    if (this.now() - tx.startedAt > TX_TTL_MS) {
      this.endTx(tx);
      return fail(ErrorCodes.DATABASE_TRANSACTION_FAIL, 'transaction expired');
    }
    return tx;
  }

  private expireTransactions(): void {
    const t = this.now();
    for (const tx of this.txs.values()) if (t - tx.startedAt > TX_TTL_MS) this.endTx(tx);
  }

  private endTx(tx: Tx): void {
    for (const s of tx.writes.keys()) if (this.locks.get(s) === tx.id) this.locks.delete(s);
    this.txs.delete(tx.id);
    if (this.txs.size === 0) this.history.clear();
    else {
      const min = Math.min(...[...this.txs.values()].map((t) => t.startSeq));
      for (const [s, h] of this.history) {
        const kept = h.filter((e) => e.until > min);
        if (kept.length === 0) this.history.delete(s);
        else this.history.set(s, kept);
      }
    }
  }

  private conflict(tx: Tx, what: string): never {
    this.stat.transactionConflicts++;
    this.stat.transactionsAborted++;
    this.endTx(tx);
    throw new EmulatorError(ErrorCodes.DATABASE_TRANSACTION_CONFLICT, `write conflict on ${what}; the transaction was aborted, retry it`);
  }

  /** The document as this transaction sees it: its own write, else the committed version at its snapshot. */
  readInTx(txId: unknown, collection: string, id: unknown): Doc | null {
    const tx = this.tx(txId);
    const c = this.collection(collection);
    const key = idKey(id);
    const s = slot(collection, key);
    const own = tx.writes.get(s);
    if (own) return own.doc;
    const committedSeq = c.seq.get(key) ?? 0;
    if (committedSeq <= tx.startSeq) return c.docs.get(key) ?? null;
    const version = this.history.get(s)?.find((e) => e.until > tx.startSeq);
    if (!version) return this.conflict(tx, `${collection}/${String(id)}`);
    return version.doc;
  }

  /**
   * Buffers a write in the transaction. First writer wins: a document another open transaction has
   * written, or one committed since our snapshot, aborts this transaction with a conflict.
   */
  writeInTx(txId: unknown, collection: string, id: unknown, mutate: (current: Doc | null) => Doc | null | undefined): { before: Doc | null; after: Doc | null | undefined } {
    const tx = this.tx(txId);
    const c = this.collection(collection);
    const key = idKey(id);
    const s = slot(collection, key);
    const holder = this.locks.get(s);
    if (holder && holder !== tx.id) this.conflict(tx, `${collection}/${String(id)}`);
    if ((c.seq.get(key) ?? 0) > tx.startSeq) this.conflict(tx, `${collection}/${String(id)}`);
    const before = this.readInTx(txId, collection, id);
    const after = mutate(before);
    if (after === undefined) return { before, after };
    this.locks.set(s, tx.id);
    tx.writes.set(s, { collection, key, doc: after });
    return { before, after };
  }

  commitTransaction(txId: unknown): void {
    const tx = this.tx(txId);
    const writes = [...tx.writes.values()];
    for (const w of writes) {
      if ((this.collection(w.collection).seq.get(w.key) ?? 0) > tx.startSeq) this.conflict(tx, `${w.collection}/${w.key}`);
    }
    const byColl = new Map<string, Map<string, Doc | null>>();
    for (const w of writes) {
      const m = byColl.get(w.collection) ?? new Map<string, Doc | null>();
      m.set(w.key, w.doc);
      byColl.set(w.collection, m);
    }
    try {
      for (const [name, m] of byColl) for (const [key, doc] of m) if (doc) this.collection(name).assertUnique(key, doc, m);
    } catch (e) {
      this.stat.transactionsAborted++;
      this.endTx(tx);
      throw e;
    }
    this.commit(writes);
    this.stat.transactionsCommitted++;
    this.endTx(tx);
  }

  /** Rolling back an unknown or already-aborted transaction is harmless (the SDK rolls back after conflicts). */
  abortTransaction(txId: unknown): void {
    const tx = typeof txId === 'string' ? this.txs.get(txId) : undefined;
    if (!tx) return;
    this.stat.transactionsAborted++;
    this.endTx(tx);
  }
}
