import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLocalSdkApp } from '../sdk';
import { startEmulatorServer, type EmulatorServer } from '..';
import { bucketOf } from '../files';

/**
 * Cloud storage conformance through the real @cloudbase/node-sdk 3.18: uploadFile (getUploadMetadata
 * + PUT), getTempFileURL, getFileInfo (temp URL + HEAD), downloadFile (temp URL + GET), deleteFile —
 * the calls our functions make — plus the served bytes, signatures and expiry.
 */
let server: EmulatorServer;
let app: ReturnType<typeof createLocalSdkApp>;
let clock = Date.now();
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'emu-storage-'));
  server = await startEmulatorServer({ dbPath: path.join(dataDir, 'db.sqlite'), now: () => clock });
  app = createLocalSdkApp(server.url, server.credentials);
});
afterAll(() => server.close());

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(300, 7)]);
const BUCKET = bucketOf('local');

describe('uploadFile / getTempFileURL / downloadFile / deleteFile through the real SDK', () => {
  test('round trip: the file id has the production shape and the temp URL serves the same bytes', async () => {
    const up = await app.uploadFile({ cloudPath: 'products/2026/a.png', fileContent: PNG });
    expect(up.fileID).toBe(`cloud://local.${BUCKET}/products/2026/a.png`);
    expect(BUCKET).toBe('6c6f-local-1250000000');
    // Stored under the data directory, beside the database.
    expect(existsSync(path.join(dataDir, 'storage', BUCKET, 'products', '2026', 'a.png'))).toBe(true);

    const urls = await app.getTempFileURL({ fileList: [{ fileID: up.fileID, maxAge: 600 }] });
    expect(urls.fileList).toHaveLength(1);
    expect(urls.fileList[0]).toMatchObject({ fileID: up.fileID, code: 'SUCCESS' });
    const res = await fetch(urls.fileList[0].tempFileURL);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await res.arrayBuffer()).equals(PNG)).toBe(true);

    const dl = await app.downloadFile({ fileID: up.fileID });
    expect(Buffer.isBuffer(dl.fileContent)).toBe(true);
    expect((dl.fileContent as Buffer).equals(PNG)).toBe(true);

    const info = await app.getFileInfo({ fileList: [up.fileID] });
    expect(info.fileList[0]).toMatchObject({ code: 'SUCCESS', size: PNG.length, mime: 'image/png', fileName: 'a.png' });

    const del = await app.deleteFile({ fileList: [up.fileID] });
    expect(del.fileList).toEqual([{ fileID: up.fileID, code: 'SUCCESS' }]);
    expect((await fetch(urls.fileList[0].tempFileURL)).status).toBe(404);
    const gone = await app.getTempFileURL({ fileList: [up.fileID] });
    expect(gone.fileList[0]).toMatchObject({ code: 'STORAGE_FILE_NONEXIST', tempFileURL: '' });
    const again = await app.deleteFile({ fileList: [up.fileID] });
    expect(again.fileList[0].code).toBe('STORAGE_FILE_NONEXIST');
  });

  test('uploading to the same path replaces the object (no partial files left behind)', async () => {
    await app.uploadFile({ cloudPath: 'x/same.txt', fileContent: Buffer.from('first') });
    const up = await app.uploadFile({ cloudPath: 'x/same.txt', fileContent: Buffer.from('second version') });
    const dl = await app.downloadFile({ fileID: up.fileID });
    expect((dl.fileContent as Buffer).toString()).toBe('second version');
    expect(readdirSync(path.join(dataDir, 'storage', BUCKET, 'x'))).toEqual(['same.txt']);
  });

  test('Chinese file names survive the SDK encoding', async () => {
    const up = await app.uploadFile({ cloudPath: 'products/面霜 图.png', fileContent: PNG });
    const dl = await app.downloadFile({ fileID: up.fileID });
    expect((dl.fileContent as Buffer).length).toBe(PNG.length);
  });

  test('temp URLs expire on the emulator clock and refuse a forged signature', async () => {
    const up = await app.uploadFile({ cloudPath: 'exp/b.png', fileContent: PNG });
    const { fileList } = await app.getTempFileURL({ fileList: [{ fileID: up.fileID, maxAge: 60 }] });
    const url = fileList[0].tempFileURL;
    expect((await fetch(url, { method: 'HEAD' })).status).toBe(200);
    const forged = url.replace(/sign=[0-9a-f]+/, `sign=${'0'.repeat(64)}`);
    expect((await fetch(forged)).status).toBe(403);
    clock += 61_000;
    const expired = await fetch(url);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain('Request has expired');
    // A fresh URL works again.
    const fresh = await app.getTempFileURL({ fileList: [up.fileID] });
    expect((await fetch(fresh.fileList[0].tempFileURL)).status).toBe(200);
  });

  test('a PUT without the authorization from getUploadMetadata is refused like COS refuses it', async () => {
    const meta = await app.getUploadMetadata({ cloudPath: 'sig/c.png' });
    const bad = await fetch(meta.data.url, { method: 'PUT', headers: { authorization: 'q-sign-algorithm=sha256&q-key-time=1&q-signature=00' }, body: PNG });
    expect(bad.status).toBe(403);
    expect(await bad.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
    // …and the right one (what wx.cloud.uploadFile / the H5 client sends) works.
    const good = await fetch(meta.data.url, { method: 'PUT', headers: { authorization: meta.data.authorization, 'x-cos-security-token': meta.data.token, 'x-cos-meta-fileid': meta.data.cosFileId }, body: PNG });
    expect(good.status).toBe(200);
    const info = await app.getFileInfo({ fileList: [meta.data.fileId] });
    expect(info.fileList[0]).toMatchObject({ code: 'SUCCESS', size: PNG.length });
  });

  test('bad paths, other environments and unknown ids are refused per entry or as errors', async () => {
    await expect(app.getUploadMetadata({ cloudPath: '../escape.png' })).rejects.toMatchObject({ code: 'INVALID_PARAM' });
    await expect(app.getUploadMetadata({ cloudPath: '/abs.png' })).rejects.toMatchObject({ code: 'INVALID_PARAM' });
    const res = await app.getTempFileURL({ fileList: ['cloud://other.6f74-other-1250000000/a.png', 'not-a-file-id', `cloud://local.${BUCKET}/nope.png`] });
    expect(res.fileList.map((f) => f.code)).toEqual(['STORAGE_FILE_NONEXIST', 'INVALID_PARAM', 'STORAGE_FILE_NONEXIST']);
    const many = Array.from({ length: 51 }, (_, i) => `cloud://local.${BUCKET}/f${i}.png`);
    await expect(app.getTempFileURL({ fileList: many })).rejects.toMatchObject({ code: 'INVALID_PARAM' });
    // Path traversal through the file route itself never leaves the storage directory.
    const escape = await fetch(`${server.url}/files/${BUCKET}/..%2F..%2Fdb.sqlite?sign=x&t=1`);
    expect(escape.status).toBe(400);
  });

  test('files survive an emulator restart (they live in the data directory)', async () => {
    const up = await app.uploadFile({ cloudPath: 'keep/d.png', fileContent: PNG });
    await server.close();
    server = await startEmulatorServer({ dbPath: path.join(dataDir, 'db.sqlite'), now: () => clock });
    app = createLocalSdkApp(server.url, server.credentials);
    const dl = await app.downloadFile({ fileID: up.fileID });
    expect((dl.fileContent as Buffer).equals(PNG)).toBe(true);
  });
});
