import { capsule, circle, darken, ellipse, hex, intersect, lighten, linear, mix, outline, polygon, Raster, rect, rotate, roundRect, star, subtract, union, type Rgb } from './raster';

/**
 * The demo products drawn as flat illustrations: a warm studio backdrop (cream wall, wooden
 * table, a halo in the product's accent colour) and the product itself built from simple shapes.
 * Each subject has a cover and one or two detail views. Everything is a pure function of
 * (subject, view, accent), so the same seed always yields the same bytes.
 */

export const SIZE = 600;

const CREAM: Rgb = hex('#fbf4ec');
const WALL_LOW: Rgb = hex('#f3e4d4');
const TABLE: Rgb = hex('#e9d2bd');
const TABLE_LOW: Rgb = hex('#dcbfa5');
const SAGE: Rgb = hex('#9aae86');
const SAGE_DARK: Rgb = hex('#7c9468');
const GOLD: Rgb = hex('#d6ab5e');
const GOLD_DARK: Rgb = hex('#a98138');
const PAPER: Rgb = hex('#fffaf3');
const INK: Rgb = hex('#6b5546');
const WHITE: Rgb = [255, 255, 255];
const TABLE_Y = 440;

/** Horizontal light-to-shade across an object from x0 to x1: reads as a cylinder. */
const body = (x0: number, x1: number, c: Rgb) =>
  linear(x0, 0, x1, 0, [
    [0, darken(c, 0.18)],
    [0.28, c],
    [0.5, lighten(c, 0.14)],
    [0.8, c],
    [1, darken(c, 0.28)],
  ]);

function backdrop(r: Raster, accent: Rgb, opts: { haloX?: number; haloY?: number; haloR?: number; table?: boolean } = {}) {
  r.fill(rect(0, 0, SIZE, SIZE), linear(0, 0, 0, SIZE, [[0, CREAM], [1, WALL_LOW]]));
  r.fill(circle(opts.haloX ?? 300, opts.haloY ?? 270, opts.haloR ?? 205), mix(CREAM, accent, 0.22));
  r.fill(circle(opts.haloX ?? 300, opts.haloY ?? 270, (opts.haloR ?? 205) - 26), mix(CREAM, accent, 0.12));
  if (opts.table !== false) {
    r.fill(rect(0, TABLE_Y, SIZE, SIZE - TABLE_Y), linear(0, TABLE_Y, 0, SIZE, [[0, TABLE], [1, TABLE_LOW]]));
    r.fill(rect(0, TABLE_Y, SIZE, 4), lighten(TABLE, 0.35));
  }
}

/** A soft contact shadow. A stadium, not an ellipse: its distance is exact, so the blur fades out inside the fill's box instead of being cut off at it. */
function shadow(r: Raster, cx: number, y: number, rx: number, ry = 16) {
  r.fill(capsule(cx - rx + ry, y, cx + rx - ry, y, ry), darken(TABLE_LOW, 0.35), { soft: 26, opacity: 0.45 });
}

/** A sprig of leaves: a stem with leaves alternating along it. */
function sprig(r: Raster, x: number, y: number, length: number, angle: number, leaf: Rgb = SAGE) {
  const ex = x + Math.cos(angle) * length;
  const ey = y + Math.sin(angle) * length;
  r.fill(capsule(x, y, ex, ey, 2.5), SAGE_DARK);
  for (let i = 1; i <= 4; i++) {
    const t = i / 4.6;
    const px = x + (ex - x) * t;
    const py = y + (ey - y) * t;
    for (const side of [-1, 1]) {
      const a = angle + side * 0.75;
      const lx = px + Math.cos(a) * 22;
      const ly = py + Math.sin(a) * 22;
      r.fill(rotate(ellipse(lx, ly, 26, 10), a, lx, ly), i % 2 ? leaf : darken(leaf, 0.08));
    }
  }
  r.fill(rotate(ellipse(ex, ey, 24, 10), angle, ex, ey), leaf);
}

