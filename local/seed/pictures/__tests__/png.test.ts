import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib, { inflateSync } from 'node:zlib';
import { MAX_IMAGE_BYTES, sniffImageType } from '../../../../shared/catalog/images';
import { picturesFor, renderPictures, SUBJECT_NAMES, viewsOf } from '..';
import { crc32, encodePng, PNG_SIGNATURE } from '../png';
import { circle, hex, Raster } from '../raster';

/**
 * The picture generator: the PNG encoder checked against the format itself (chunks, CRC, the
 * filtered scanlines inflated and un-filtered by a reference decoder written from the spec), the
 * raster layer's edges, and the demo pictures (size, distinctness, determinism, the cache).
 */

interface Chunk {
  type: string;
  data: Buffer;
  crc: number;
}

function chunks(png: Buffer): Chunk[] {
  expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
  const out: Chunk[] = [];
  for (let at = 8; at < png.length; ) {
    const len = png.readUInt32BE(at);
    out.push({ type: png.toString('ascii', at + 4, at + 8), data: png.subarray(at + 8, at + 8 + len), crc: png.readUInt32BE(at + 8 + len) });
    at += 12 + len;
  }
  return out;
}

/** Reference decoder for 8-bit RGB (PNG spec §9 filter reconstruction). */
function decodeRgb(png: Buffer): { width: number; height: number; data: Uint8Array; filters: Set<number> } {
  const cs = chunks(png);
  const ihdr = cs.find((c) => c.type === 'IHDR')!.data;
  const width = ihdr.readUInt32BE(0);
  const height = ihdr.readUInt32BE(4);
  const raw = inflateSync(Buffer.concat(cs.filter((c) => c.type === 'IDAT').map((c) => c.data)));
  const stride = width * 3;
  expect(raw.length).toBe((stride + 1) * height);
  const data = new Uint8Array(stride * height);
  const filters = new Set<number>();
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)];
    filters.add(f);
    for (let i = 0; i < stride; i++) {
      const x = raw[y * (stride + 1) + 1 + i];
      const a = i >= 3 ? data[y * stride + i - 3] : 0;
      const b = y > 0 ? data[(y - 1) * stride + i] : 0;
      const c = i >= 3 && y > 0 ? data[(y - 1) * stride + i - 3] : 0;
      const p = a + b - c;
      const pr = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      const pred = [0, a, b, (a + b) >> 1, pr][f];
      if (pred === undefined) throw new Error(`unknown filter ${f}`);
      data[y * stride + i] = (x + pred) & 0xff;
    }
  }
  return { width, height, data, filters };
}

describe('PNG encoder', () => {
  test('CRC-32 is the ISO one (check value of "123456789", and zlib agrees)', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    const bytes = Buffer.from('IHDR and friends');
    expect(crc32(bytes)).toBe(zlib.crc32(bytes));
  });

  test('header, chunk CRCs and every pixel survive a round trip', () => {
    const width = 37;
    const height = 23;
    const data = new Uint8Array(width * height * 3);
    // Flat bands, a gradient and pseudo-noise, so several filter types get chosen.
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        const i = (y * width + x) * 3;
        data[i] = y < 8 ? 200 : (x * 7) & 0xff;
        data[i + 1] = y < 8 ? 120 : (y * 11) & 0xff;
        data[i + 2] = y < 16 ? 30 : (x * 131 + y * 71) % 251;
      }
    const png = encodePng({ width, height, data });
    expect(sniffImageType(png)).toBe('image/png');
    const cs = chunks(png);
    expect(cs.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    for (const c of cs) expect(c.crc).toBe(crc32(Buffer.concat([Buffer.from(c.type, 'ascii'), c.data])));
    const ihdr = cs[0].data;
    expect([ihdr.readUInt32BE(0), ihdr.readUInt32BE(4), ihdr[8], ihdr[9], ihdr[10], ihdr[11], ihdr[12]]).toEqual([width, height, 8, 2, 0, 0, 0]);
    const decoded = decodeRgb(png);
    expect(decoded.filters.size).toBeGreaterThan(1);
    expect(Buffer.from(decoded.data).equals(Buffer.from(data))).toBe(true);
    const at = (x: number, y: number) => Array.from(decoded.data.subarray((y * width + x) * 3, (y * width + x) * 3 + 3));
    expect(at(5, 3)).toEqual([200, 120, 30]);
    expect(at(36, 22)).toEqual([(36 * 7) & 0xff, (22 * 11) & 0xff, (36 * 131 + 22 * 71) % 251]);
  });

  test('a malformed image is refused with what was wrong', () => {
    expect(() => encodePng({ width: 2, height: 2, data: new Uint8Array(11) })).toThrow('width × height × 3 = 12 bytes (RGB), got 11');
    expect(() => encodePng({ width: 0, height: 2, data: new Uint8Array(0) })).toThrow('width must be an integer from 1 to 4096, got 0');
    expect(() => encodePng({ width: 1.5, height: 2, data: new Uint8Array(9) })).toThrow(/width/);
    expect(() => encodePng({ width: 5000, height: 1, data: new Uint8Array(15_000) })).toThrow(/4096/);
  });
});

