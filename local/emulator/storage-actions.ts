import { ErrorCodes, fail } from './errors';
import { bucketOf, DEFAULT_MAX_AGE_S, invalidKeyReason, MAX_BATCH, parseFileId, type FileStore } from './files';

/**
 * The storage half of the wire protocol, as @cloudbase/node-sdk 3.18 sends it (src/storage):
 * - `storage.getUploadMetadata {path, method:'put'}` → `{data:{url, token, authorization, fileId, cosFileId, download_url}}`
 *   (the SDK then PUTs the bytes to `url` with `authorization`, `x-cos-security-token`, `x-cos-meta-fileid`)
 * - `storage.batchGetDownloadUrl {file_list:[{fileid, max_age?}]}` → `{data:{download_list:[{fileID, tempFileURL, code}]}}`
 * - `storage.batchDeleteFile {fileid_list}` → `{data:{delete_list:[{fileID, code}]}}`
 * Per-file problems are reported per entry (`code` other than SUCCESS), like production.
 */
export interface StorageContext {
  files?: FileStore;
  /** Where this request reached the emulator (`http://host:port/tcb`): file URLs hang off it. */
  baseUrl?: string;
}

type Params = Record<string, unknown>;

const envOf = (p: Params): string => (typeof p.envName === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(p.envName) ? p.envName : 'local');

function need(ctx: StorageContext): { files: FileStore; baseUrl: string } {
  if (!ctx.files || !ctx.baseUrl) return fail(ErrorCodes.SYS_ERR, 'this emulator has no storage configured');
  return { files: ctx.files, baseUrl: ctx.baseUrl };
}

function getUploadMetadata(ctx: StorageContext, p: Params) {
  const { files, baseUrl } = need(ctx);
  const reason = invalidKeyReason(p.path);
  if (reason) return fail(ErrorCodes.INVALID_PARAM, reason);
  return { data: files.uploadMetadata(baseUrl, envOf(p), p.path as string) };
}

/** A file id of THIS environment's bucket, or the per-entry code explaining why not. */
function locate(env: string, fileId: unknown): { bucket: string; key: string } | { code: string } {
  const f = parseFileId(fileId);
  if (!f || invalidKeyReason(f.key)) return { code: 'INVALID_PARAM' };
  if (f.env !== env || f.bucket !== bucketOf(env)) return { code: 'STORAGE_FILE_NONEXIST' };
  return { bucket: f.bucket, key: f.key };
}

function batchGetDownloadUrl(ctx: StorageContext, p: Params) {
  const { files, baseUrl } = need(ctx);
  if (!Array.isArray(p.file_list) || p.file_list.length === 0) return fail(ErrorCodes.INVALID_PARAM, 'file_list must be a non-empty array');
  if (p.file_list.length > MAX_BATCH) return fail(ErrorCodes.INVALID_PARAM, `file_list accepts at most ${MAX_BATCH} files`);
  const env = envOf(p);
  const download_list = p.file_list.map((entry) => {
    const e = (entry && typeof entry === 'object' ? entry : {}) as { fileid?: unknown; max_age?: unknown };
    const fileID = typeof e.fileid === 'string' ? e.fileid : '';
    const where = locate(env, e.fileid);
    if ('code' in where) return { fileID, tempFileURL: '', code: where.code };
    if (!files.stat(where.bucket, where.key)) return { fileID, tempFileURL: '', code: 'STORAGE_FILE_NONEXIST' };
    const maxAge = typeof e.max_age === 'number' && Number.isInteger(e.max_age) && e.max_age > 0 ? e.max_age : DEFAULT_MAX_AGE_S;
    return { fileID, tempFileURL: files.tempUrl(baseUrl, where.bucket, where.key, maxAge), code: 'SUCCESS' };
  });
  return { data: { download_list } };
}

function batchDeleteFile(ctx: StorageContext, p: Params) {
  const { files } = need(ctx);
  if (!Array.isArray(p.fileid_list) || p.fileid_list.length === 0) return fail(ErrorCodes.INVALID_PARAM, 'fileid_list must be a non-empty array');
  if (p.fileid_list.length > MAX_BATCH) return fail(ErrorCodes.INVALID_PARAM, `fileid_list accepts at most ${MAX_BATCH} files`);
  const env = envOf(p);
  const delete_list = p.fileid_list.map((fileId) => {
    const fileID = typeof fileId === 'string' ? fileId : '';
    const where = locate(env, fileId);
    if ('code' in where) return { fileID, code: where.code };
    return { fileID, code: files.remove(where.bucket, where.key) ? 'SUCCESS' : 'STORAGE_FILE_NONEXIST' };
  });
  return { data: { delete_list } };
}

export const STORAGE_ACTIONS = {
  'storage.getUploadMetadata': getUploadMetadata,
  'storage.batchGetDownloadUrl': batchGetDownloadUrl,
  'storage.batchDeleteFile': batchDeleteFile,
} as const;