/** Rows of rounded bars standing in for printed text. */
function textBars(r: Raster, cx: number, y: number, widths: number[], c: Rgb, h = 7, gap = 14) {
  widths.forEach((w, i) => r.fill(roundRect(cx - w / 2, y + i * gap, w, h, h / 2), c));
}

/** A drop of liquid pointing up. */
function drop(r: Raster, cx: number, cy: number, rad: number, c: Rgb) {
  r.fill(union(circle(cx, cy, rad), polygon([[cx - rad * 0.92, cy - rad * 0.4], [cx, cy - rad * 2.3], [cx + rad * 0.92, cy - rad * 0.4]])), c);
  r.fill(ellipse(cx - rad * 0.35, cy - rad * 0.1, rad * 0.2, rad * 0.35), lighten(c, 0.6), { opacity: 0.8 });
}

// ——— products ———

function dropperBottle(r: Raster, cx: number, base: number, s: number, accent: Rgb) {
  const w = 170 * s;
  const h = 215 * s;
  const top = base - h;
  r.fill(roundRect(cx - w / 2, top, w, h, 40 * s, 22 * s), body(cx - w / 2, cx + w / 2, accent));
  r.fill(capsule(cx - w * 0.3, top + 36 * s, cx - w * 0.3, base - 28 * s, 6 * s), WHITE, { opacity: 0.32 });
  // label
  r.fill(roundRect(cx - w * 0.36, top + h * 0.3, w * 0.72, h * 0.44, 8 * s), PAPER);
  r.fill(circle(cx, top + h * 0.42, 12 * s), accent);
  textBars(r, cx, top + h * 0.52, [w * 0.46, w * 0.3], darken(accent, 0.3), 6 * s, 13 * s);
  // neck, collar, bulb
  r.fill(rect(cx - w * 0.17, top - 14 * s, w * 0.34, 18 * s), darken(accent, 0.35));
  r.fill(roundRect(cx - w * 0.22, top - 58 * s, w * 0.44, 48 * s, 6 * s), body(cx - w * 0.22, cx + w * 0.22, GOLD));
  r.fill(rect(cx - w * 0.22, top - 22 * s, w * 0.44, 4 * s), GOLD_DARK, { opacity: 0.6 });
  r.fill(roundRect(cx - w * 0.15, top - 132 * s, w * 0.3, 80 * s, w * 0.15, 8 * s), body(cx - w * 0.15, cx + w * 0.15, darken(accent, 0.45)));
}

function packBox(r: Raster, x: number, base: number, w: number, h: number, accent: Rgb, band: Rgb = accent) {
  r.fill(rect(x, base - h, w, h), linear(x, 0, x + w, 0, [[0, PAPER], [0.7, PAPER], [1, darken(PAPER, 0.08)]]));
  r.fill(rect(x, base - h, w, 12), darken(PAPER, 0.06));
  r.fill(rect(x, base - h * 0.62, w, h * 0.2), band);
  r.fill(circle(x + w / 2, base - h * 0.78, Math.min(w, h) * 0.08), band);
  textBars(r, x + w / 2, base - h * 0.3, [w * 0.55, w * 0.35], INK, 6, 13);
}

