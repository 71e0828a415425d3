import { encodePng, type RgbImage } from './png';

// Math and Infinity as module bindings: under Jest the code runs in a vm context, where every
// global lookup in a per-pixel loop goes through the context's interceptors (measured ~30× slower).
const { abs, hypot, min, max, round, floor, ceil, cos, sin } = Math;
const INF = Infinity;

/**
 * A tiny raster drawing layer for the demo pictures. Every shape is a signed distance function
 * (negative inside, in pixels) with a bounding box: filling it covers each pixel by how far its
 * centre is inside the edge, which anti-aliases edges for free and makes soft shadows the same
 * call with a wider edge. Only what product illustrations need; no text, no fonts.
 */

export type Rgb = readonly [number, number, number];

export interface Shape {
  /** Bounding box [x0, y0, x1, y1] in pixels; nothing outside it is touched. */
  readonly box: readonly [number, number, number, number];
  /** Signed distance from (x, y) to the edge: < 0 inside. */
  sdf(x: number, y: number): number;
}

/** A flat colour, or a colour per pixel (gradients). */
export type Paint = Rgb | ((x: number, y: number) => Rgb);

export function hex(s: string): Rgb {
  const m = /^#([0-9a-f]{6})$/i.exec(s);
  if (!m) throw new Error(`colour must be #rrggbb, got ${JSON.stringify(s)}`);
  const n = parseInt(m[1], 16);
  return [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}

const clamp01 = (v: number) => (v < 0 ? 0 : v > 1 ? 1 : v);
export const mix = (a: Rgb, b: Rgb, t: number): Rgb => [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
export const lighten = (c: Rgb, t: number) => mix(c, [255, 255, 255], t);
export const darken = (c: Rgb, t: number) => mix(c, [0, 0, 0], t);

/** A linear gradient from (x0, y0) to (x1, y1) through `stops` ([offset 0–1, colour], ascending). */
export function linear(x0: number, y0: number, x1: number, y1: number, stops: ReadonlyArray<readonly [number, Rgb]>): Paint {
  if (stops.length < 2) throw new Error('a gradient needs at least two stops');
  const dx = x1 - x0;
  const dy = y1 - y0;
  const len2 = dx * dx + dy * dy || 1;
  return (x, y) => {
    const t = clamp01(((x - x0) * dx + (y - y0) * dy) / len2);
    let i = 1;
    while (i < stops.length - 1 && stops[i][0] < t) i++;
    const [ta, ca] = stops[i - 1];
    const [tb, cb] = stops[i];
    return mix(ca, cb, tb > ta ? clamp01((t - ta) / (tb - ta)) : 1);
  };
}

// ——— shapes ———

export function circle(cx: number, cy: number, r: number): Shape {
  return { box: [cx - r, cy - r, cx + r, cy + r], sdf: (x, y) => hypot(x - cx, y - cy) - r };
}

/** Axis-aligned ellipse (distance approximated by the gradient-normalised implicit function: exact enough for 1 px edges). */
export function ellipse(cx: number, cy: number, rx: number, ry: number): Shape {
  return {
    box: [cx - rx, cy - ry, cx + rx, cy + ry],
    sdf: (x, y) => {
      const dx = x - cx;
      const dy = y - cy;
      const k0 = hypot(dx / rx, dy / ry);
      const k1 = hypot(dx / (rx * rx), dy / (ry * ry));
      return k1 === 0 ? -min(rx, ry) : (k0 * (k0 - 1)) / k1;
    },
  };
}

/** Rectangle with rounded corners; `rTop`/`rBottom` differ for bottle shoulders and tabs. */
export function roundRect(x: number, y: number, w: number, h: number, r: number, rBottom = r): Shape {
  const cx = x + w / 2;
  const cy = y + h / 2;
  const hx = w / 2;
  const hy = h / 2;
  return {
    box: [x, y, x + w, y + h],
    sdf: (px, py) => {
      const rr = min(py < cy ? r : rBottom, hx, hy);
      const qx = abs(px - cx) - hx + rr;
      const qy = abs(py - cy) - hy + rr;
      return hypot(max(qx, 0), max(qy, 0)) + min(max(qx, qy), 0) - rr;
    },
  };
}

export const rect = (x: number, y: number, w: number, h: number) => roundRect(x, y, w, h, 0);

/** A segment with round ends (stems, steam, ribbons, strokes). */
export function capsule(ax: number, ay: number, bx: number, by: number, r: number): Shape {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy || 1;
  return {
    box: [min(ax, bx) - r, min(ay, by) - r, max(ax, bx) + r, max(ay, by) + r],
    sdf: (x, y) => {
      const t = clamp01(((x - ax) * dx + (y - ay) * dy) / len2);
      return hypot(x - ax - dx * t, y - ay - dy * t) - r;
    },
  };
}

/** Any simple polygon (points in order). Exact distance, sign by the even-odd rule. */
export function polygon(points: ReadonlyArray<readonly [number, number]>): Shape {
  if (points.length < 3) throw new Error('a polygon needs at least three points');
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  return {
    box: [min(...xs), min(...ys), max(...xs), max(...ys)],
    sdf: (x, y) => {
      let d = INF;
      let inside = false;
      for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
        const [xi, yi] = points[i];
        const [xj, yj] = points[j];
        const ex = xj - xi;
        const ey = yj - yi;
        const t = clamp01(((x - xi) * ex + (y - yi) * ey) / (ex * ex + ey * ey || 1));
        d = min(d, hypot(x - xi - ex * t, y - yi - ey * t));
        if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
      }
      return inside ? -d : d;
    },
  };
}

/** A regular star or burst with `n` points. */
export function star(cx: number, cy: number, rOuter: number, rInner: number, n: number, turn = -Math.PI / 2): Shape {
  const pts: Array<[number, number]> = [];
  for (let i = 0; i < n * 2; i++) {
    const r = i % 2 === 0 ? rOuter : rInner;
    const a = turn + (i * Math.PI) / n;
    pts.push([cx + r * cos(a), cy + r * sin(a)]);
  }
  return polygon(pts);
}

/** The band of width `w` along a shape's edge (rings, outlines). */
export function outline(s: Shape, w: number): Shape {
  const [x0, y0, x1, y1] = s.box;
  return { box: [x0 - w, y0 - w, x1 + w, y1 + w], sdf: (x, y) => abs(s.sdf(x, y)) - w / 2 };
}

export function union(...shapes: Shape[]): Shape {
  return {
    box: [min(...shapes.map((s) => s.box[0])), min(...shapes.map((s) => s.box[1])), max(...shapes.map((s) => s.box[2])), max(...shapes.map((s) => s.box[3]))],
    sdf: (x, y) => {
      let d = INF;
      for (const s of shapes) d = min(d, s.sdf(x, y));
      return d;
    },
  };
}

export function intersect(a: Shape, b: Shape): Shape {
  return {
    box: [max(a.box[0], b.box[0]), max(a.box[1], b.box[1]), min(a.box[2], b.box[2]), min(a.box[3], b.box[3])],
    sdf: (x, y) => max(a.sdf(x, y), b.sdf(x, y)),
  };
}

/** `a` with `b` cut out of it. */
export function subtract(a: Shape, b: Shape): Shape {
  return { box: a.box, sdf: (x, y) => max(a.sdf(x, y), -b.sdf(x, y)) };
}

/** `s` rotated by `angle` radians (clockwise on screen) about (cx, cy). */
export function rotate(s: Shape, angle: number, cx: number, cy: number): Shape {
  const ca = cos(angle);
  const sa = sin(angle);
  const [x0, y0, x1, y1] = s.box;
  const corners = [[x0, y0], [x1, y0], [x0, y1], [x1, y1]].map(([x, y]) => [cx + (x - cx) * ca - (y - cy) * sa, cy + (x - cx) * sa + (y - cy) * ca]);
  return {
    box: [min(...corners.map((c) => c[0])), min(...corners.map((c) => c[1])), max(...corners.map((c) => c[0])), max(...corners.map((c) => c[1]))],
    // Rotate the sample point back into the shape's own frame.
    sdf: (x, y) => s.sdf(cx + (x - cx) * ca + (y - cy) * sa, cy - (x - cx) * sa + (y - cy) * ca),
  };
}

export function translate(s: Shape, dx: number, dy: number): Shape {
  const [x0, y0, x1, y1] = s.box;
  return { box: [x0 + dx, y0 + dy, x1 + dx, y1 + dy], sdf: (x, y) => s.sdf(x - dx, y - dy) };
}

// ——— the canvas ———

export interface FillOptions {
  /** 0–1, multiplies the coverage. */
  opacity?: number;
  /** Edge width in pixels: 1 = crisp anti-aliased edge, larger = a soft blur (shadows, glows). */
  soft?: number;
}

export class Raster implements RgbImage {
  readonly data: Uint8Array;

  constructor(
    readonly width: number,
    readonly height: number,
    background: Paint = [255, 255, 255],
  ) {
    if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) throw new RangeError(`raster size must be positive integers, got ${width}×${height}`);
    this.data = new Uint8Array(width * height * 3);
    this.fill(rect(0, 0, width, height), background);
  }

  fill(shape: Shape, paint: Paint, opts: FillOptions = {}): this {
    const opacity = opts.opacity ?? 1;
    const soft = max(1, opts.soft ?? 1);
    const pad = soft / 2 + 1;
    const x0 = max(0, floor(shape.box[0] - pad));
    const y0 = max(0, floor(shape.box[1] - pad));
    const x1 = min(this.width, ceil(shape.box[2] + pad));
    const y1 = min(this.height, ceil(shape.box[3] + pad));
    const flat = typeof paint === 'function' ? null : paint;
    for (let y = y0; y < y1; y++) {
      for (let x = x0; x < x1; x++) {
        const cov = clamp01(0.5 - shape.sdf(x + 0.5, y + 0.5) / soft);
        if (cov <= 0) continue;
        const a = cov * opacity;
        const c = flat ?? (paint as (x: number, y: number) => Rgb)(x + 0.5, y + 0.5);
        const i = (y * this.width + x) * 3;
        const d = this.data;
        d[i] = round(d[i] + (c[0] - d[i]) * a);
        d[i + 1] = round(d[i + 1] + (c[1] - d[i + 1]) * a);
        d[i + 2] = round(d[i + 2] + (c[2] - d[i + 2]) * a);
      }
    }
    return this;
  }

  /** The colour at (x, y), for tests. */
  pixel(x: number, y: number): Rgb {
    const i = (y * this.width + x) * 3;
    return [this.data[i], this.data[i + 1], this.data[i + 2]];
  }

  toPng(): Buffer {
    return encodePng(this);
  }
}
