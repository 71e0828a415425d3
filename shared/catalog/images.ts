/**
 * Product image rules, shared by the operator screens (check before uploading) and the server
 * (checks the bytes that actually landed in storage — a client's claim about type and size is
 * never trusted).
 */
export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];

/** 2 MB: plenty for a product photo on a phone screen, small enough to load fast on 4G. */
export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;

export const IMAGE_EXTENSIONS: Record<ImageType, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

/** Where operator uploads go in cloud storage. */
export const PRODUCT_IMAGE_PREFIX = 'products/';

/** The image type from the file's first bytes (magic numbers), or null when it is none of ours. */
export function sniffImageType(bytes: Uint8Array): ImageType | null {
  const b = bytes;
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 && b[4] === 0x0d && b[5] === 0x0a && b[6] === 0x1a && b[7] === 0x0a) return 'image/png';
  if (b.length >= 12 && b[0] === 0x52 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x46 && b[8] === 0x57 && b[9] === 0x45 && b[10] === 0x42 && b[11] === 0x50) return 'image/webp';
  return null;
}

/** File sizes for people (display only): MB from 1 MB up, else KB, one decimal — never "0 KB". */
export const formatBytes = (bytes: number): string => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${(bytes / 1024).toFixed(1)} KB`);

/** Why an image is refused (Chinese, says what to do), or null when it is fine. */
export function imageProblem(size: number, type: ImageType | null): string | null {
  if (size <= 0) return '图片是空文件，请重新选择。';
  if (size > MAX_IMAGE_BYTES) return `图片过大（${formatBytes(size)}），最大 ${formatBytes(MAX_IMAGE_BYTES)}，请压缩后重新上传。`;
  if (!type) return '图片格式不支持，请上传 JPG、PNG 或 WebP 图片。';
  return null;
}

/** `products/<yyyymm>/<id>.<ext>` — the server picks the path, so uploads never overwrite each other. */
export function productImagePath(id: string, type: ImageType, now: number): string {
  const d = new Date(now + 8 * 3_600_000); // Shanghai month, without a timezone library on the hot path
  const month = `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  return `${PRODUCT_IMAGE_PREFIX}${month}/${id}.${IMAGE_EXTENSIONS[type]}`;
}

const TYPE_OF_EXTENSION: Record<string, ImageType> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };

/**
 * WeChat reports `fileType: 'image'` and a path with an extension (wxfile://tmp_….jpg); Taro's H5
 * picker reports the browser's MIME type and a blob: URL without one. Either is enough to ask for
 * an upload ticket; the server checks the real bytes afterwards anyway.
 */
export function contentTypeOf(fileType: string | undefined, path: string): ImageType | null {
  if (fileType && (IMAGE_TYPES as readonly string[]).includes(fileType)) return fileType as ImageType;
  const ext = /\.([A-Za-z0-9]+)(?:[?#].*)?$/.exec(path)?.[1]?.toLowerCase();
  return ext ? (TYPE_OF_EXTENSION[ext] ?? null) : null;
}