function jar(r: Raster, cx: number, base: number, s: number, accent: Rgb, withLid = true) {
  const w = 280 * s;
  const h = 140 * s;
  const top = base - h;
  r.fill(roundRect(cx - w / 2, top, w, h, 22 * s, 30 * s), body(cx - w / 2, cx + w / 2, lighten(accent, 0.25)));
  r.fill(rect(cx - w / 2 + 2, top + h * 0.3, w - 4, h * 0.42), PAPER);
  r.fill(circle(cx - w * 0.26, top + h * 0.51, 16 * s), accent);
  textBars(r, cx + w * 0.1, top + h * 0.41, [w * 0.42, w * 0.28], darken(accent, 0.3), 6 * s, 14 * s);
  r.fill(capsule(cx - w * 0.4, top + 16 * s, cx - w * 0.4, top + h * 0.24, 5 * s), WHITE, { opacity: 0.35 });
  if (withLid) {
    r.fill(roundRect(cx - w / 2 - 8 * s, top - 58 * s, w + 16 * s, 64 * s, 16 * s, 6 * s), body(cx - w / 2, cx + w / 2, GOLD));
    for (let i = 1; i <= 3; i++) r.fill(rect(cx - w / 2 - 8 * s, top - 58 * s + i * 15 * s, w + 16 * s, 2.5 * s), GOLD_DARK, { opacity: 0.45 });
  } else {
    r.fill(ellipse(cx, top + 2, w / 2 - 2, 24 * s), darken(lighten(accent, 0.25), 0.15));
    r.fill(ellipse(cx, top + 6 * s, w / 2 - 16 * s, 17 * s), hex('#fff6ef'));
    // the cream's swirl
    r.fill(outline(ellipse(cx + 6 * s, top + 6 * s, 60 * s, 9 * s), 3 * s), darken(hex('#fff6ef'), 0.07));
    r.fill(outline(ellipse(cx - 4 * s, top + 4 * s, 28 * s, 4 * s), 3 * s), darken(hex('#fff6ef'), 0.07));
  }
}

function tallBottle(r: Raster, cx: number, base: number, s: number, accent: Rgb) {
  const w = 150 * s;
  const h = 290 * s;
  const top = base - h;
  const glass = lighten(accent, 0.5);
  const shape = roundRect(cx - w / 2, top, w, h, 50 * s, 18 * s);
  r.fill(shape, body(cx - w / 2, cx + w / 2, glass));
  // the liquid inside, a little below the shoulder
  r.fill(intersect(roundRect(cx - w / 2 + 7 * s, top + 7 * s, w - 14 * s, h - 14 * s, 44 * s, 12 * s), rect(cx - w, top + h * 0.24, 2 * w, h)), body(cx - w / 2, cx + w / 2, lighten(accent, 0.15)));
  r.fill(rect(cx - w / 2 + 7 * s, top + h * 0.24, w - 14 * s, 3 * s), lighten(accent, 0.5), { opacity: 0.8 });
  r.fill(capsule(cx - w * 0.28, top + 44 * s, cx - w * 0.28, base - 30 * s, 6 * s), WHITE, { opacity: 0.38 });
  r.fill(roundRect(cx - w * 0.36, top + h * 0.42, w * 0.72, h * 0.34, 6 * s), PAPER);
  textBars(r, cx, top + h * 0.49, [w * 0.5, w * 0.36, w * 0.42], darken(accent, 0.35), 6 * s, 15 * s);
  r.fill(rect(cx - w * 0.2, top - 14 * s, w * 0.4, 18 * s), darken(glass, 0.12));
  r.fill(roundRect(cx - w * 0.28, top - 86 * s, w * 0.56, 76 * s, 10 * s, 4 * s), body(cx - w * 0.28, cx + w * 0.28, hex('#f4ede6')));
  r.fill(rect(cx - w * 0.28, top - 24 * s, w * 0.56, 5 * s), GOLD);
}

/** A face-shaped sheet mask with eye and mouth openings. */
function sheetMask(r: Raster, cx: number, cy: number, s: number, c: Rgb) {
  const face = union(ellipse(cx, cy, 120 * s, 150 * s), roundRect(cx - 150 * s, cy - 30 * s, 300 * s, 40 * s, 20 * s));
  const holes = union(ellipse(cx - 48 * s, cy - 28 * s, 26 * s, 12 * s), ellipse(cx + 48 * s, cy - 28 * s, 26 * s, 12 * s), ellipse(cx, cy + 78 * s, 34 * s, 13 * s), roundRect(cx - 8 * s, cy + 6 * s, 16 * s, 36 * s, 8 * s));
  r.fill(subtract(face, holes), darken(c, 0.2), { soft: 18, opacity: 0.25 });
  r.fill(subtract(face, holes), c, { opacity: 0.92 });
}

