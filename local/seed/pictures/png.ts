import { deflateSync } from 'node:zlib';

// Math and Infinity as module bindings: under Jest the code runs in a vm context, where every
// global lookup in a per-pixel loop goes through the context's interceptors (measured ~30× slower).
const { abs } = Math;
const INF = Infinity;

/**
 * A minimal PNG encoder (8-bit truecolour, no alpha) over node:zlib, so the demo pictures need no
 * native image library. Only what the seed's illustrations need: one IDAT, per-row filter chosen by
 * the usual "smallest sum of absolute differences" heuristic (flat colours and gradients then
 * deflate to a few KB). Spec: https://www.w3.org/TR/png/ (chunks, CRC-32, filters).
 */

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The largest side we encode: far above any product picture, low enough that a typo can't allocate gigabytes. */
export const MAX_PNG_SIDE = 4096;

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 (ISO 3309, the one PNG chunks carry). */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  out.set(data, 8);
  // The CRC covers the type and the data, not the length.
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

export interface RgbImage {
  width: number;
  height: number;
  /** Row-major RGB, 3 bytes per pixel, top row first. */
  data: Uint8Array;
}

const paeth = (a: number, b: number, c: number) => {
  const p = a + b - c;
  const pa = abs(p - a);
  const pb = abs(p - b);
  const pc = abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
};

/** The five PNG filters of one row (`up` = the row above, zeros for the first), into `out[0..4]`. */
function filterRow(cur: Uint8Array, up: Uint8Array, out: Uint8Array[]) {
  const [none, sub, upF, avg, pae] = out;
  for (let i = 0; i < cur.length; i++) {
    const x = cur[i];
    const a = i >= 3 ? cur[i - 3] : 0;
    const b = up[i];
    const c = i >= 3 ? up[i - 3] : 0;
    none[i] = x;
    sub[i] = (x - a) & 0xff;
    upF[i] = (x - b) & 0xff;
    avg[i] = (x - ((a + b) >> 1)) & 0xff;
    pae[i] = (x - paeth(a, b, c)) & 0xff;
  }
}

/** Encodes an RGB image as PNG bytes. Throws a clear error on a malformed image. */
export function encodePng(img: RgbImage): Buffer {
  const { width, height, data } = img;
  for (const [name, v] of [['width', width], ['height', height]] as const) {
    if (!Number.isInteger(v) || v < 1 || v > MAX_PNG_SIDE) throw new RangeError(`PNG ${name} must be an integer from 1 to ${MAX_PNG_SIDE}, got ${v}`);
  }
  if (data.length !== width * height * 3) throw new RangeError(`PNG data must be width × height × 3 = ${width * height * 3} bytes (RGB), got ${data.length}`);

  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: truecolour
  ihdr[10] = 0; // deflate
  ihdr[11] = 0; // adaptive filtering
  ihdr[12] = 0; // no interlace

  const stride = width * 3;
  const raw = Buffer.alloc((stride + 1) * height);
  const zero = new Uint8Array(stride);
  const candidates = Array.from({ length: 5 }, () => new Uint8Array(stride));
  for (let y = 0; y < height; y++) {
    const cur = data.subarray(y * stride, (y + 1) * stride);
    const up = y > 0 ? data.subarray((y - 1) * stride, y * stride) : zero;
    filterRow(cur, up, candidates);
    let best = 0;
    let bestScore = INF;
    for (let f = 0; f < 5; f++) {
      const c = candidates[f];
      let score = 0;
      for (let i = 0; i < stride && score < bestScore; i++) score += c[i] < 128 ? c[i] : 256 - c[i];
      if (score < bestScore) {
        bestScore = score;
        best = f;
      }
    }
    raw[y * (stride + 1)] = best;
    raw.set(candidates[best], y * (stride + 1) + 1);
  }
  return Buffer.concat([PNG_SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', new Uint8Array(0))]);
}
