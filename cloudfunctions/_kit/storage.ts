import { getApp } from './db';

/**
 * Cloud storage through @cloudbase/node-sdk — the same calls against real CloudBase and against
 * the local emulator (which serves files from the data directory), so one code path runs
 * everywhere.
 */

/** CloudBase batch calls name at most this many files. */
const BATCH = 50;
/** Temp URLs we hand to customers live 2 h; a cached one is reused while it has ≥ 30 min left. */
export const TEMP_URL_MAX_AGE_S = 7_200;
const REUSE_MARGIN_MS = 30 * 60_000;

/** The environment's id as it appears in its file ids (`cloud://<env>.<bucket>/…`), when known. */
export function currentEnvId(): string | undefined {
  if (process.env.TCB_LOCAL_URL) return 'local';
  return process.env.TCB_ENV || process.env.SCF_NAMESPACE || undefined;
}

/** Whether a file id belongs to this environment's storage under `prefix`. */
export function isOwnFile(fileId: string, prefix: string): boolean {
  const m = /^cloud:\/\/([^./]+)\.[^/]+\/(.+)$/.exec(fileId);
  if (!m) return false;
  const env = currentEnvId();
  if (env && m[1] !== env) return false;
  return m[2].startsWith(prefix) && !m[2].split('/').includes('..');
}

const cache = new Map<string, { url: string; expiresAt: number }>();
const cacheKey = (fileId: string) => `${process.env.TCB_LOCAL_URL ?? 'cloud'}|${fileId}`;

/**
 * Temp download URLs for file ids (missing or unreadable files are simply absent from the map,
 * so a page shows the product without that image rather than a broken one). Cached per instance.
 */
export async function tempUrls(fileIds: readonly string[], now: number): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const wanted: string[] = [];
  for (const id of new Set(fileIds)) {
    const hit = cache.get(cacheKey(id));
    if (hit && hit.expiresAt - now > REUSE_MARGIN_MS) out.set(id, hit.url);
    else wanted.push(id);
  }
  for (let i = 0; i < wanted.length; i += BATCH) {
    const res = (await getApp().getTempFileURL({ fileList: wanted.slice(i, i + BATCH).map((fileID) => ({ fileID, maxAge: TEMP_URL_MAX_AGE_S })) })) as {
      fileList?: Array<{ fileID: string; tempFileURL: string; code: string }>;
      code?: string;
    };
    if (res.code) throw Object.assign(new Error(`getTempFileURL failed: ${res.code}`), { code: res.code });
    for (const f of res.fileList ?? []) {
      if (f.code !== 'SUCCESS' || !f.tempFileURL) continue;
      out.set(f.fileID, f.tempFileURL);
      cache.set(cacheKey(f.fileID), { url: f.tempFileURL, expiresAt: now + TEMP_URL_MAX_AGE_S * 1000 });
    }
  }
  return out;
}

/** Size and type as storage reports them (a HEAD of a temp URL), or null when the file is not there. */
export async function fileInfo(fileId: string): Promise<{ size: number; contentType: string } | null> {
  const res = (await getApp().getFileInfo({ fileList: [fileId] })) as { fileList?: Array<{ code: string; size?: number; contentType?: string }> };
  const f = res.fileList?.[0];
  if (!f || f.code !== 'SUCCESS') return null;
  return { size: f.size ?? 0, contentType: f.contentType ?? '' };
}

export async function downloadFile(fileId: string): Promise<Buffer> {
  const res = await getApp().downloadFile({ fileID: fileId });
  const c = res.fileContent;
  return Buffer.isBuffer(c) ? c : Buffer.from(c ?? '');
}

export async function deleteFiles(fileIds: string[]): Promise<void> {
  for (let i = 0; i < fileIds.length; i += BATCH) {
    await getApp().deleteFile({ fileList: fileIds.slice(i, i + BATCH) });
    for (const id of fileIds.slice(i, i + BATCH)) cache.delete(cacheKey(id));
  }
}

/**
 * Where a client may PUT a file at `cloudPath` (what wx.cloud.uploadFile does internally; the H5
 * build does it itself). The file id is what the upload will create.
 */
export async function uploadTarget(cloudPath: string): Promise<{ fileID: string; url: string; headers: Record<string, string> }> {
  const res = (await getApp().getUploadMetadata({ cloudPath })) as { data: { url: string; token: string; authorization: string; fileId: string; cosFileId: string } };
  const d = res.data;
  return {
    fileID: d.fileId,
    url: d.url,
    headers: { authorization: d.authorization, 'x-cos-security-token': d.token, 'x-cos-meta-fileid': d.cosFileId },
  };
}