function sachet(r: Raster, cx: number, cy: number, w: number, h: number, accent: Rgb, angle = 0) {
  const layer = (sh: ReturnType<typeof rect>) => (angle ? rotate(sh, angle, cx, cy) : sh);
  r.fill(layer(roundRect(cx - w / 2, cy - h / 2, w, h, 10)), body(cx - w / 2, cx + w / 2, accent));
  for (const y of [cy - h / 2, cy + h / 2 - 22]) r.fill(layer(rect(cx - w / 2, y, w, 22)), darken(accent, 0.15));
  for (let x = cx - w / 2 + 8; x < cx + w / 2 - 4; x += 10) {
    r.fill(layer(rect(x, cy - h / 2 + 3, 3, 16)), darken(accent, 0.28));
    r.fill(layer(rect(x, cy + h / 2 - 19, 3, 16)), darken(accent, 0.28));
  }
  r.fill(layer(circle(cx, cy - h * 0.12, w * 0.16)), PAPER);
  r.fill(layer(union(circle(cx, cy - h * 0.1, w * 0.07), polygon([[cx - w * 0.064, cy - h * 0.125], [cx, cy - h * 0.23], [cx + w * 0.064, cy - h * 0.125]]))), accent);
  for (const [i, bw] of [w * 0.5, w * 0.34].entries()) r.fill(layer(roundRect(cx - bw / 2, cy + h * 0.14 + i * 16, bw, 7, 3.5)), PAPER);
}

function tablet(r: Raster, cx: number, cy: number, w: number, h: number, accent: Rgb) {
  r.fill(roundRect(cx - w / 2, cy - h / 2, w, h, 26), hex('#4d3f37'));
  r.fill(roundRect(cx - w / 2 + 16, cy - h / 2 + 16, w - 32, h - 32, 10), linear(0, cy - h / 2, 0, cy + h / 2, [[0, lighten(accent, 0.55)], [1, lighten(accent, 0.25)]]));
  r.fill(circle(cx, cy - 8, h * 0.19), WHITE);
  r.fill(polygon([[cx - h * 0.06, cy - 8 - h * 0.09], [cx + h * 0.1, cy - 8], [cx - h * 0.06, cy - 8 + h * 0.09]]), accent);
  r.fill(roundRect(cx - w * 0.36, cy + h * 0.28, w * 0.72, 8, 4), WHITE, { opacity: 0.7 });
  r.fill(roundRect(cx - w * 0.36, cy + h * 0.28, w * 0.26, 8, 4), darken(accent, 0.15));
}

function giftBox(r: Raster, cx: number, base: number, s: number, accent: Rgb) {
  const w = 300 * s;
  const h = 190 * s;
  const top = base - h;
  r.fill(rect(cx - w / 2, top, w, h), body(cx - w / 2, cx + w / 2, accent));
  r.fill(roundRect(cx - w / 2 - 12 * s, top - 60 * s, w + 24 * s, 66 * s, 6 * s), body(cx - w / 2, cx + w / 2, lighten(accent, 0.1)));
  r.fill(rect(cx - w / 2, top + 6 * s, w, 8 * s), darken(accent, 0.3), { opacity: 0.4 });
  r.fill(rect(cx - 18 * s, top - 60 * s, 36 * s, h + 60 * s), body(cx - 18 * s, cx + 18 * s, GOLD));
  r.fill(rect(cx - w / 2 - 12 * s, top - 38 * s, w + 24 * s, 24 * s), body(cx - w / 2, cx + w / 2, GOLD));
  // the bow
  for (const side of [-1, 1]) {
    const lx = cx + side * 58 * s;
    const ly = top - 86 * s;
    r.fill(rotate(ellipse(lx, ly, 62 * s, 30 * s), side * -0.45, lx, ly), GOLD);
    r.fill(rotate(ellipse(lx + side * 6 * s, ly + 2 * s, 36 * s, 12 * s), side * -0.45, lx, ly), GOLD_DARK, { opacity: 0.55 });
  }
  r.fill(circle(cx, top - 72 * s, 24 * s), body(cx - 24 * s, cx + 24 * s, GOLD_DARK));
}

