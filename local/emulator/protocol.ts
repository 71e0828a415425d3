import { Aggregator } from 'mingo';
import 'mingo/init/system';
import { applyUpdate } from './apply-update';
import { decodeEjson, encodeDoc, isPlainObject, type Doc } from './ejson';
import type { Engine } from './engine';
import { ErrorCodes, fail } from './errors';
import type { SortSpec } from './planner';
import { STORAGE_ACTIONS, type StorageContext } from './storage-actions';

/** Production limits (cloud function side): `get` returns 100 by default and 1000 at most. */
export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;
/** Aggregation without `$limit` returns 20 documents; with it, up to 10000. */
export const AGGREGATE_DEFAULT_LIMIT = 20;
export const AGGREGATE_MAX_LIMIT = 10000;

export type InvokeFunction = (name: string, data: unknown) => Promise<unknown>;

export interface ProtocolContext extends StorageContext {
  engine: Engine;
  now: () => number;
  invokeFunction?: InvokeFunction;
}

type Params = Record<string, unknown>;
type Reply = Record<string, unknown>;

const decode = (ctx: ProtocolContext, v: unknown): unknown => decodeEjson(v, ctx.now);

function filterOf(ctx: ProtocolContext, p: Params): Record<string, unknown> {
  if (p.query === undefined || p.query === '' || p.query === null) return {};
  const q = decode(ctx, p.query);
  if (!isPlainObject(q)) return fail(ErrorCodes.INVALID_PARAM, 'query must be an object');
  return q;
}

/** `order` arrives as an EJSON object `{field: 1|-1}` (SDK 3) or `[{field, direction}]` (older SDKs). */
function sortOf(ctx: ProtocolContext, p: Params): SortSpec {
  if (p.order === undefined || p.order === '') return [];
  const o = decode(ctx, p.order);
  const dir = (d: unknown): 1 | -1 => (d === -1 || d === 'desc' ? -1 : 1);
  if (Array.isArray(o)) return o.filter(isPlainObject).map((e) => [String(e.field), dir(e.direction)]);
  if (isPlainObject(o)) return Object.entries(o).map(([f, d]) => [f, dir(d)]);
  return fail(ErrorCodes.INVALID_PARAM, 'order must be an object');
}

function nonNegativeInt(v: unknown, name: string, fallback: number): number {
  if (v === undefined || v === null || v === '') return fallback;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) return fail(ErrorCodes.INVALID_PARAM, `${name} must be a non-negative integer`);
  return v;
}

/** The id a by-document request addresses (`queryType: DOC` sends `{_id: id}`). */
function docIdOf(filter: Record<string, unknown>): unknown {
  const keys = Object.keys(filter);
  if (keys.length !== 1 || keys[0] !== '_id' || isPlainObject(filter._id)) {
    return fail(ErrorCodes.DATABASE_REQUEST_FAILED, 'transactions support single-document operations by _id only (doc(id).get/set/update/remove, add)');
  }
  return filter._id;
}

