import Taro from '@tarojs/taro';

/**
 * Where an exported CSV goes — the one place that knows the platform's file story (like cloud.ts
 * for calls). H5 (local mode): the pages are collected in memory and handed to the browser as a
 * download (a Blob). WeChat: each page is appended to a file under the Mini Program's user data
 * directory as it arrives, so a big export never sits in memory, and the operator sends the
 * finished file to a chat (wx.shareFileMessage) to get it onto a computer.
 */
export type SavedCsv = { where: 'download'; fileName: string } | { where: 'device'; fileName: string; path: string };

export interface CsvWriter {
  /** Adds a page of CSV text (the first page carries the BOM and header). */
  append(text: string): Promise<void>;
  /** Closes the file: the browser downloads it / it stays on the phone at `path`. */
  finish(): Promise<SavedCsv>;
  /** Cancelled or failed: nothing is left behind. */
  discard(): Promise<void>;
}

export type ShareResult = { ok: true } | { ok: false; message: string };

export interface CsvFileService {
  /**
   * A new file to write page by page. `mimeType` (default CSV) is what the browser download
   * carries — other text exports (the customer's data as JSON, 隐私与数据) use the same split.
   */
  create(fileName: string, mimeType?: string): CsvWriter;
  /** Whether a finished file is offered 发送到聊天 (WeChat), rather than downloaded already (H5). */
  readonly canShare: boolean;
  share(saved: SavedCsv): Promise<ShareResult>;
}

const CSV_MIME = 'text/csv;charset=utf-8';

function browserDownload(fileName: string, mimeType: string): CsvWriter {
  let chunks: string[] = [];
  return {
    async append(text) {
      chunks.push(text);
    },
    async finish() {
      const url = URL.createObjectURL(new Blob(chunks, { type: mimeType }));
      chunks = [];
      const a = document.createElement('a');
      a.href = url;
      a.download = fileName;
      document.body.appendChild(a);
      a.click();
      a.remove();
      // The browser has taken the file once the click was handled; free the memory a little later.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      return { where: 'download', fileName };
    },
    async discard() {
      chunks = [];
    },
  };
}

/** wx FileSystemManager calls, as promises (Taro does not promisify the manager's methods). */
function fsCall(method: 'writeFile' | 'appendFile' | 'unlink', options: Record<string, unknown>): Promise<void> {
  const fs = Taro.getFileSystemManager() as unknown as Record<string, (o: Record<string, unknown>) => void>;
  return new Promise((resolve, reject) => fs[method]({ ...options, success: () => resolve(), fail: (e: { errMsg?: string }) => reject(new Error(e?.errMsg ?? method)) }));
}

function deviceFile(fileName: string): CsvWriter {
  const path = `${String(Taro.env.USER_DATA_PATH).replace(/\/+$/, '')}/${fileName}`;
  let started = false;
  return {
    async append(text) {
      // The first page creates (or replaces) the file; the rest are appended as they arrive.
      await fsCall(started ? 'appendFile' : 'writeFile', { filePath: path, data: text, encoding: 'utf8' });
      started = true;
    },
    async finish() {
      if (!started) await fsCall('writeFile', { filePath: path, data: '', encoding: 'utf8' });
      return { where: 'device', fileName, path };
    },
    async discard() {
      if (started) await fsCall('unlink', { filePath: path }).catch(() => undefined);
    },
  };
}

const isH5 = process.env.TARO_ENV === 'h5';

export const csvFileService: CsvFileService = {
  create: (fileName, mimeType = CSV_MIME) => (isH5 ? browserDownload(fileName, mimeType) : deviceFile(fileName)),
  canShare: !isH5,
  async share(saved) {
    if (saved.where !== 'device') return { ok: true };
    try {
      await Taro.shareFileMessage({ filePath: saved.path, fileName: saved.fileName });
      return { ok: true };
    } catch (e) {
      const msg = (e as { errMsg?: string })?.errMsg ?? '';
      // Closing the chat picker is not a failure worth a message.
      if (/cancel/i.test(msg)) return { ok: true };
      return { ok: false, message: '发送失败，请稍后重试；文件仍保存在本机，可再次点「发送到聊天」。' };
    }
  },
};