function teaCup(r: Raster, cx: number, base: number, s: number, accent: Rgb) {
  r.fill(ellipse(cx, base - 8 * s, 150 * s, 26 * s), darken(PAPER, 0.1));
  r.fill(ellipse(cx, base - 14 * s, 150 * s, 22 * s), PAPER);
  r.fill(outline(circle(cx + 146 * s, base - 116 * s, 32 * s), 13 * s), darken(PAPER, 0.14));
  const cup = intersect(circle(cx, base - 175 * s, 150 * s), rect(cx - 160 * s, base - 175 * s, 320 * s, 160 * s));
  r.fill(cup, body(cx - 130 * s, cx + 130 * s, PAPER));
  r.fill(intersect(cup, rect(cx - 200 * s, base - 120 * s, 400 * s, 26 * s)), accent);
  r.fill(ellipse(cx, base - 175 * s, 126 * s, 22 * s), darken(PAPER, 0.12));
  r.fill(ellipse(cx, base - 172 * s, 116 * s, 17 * s), mix(hex('#c98b4a'), accent, 0.2));
  // steam
  for (const [dx, lift] of [[-40, 0], [10, 20], [60, 4]]) {
    const x = cx + dx * s;
    const y0 = base - (215 + lift) * s;
    r.fill(capsule(x, y0, x + 14 * s, y0 - 40 * s, 5 * s), WHITE, { opacity: 0.8 });
    r.fill(capsule(x + 14 * s, y0 - 40 * s, x, y0 - 80 * s, 5 * s), WHITE, { opacity: 0.8 });
  }
}

function flower(r: Raster, cx: number, cy: number, rad: number, petal: Rgb, heart: Rgb = GOLD) {
  for (let i = 0; i < 6; i++) {
    const a = (i * Math.PI) / 3;
    const px = cx + Math.cos(a) * rad * 0.62;
    const py = cy + Math.sin(a) * rad * 0.62;
    r.fill(rotate(ellipse(px, py, rad * 0.55, rad * 0.32), a, px, py), i % 2 ? petal : lighten(petal, 0.12));
  }
  r.fill(circle(cx, cy, rad * 0.3), heart);
}

// ——— the subjects and their views ———

type Draw = (r: Raster, accent: Rgb) => void;