function project(ctx: ProtocolContext, p: Params, docs: Doc[]): Doc[] {
  if (p.projection === undefined || p.projection === '') return docs;
  const proj = decode(ctx, p.projection);
  if (!isPlainObject(proj) || Object.keys(proj).length === 0) return docs;
  try {
    return new Aggregator([{ $project: proj }]).run(docs) as Doc[];
  } catch (e) {
    return fail(ErrorCodes.DATABASE_REQUEST_FAILED, `invalid projection: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function getDocument(ctx: ProtocolContext, p: Params): Reply {
  const collection = String(p.collectionName);
  const filter = filterOf(ctx, p);
  if (p.transactionId) {
    const doc = ctx.engine.readInTx(p.transactionId, collection, docIdOf(filter));
    return { data: { list: project(ctx, p, doc ? [doc] : []).map(encodeDoc) } };
  }
  const limit = Math.min(nonNegativeInt(p.limit, 'limit', DEFAULT_LIMIT) || DEFAULT_LIMIT, MAX_LIMIT);
  const offset = nonNegativeInt(p.offset, 'offset', 0);
  const { docs } = ctx.engine.find(collection, filter, { sort: sortOf(ctx, p), offset, limit });
  return { data: { list: project(ctx, p, docs).map(encodeDoc) } };
}

function calculateDocument(ctx: ProtocolContext, p: Params): Reply {
  return { data: { total: ctx.engine.count(String(p.collectionName), filterOf(ctx, p)) } };
}

function insertDocument(ctx: ProtocolContext, p: Params): Reply {
  const collection = String(p.collectionName);
  if (!Array.isArray(p.data) || p.data.length === 0) return fail(ErrorCodes.INVALID_PARAM, 'data must be a non-empty array of documents');
  const docs = p.data.map((d) => {
    const doc = decode(ctx, d);
    if (!isPlainObject(doc)) return fail(ErrorCodes.INVALID_PARAM, 'each document must be an object');
    return doc as Doc;
  });
  if (p.transactionId) {
    const ids = docs.map((doc) => {
      if (doc._id === undefined) return fail(ErrorCodes.DATABASE_REQUEST_FAILED, 'add() inside a transaction needs an explicit _id');
      ctx.engine.writeInTx(p.transactionId, collection, doc._id, (current) => {
        if (current) fail(ErrorCodes.DATABASE_DUPLICATE_WRITE, `duplicate _id ${String(doc._id)} in ${collection}`);
        return doc;
      });
      return doc._id;
    });
    return { data: { insertedIds: ids } };
  }
  return { data: { insertedIds: ctx.engine.insert(collection, docs) } };
}

function modifyDocument(ctx: ProtocolContext, p: Params): Reply {
  const collection = String(p.collectionName);
  const filter = filterOf(ctx, p);
  const data = decode(ctx, p.data);
  if (!isPlainObject(data)) return fail(ErrorCodes.INVALID_PARAM, 'data must be an object');
  const replace = p.merge === false;
  if (replace) {
    // doc(id).set(): replace the whole document, creating it if missing.
    const id = docIdOf(filter);
    if ('_id' in data) fail(ErrorCodes.INVALID_PARAM, '不能更新_id的值');
    if (p.transactionId) {
      const { before } = ctx.engine.writeInTx(p.transactionId, collection, id, () => ({ ...data, _id: id }));
      return { data: before ? { updated: 1 } : { updated: 0, upsert_id: id } };
    }
    const r = ctx.engine.replace(collection, id, data as Doc);
    return { data: r.upsertedId !== undefined ? { updated: r.updated, upsert_id: r.upsertedId } : { updated: r.updated } };
  }
  if (p.transactionId) {
    const id = docIdOf(filter);
    let modified = false;
    ctx.engine.writeInTx(p.transactionId, collection, id, (current) => {
      if (!current) return undefined;
      const r = applyUpdate(current, data);
      modified = r.modified;
      return r.modified ? r.doc : undefined;
    });
    return { data: { updated: modified ? 1 : 0 } };
  }
  const multi = p.multi !== false;
  const { docs } = ctx.engine.find(collection, filter, { sort: [], offset: 0, limit: multi ? Infinity : 1 });
  const updated = ctx.engine.writeMatched(collection, docs, (doc) => {
    const r = applyUpdate(doc, data);
    return r.modified ? r.doc : undefined;
  });
  return { data: { updated } };
}

function modifyAndReturnDoc(ctx: ProtocolContext, p: Params): Reply {
  const collection = String(p.collectionName);
  const filter = filterOf(ctx, p);
  const data = decode(ctx, p.data);
  if (!isPlainObject(data)) return fail(ErrorCodes.INVALID_PARAM, 'data must be an object');
  if (p.transactionId) {
    let after: Doc | null = null;
    let updated = 0;
    ctx.engine.writeInTx(p.transactionId, collection, docIdOf(filter), (current) => {
      if (!current) return undefined;
      const r = applyUpdate(current, data);
      after = r.doc;
      updated = r.modified ? 1 : 0;
      return r.modified ? r.doc : undefined;
    });
    return { data: { updated, doc: after ? encodeDoc(after) : null } };
  }
  const { docs } = ctx.engine.find(collection, filter, { sort: [], offset: 0, limit: 1 });
  if (docs.length === 0) return { data: { updated: 0, doc: null } };
  const r = applyUpdate(docs[0], data);
  if (r.modified) ctx.engine.writeMatched(collection, docs, () => r.doc);
  return { data: { updated: r.modified ? 1 : 0, doc: encodeDoc(r.doc) } };
}

function removeDocument(ctx: ProtocolContext, p: Params): Reply {
  const collection = String(p.collectionName);
  const filter = filterOf(ctx, p);
  if (p.transactionId) {
    const { before } = ctx.engine.writeInTx(p.transactionId, collection, docIdOf(filter), (current) => (current ? null : undefined));
    return { data: { deleted: before ? 1 : 0 } };
  }
  const multi = p.multi !== false;
  const { docs } = ctx.engine.find(collection, filter, { sort: [], offset: 0, limit: multi ? Infinity : 1 });
  return { data: { deleted: ctx.engine.writeMatched(collection, docs, () => null) } };
}

function aggregateDocuments(ctx: ProtocolContext, p: Params): Reply {
  const collection = String(p.collectionName);
  if (!Array.isArray(p.stages)) return fail(ErrorCodes.INVALID_PARAM, 'stages must be an array');
  const pipeline = p.stages.map((s) => {
    if (!isPlainObject(s) || typeof s.stageKey !== 'string') return fail(ErrorCodes.INVALID_PARAM, 'invalid stage');
    return { [s.stageKey]: decode(ctx, s.stageValue) } as Record<string, unknown>;
  });
  // A leading $match (and a $sort right after it) is served by the indexes, like MongoDB does.
  let input: Doc[];
  let rest = pipeline;
  if (pipeline.length > 0 && isPlainObject(pipeline[0].$match)) {
    const filter = pipeline[0].$match as Record<string, unknown>;
    input = ctx.engine.find(collection, filter, { sort: [], offset: 0, limit: Infinity }).docs;
    rest = pipeline.slice(1);
  } else {
    input = ctx.engine.find(collection, {}, { sort: [], offset: 0, limit: Infinity }).docs;
  }
  const hasLimit = pipeline.some((s) => '$limit' in s);
  let out: Doc[];
  try {
    out = rest.length > 0 ? (new Aggregator(rest).run(input) as Doc[]) : input;
  } catch (e) {
    return fail(ErrorCodes.DATABASE_REQUEST_FAILED, `invalid aggregation: ${e instanceof Error ? e.message : String(e)}`);
  }
  out = out.slice(0, hasLimit ? AGGREGATE_MAX_LIMIT : AGGREGATE_DEFAULT_LIMIT);
  return { data: { list: out.map(encodeDoc) } };
}

async function invokeFunction(ctx: ProtocolContext, p: Params): Promise<Reply> {
  const name = p.function_name;
  if (typeof name !== 'string' || name === '') return fail(ErrorCodes.INVALID_PARAM, 'function_name is required');
  if (!ctx.invokeFunction) return fail(ErrorCodes.FUNCTIONS_EXECUTE_FAIL, 'no functions are served by this emulator');
  let data: unknown = {};
  if (typeof p.request_data === 'string' && p.request_data !== '') {
    try {
      data = JSON.parse(p.request_data);
    } catch {
      return fail(ErrorCodes.INVALID_PARAM, 'request_data must be JSON');
    }
  }
  const result = await ctx.invokeFunction(name, data);
  return { data: { response_data: JSON.stringify(result ?? null) } };
}

type Action = (ctx: ProtocolContext, p: Params) => Reply | Promise<Reply>;

export const ACTIONS: Record<string, Action> = {
  'database.getDocument': getDocument,
  'database.calculateDocument': calculateDocument,
  'database.insertDocument': insertDocument,
  'database.modifyDocument': modifyDocument,
  'database.modifyAndReturnDoc': modifyAndReturnDoc,
  'database.removeDocument': removeDocument,
  'database.aggregateDocuments': aggregateDocuments,
  'database.addCollection': (ctx, p) => {
    ctx.engine.addCollection(p.collectionName);
    return {};
  },
  'database.startTransaction': (ctx) => ({ transactionId: ctx.engine.startTransaction() }),
  'database.commitTransaction': (ctx, p) => {
    ctx.engine.commitTransaction(p.transactionId);
    return {};
  },
  'database.abortTransaction': (ctx, p) => {
    ctx.engine.abortTransaction(p.transactionId);
    return {};
  },
  'functions.invokeFunction': invokeFunction,
  ...STORAGE_ACTIONS,
};