describe('raster', () => {
  test('a filled circle covers its centre, leaves the outside alone and blends its edge', () => {
    const r = new Raster(40, 40, [255, 255, 255]).fill(circle(20, 20, 10), hex('#c8785a'));
    expect(r.pixel(20, 20)).toEqual([0xc8, 0x78, 0x5a]);
    expect(r.pixel(2, 2)).toEqual([255, 255, 255]);
    // A pixel the edge crosses is between the two colours (anti-aliased), not either.
    const edge = r.pixel(26, 27);
    expect(edge[1]).toBeGreaterThan(0x78);
    expect(edge[1]).toBeLessThan(255);
    const png = r.toPng();
    const decoded = decodeRgb(png);
    expect(Array.from(decoded.data.subarray((20 * 40 + 20) * 3, (20 * 40 + 20) * 3 + 3))).toEqual([0xc8, 0x78, 0x5a]);
  });

  test('bad colours are refused', () => {
    expect(() => hex('red')).toThrow('colour must be #rrggbb, got "red"');
  });
});

describe('demo pictures', () => {
  test('every subject draws 2–3 distinct 600×600 PNGs well under the upload limit, the same bytes every time', () => {
    const sizes: string[] = [];
    for (const subject of SUBJECT_NAMES) {
      const pics = renderPictures({ subject, accent: '#c8785a' });
      expect(pics.map((p) => p.view)).toEqual(viewsOf(subject));
      expect(pics.length).toBeGreaterThanOrEqual(2);
      expect(pics.length).toBeLessThanOrEqual(3);
      expect(new Set(pics.map((p) => p.sha256)).size).toBe(pics.length);
      for (const p of pics) {
        expect(sniffImageType(p.png)).toBe('image/png');
        expect(p.png.length).toBeLessThan(Math.min(MAX_IMAGE_BYTES, 40 * 1024));
        const ihdr = chunks(p.png)[0].data;
        expect([ihdr.readUInt32BE(0), ihdr.readUInt32BE(4)]).toEqual([600, 600]);
        sizes.push(`${subject}/${p.view} ${p.png.length}`);
      }
      if (subject === 'dropper') {
        // Not noise: a flat illustration is mostly few colours (the top-left corner is the cream wall).
        const { data } = decodeRgb(pics[0].png);
        expect(Array.from(data.subarray(0, 3))).toEqual([0xfb, 0xf4, 0xec]);
        expect(renderPictures({ subject, accent: '#c8785a' }).map((p) => p.sha256)).toEqual(pics.map((p) => p.sha256));
        expect(renderPictures({ subject, accent: '#6fa3b0' })[0].sha256).not.toBe(pics[0].sha256);
      }
    }
    expect(sizes.length).toBeGreaterThanOrEqual(SUBJECT_NAMES.length * 2);
  });

  test('an unknown subject or a bad accent is refused by the spec schema', () => {
    expect(() => renderPictures({ subject: 'rocket' as never, accent: '#000000' })).toThrow(/subject/);
    expect(() => renderPictures({ subject: 'jar', accent: 'pink' })).toThrow('accent must be a #rrggbb colour');
  });

  test('the cache returns the drawn bytes, and a damaged cached file is drawn again', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pics-'));
    const first = picturesFor({ subject: 'ticket', accent: '#8fa77e' }, dir);
    const files = readdirSync(dir).filter((f) => f.endsWith('.png'));
    expect(files).toHaveLength(first.length);
    expect(picturesFor({ subject: 'ticket', accent: '#8fa77e' }, dir).map((p) => p.sha256)).toEqual(first.map((p) => p.sha256));
    writeFileSync(path.join(dir, files[0]), 'not a png');
    expect(picturesFor({ subject: 'ticket', accent: '#8fa77e' }, dir).map((p) => p.sha256)).toEqual(first.map((p) => p.sha256));
  });
});