export const SUBJECTS = {
  /** A serum in a dropper bottle. */
  dropper: {
    cover: (r, a) => {
      backdrop(r, a);
      sprig(r, 470, 430, 150, -2.2);
      shadow(r, 300, 456, 110);
      dropperBottle(r, 300, 456, 1.08, a);
    },
    detail: (r, a) => {
      backdrop(r, a, { haloX: 330 });
      shadow(r, 400, 456, 110);
      packBox(r, 320, 456, 170, 300, a);
      shadow(r, 220, 462, 90);
      dropperBottle(r, 220, 462, 0.95, a);
    },
    texture: (r, a) => {
      backdrop(r, a, { table: false, haloY: 300, haloR: 240 });
      r.fill(roundRect(270, 40, 60, 250, 30, 8), body(270, 330, darken(a, 0.45)));
      r.fill(roundRect(282, 280, 36, 120, 6), body(282, 318, lighten(a, 0.55)));
      r.fill(polygon([[284, 398], [316, 398], [304, 440], [296, 440]]), lighten(a, 0.5));
      drop(r, 300, 488, 20, a);
      r.fill(ellipse(300, 560, 150, 22), a, { opacity: 0.7 });
      r.fill(outline(ellipse(300, 560, 90, 12), 3), lighten(a, 0.4));
    },
  },
  /** A trial-size vial with its sample card. */
  vial: {
    cover: (r, a) => {
      backdrop(r, a);
      shadow(r, 380, 452, 90);
      packBox(r, 300, 452, 150, 210, a);
      shadow(r, 220, 456, 70);
      dropperBottle(r, 220, 456, 0.78, a);
    },
    detail: (r, a) => {
      backdrop(r, a);
      for (const [x, s] of [[180, 0.62], [300, 0.78], [420, 0.62]] as const) {
        shadow(r, x, 452, 60 * s + 20);
        dropperBottle(r, x, 452, s, a);
      }
    },
  },
  /** A cream in a wide jar with a gold lid. */
  jar: {
    cover: (r, a) => {
      backdrop(r, a);
      sprig(r, 110, 440, 140, -1.1);
      shadow(r, 300, 452, 170);
      jar(r, 300, 452, 1.05, a);
    },
    detail: (r, a) => {
      backdrop(r, a);
      shadow(r, 250, 458, 150);
      jar(r, 250, 458, 0.9, a, false);
      // the lid set down beside it, top up
      shadow(r, 480, 462, 80, 12);
      r.fill(roundRect(405, 412, 150, 48, 4, 10), body(405, 555, GOLD));
      for (let i = 1; i <= 2; i++) r.fill(rect(405, 414 + i * 14, 150, 2.5), GOLD_DARK, { opacity: 0.45 });
      r.fill(ellipse(480, 412, 75, 15), lighten(GOLD, 0.2));
      r.fill(outline(ellipse(480, 412, 58, 10), 2), GOLD_DARK, { opacity: 0.4 });
    },
    texture: (r, a) => {
      backdrop(r, a, { table: false, haloR: 250, haloY: 300 });
      const blob = union(circle(300, 320, 120), circle(210, 360, 70), circle(390, 350, 80), circle(310, 410, 70));
      r.fill(blob, darken(a, 0.2), { soft: 30, opacity: 0.3 });
      r.fill(blob, hex('#fff6ef'));
      for (const [rx, ry, o] of [[96, 60, 0], [60, 34, 10], [26, 14, 18]] as const) r.fill(outline(ellipse(300 + o, 330 + o / 2, rx, ry), 4), darken(hex('#fff6ef'), 0.06));
      r.fill(capsule(420, 150, 520, 80, 12), GOLD);
      r.fill(ellipse(405, 165, 34, 18), GOLD);
    },
  },
  /** A box of sheet masks and its sachet. */
  masks: {
    cover: (r, a) => {
      backdrop(r, a);
      shadow(r, 300, 452, 190);
      packBox(r, 140, 452, 320, 230, a);
      sachet(r, 420, 370, 150, 200, a, 0.12);
    },
    detail: (r, a) => {
      backdrop(r, a, { haloR: 230 });
      shadow(r, 300, 470, 140);
      sachet(r, 300, 300, 240, 320, a);
    },
    texture: (r, a) => {
      backdrop(r, a, { table: false, haloR: 260, haloY: 300 });
      sheetMask(r, 300, 300, 1.1, hex('#fffdf9'));
      drop(r, 120, 470, 16, a);
      drop(r, 480, 150, 12, a);
      drop(r, 500, 490, 20, a);
    },
  },
  /** A tall bottle of toner, with a "new" seal. */
  tall: {
    cover: (r, a) => {
      backdrop(r, a);
      shadow(r, 300, 456, 100);
      tallBottle(r, 300, 456, 1, a);
      r.fill(star(440, 150, 62, 52, 16), GOLD);
      r.fill(circle(440, 150, 40), PAPER);
      r.fill(star(440, 150, 16, 7, 5), GOLD);
    },
    detail: (r, a) => {
      backdrop(r, a, { haloX: 260 });
      shadow(r, 250, 456, 100);
      tallBottle(r, 250, 456, 1, a);
      drop(r, 420, 250, 24, lighten(a, 0.2));
      drop(r, 470, 340, 16, lighten(a, 0.35));
      drop(r, 400, 380, 12, lighten(a, 0.1));
    },
    texture: (r, a) => {
      backdrop(r, a);
      for (const [x, y] of [[180, 470], [300, 492], [420, 468]] as const) {
        r.fill(ellipse(x, y + 6, 86, 24), darken(TABLE_LOW, 0.2), { soft: 12, opacity: 0.4 });
        r.fill(ellipse(x, y, 84, 22), WHITE);
        r.fill(outline(ellipse(x, y, 64, 15), 2), darken(WHITE, 0.06));
      }
      shadow(r, 300, 430, 80);
      tallBottle(r, 300, 430, 0.8, a);
    },
  },
  /** An online course: a tablet playing a lesson, a 12-session plan. */
  course: {
    cover: (r, a) => {
      backdrop(r, a);
      r.fill(rotate(roundRect(330, 250, 210, 200, 12), 0.12, 435, 350), lighten(a, 0.35));
      r.fill(rotate(roundRect(330, 250, 22, 200, 6), 0.12, 435, 350), darken(a, 0.1));
      shadow(r, 290, 456, 200, 14);
      tablet(r, 280, 320, 380, 270, a);
      sprig(r, 520, 450, 110, -1.9);
    },
    detail: (r, a) => {
      backdrop(r, a, { table: false, haloR: 250, haloY: 300 });
      r.fill(roundRect(110, 118, 380, 380, 24), darken(PAPER, 0.12), { soft: 22, opacity: 0.6 });
      r.fill(roundRect(110, 110, 380, 380, 24), PAPER);
      r.fill(roundRect(110, 110, 380, 84, 24, 0), a);
      for (const x of [190, 410]) r.fill(capsule(x, 86, x, 130, 9), INK);
      for (let i = 0; i < 12; i++) {
        const x = 170 + (i % 4) * 87;
        const y = 250 + Math.floor(i / 4) * 80;
        if (i < 3) {
          r.fill(circle(x, y, 26), a);
          r.fill(capsule(x - 11, y + 1, x - 3, y + 9, 3.5), WHITE);
          r.fill(capsule(x - 3, y + 9, x + 12, y - 8, 3.5), WHITE);
        } else r.fill(outline(circle(x, y, 24), 4), lighten(a, 0.3));
      }
    },
    texture: (r, a) => {
      backdrop(r, a);
      shadow(r, 300, 452, 210, 14);
      r.fill(polygon([[90, 300], [300, 330], [300, 450], [90, 420]]), PAPER);
      r.fill(polygon([[510, 300], [300, 330], [300, 450], [510, 420]]), darken(PAPER, 0.05));
      r.fill(capsule(300, 330, 300, 450, 2), darken(PAPER, 0.2));
      for (let i = 0; i < 5; i++) {
        r.fill(polygon([[120, 330 + i * 18], [270, 350 + i * 18], [270, 355 + i * 18], [120, 335 + i * 18]]), lighten(INK, 0.5));
        r.fill(polygon([[330, 350 + i * 18], [480, 330 + i * 18], [480, 335 + i * 18], [330, 355 + i * 18]]), lighten(INK, 0.5));
      }
      r.fill(capsule(350, 250, 500, 190, 9), a);
      r.fill(capsule(340, 254, 350, 250, 5), INK);
      flower(r, 160, 210, 44, lighten(a, 0.3));
    },
  },
  /** A trial lesson: a ticket with a play mark. */
  ticket: {
    cover: (r, a) => {
      backdrop(r, a, { table: false, haloR: 240, haloY: 300 });
      const t = subtract(roundRect(90, 200, 420, 200, 22), union(circle(90, 300, 30), circle(510, 300, 30), circle(370, 200, 16), circle(370, 400, 16)));
      const tilted = rotate(t, -0.08, 300, 300);
      r.fill(rotate(subtract(roundRect(90, 210, 420, 200, 22), union(circle(90, 310, 30), circle(510, 310, 30))), -0.08, 300, 300), darken(a, 0.3), { soft: 24, opacity: 0.35 });
      r.fill(tilted, body(90, 510, a));
      for (let y = 226; y < 380; y += 16) r.fill(rotate(circle(370, y, 3.5), -0.08, 300, 300), lighten(a, 0.5));
      r.fill(rotate(circle(220, 300, 52), -0.08, 300, 300), WHITE);
      r.fill(rotate(polygon([[205, 274], [248, 300], [205, 326]]), -0.08, 300, 300), a);
      r.fill(rotate(star(440, 300, 30, 13, 5), -0.08, 300, 300), GOLD);
    },
    detail: (r, a) => {
      backdrop(r, a);
      shadow(r, 300, 452, 180, 14);
      tablet(r, 300, 330, 320, 230, a);
      // a clock: the first lesson is booked for a time
      r.fill(circle(470, 170, 46), GOLD);
      r.fill(circle(470, 170, 36), PAPER);
      r.fill(capsule(470, 170, 470, 146, 4), INK);
      r.fill(capsule(470, 170, 488, 180, 4), INK);
      r.fill(circle(470, 170, 6), a);
    },
  },
  /** A gift box of flower teas. */
  giftbox: {
    cover: (r, a) => {
      backdrop(r, a);
      shadow(r, 300, 456, 190);
      giftBox(r, 300, 456, 1, a);
      flower(r, 110, 470, 30, hex('#f2b8a6'));
      flower(r, 500, 480, 24, hex('#f6d28a'));
    },
    detail: (r, a) => {
      backdrop(r, a);
      shadow(r, 300, 458, 170);
      teaCup(r, 300, 458, 1, a);
      flower(r, 470, 500, 26, hex('#f2b8a6'));
      flower(r, 140, 510, 20, hex('#e7a3b4'));
    },
    texture: (r, a) => {
      backdrop(r, a, { table: false, haloR: 260, haloY: 300 });
      r.fill(roundRect(84, 124, 432, 352, 18), darken(a, 0.3), { soft: 24, opacity: 0.35 });
      r.fill(roundRect(80, 110, 440, 360, 18), a);
      r.fill(roundRect(100, 130, 400, 320, 10), darken(a, 0.25));
      const teas = ['#f2b8a6', '#f6d28a', '#b9c98f', '#e7a3b4', '#d9c2f0', '#f4e1c1'].map(hex);
      teas.forEach((c, i) => {
        const x = 110 + (i % 3) * 130;
        const y = 140 + Math.floor(i / 3) * 155;
        r.fill(roundRect(x, y, 120, 145, 8), PAPER);
        for (const [dx, dy] of [[-22, -18], [20, -24], [0, 12], [-26, 26], [26, 22]]) r.fill(circle(x + 60 + dx, y + 72 + dy, 17), c);
        r.fill(circle(x + 60, y + 70, 7), darken(c, 0.25));
      });
    },
  },
} satisfies Record<string, Record<string, Draw>>;

export type Subject = keyof typeof SUBJECTS;
export const SUBJECT_NAMES = Object.keys(SUBJECTS) as [Subject, ...Subject[]];

/** The views of a subject, cover first. */
export const viewsOf = (subject: Subject): string[] => Object.keys(SUBJECTS[subject]);

export function drawView(subject: Subject, view: string, accent: Rgb): Raster {
  const draw = (SUBJECTS[subject] as Record<string, Draw | undefined>)[view];
  if (!draw) throw new Error(`picture subject ${subject} has no view ${JSON.stringify(view)} (views: ${viewsOf(subject).join(', ')})`);
  const r = new Raster(SIZE, SIZE);
  draw(r, accent);
  return r;
}
