import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { hex } from './raster';
import { drawView, SUBJECT_NAMES, viewsOf } from './scenes';

/**
 * The demo catalog's pictures, drawn by the project (no stock photos, nothing to license): a
 * product's seed entry names a subject and an accent colour, and gets that subject's views as
 * PNGs — cover first. Deterministic: the same spec gives the same bytes, which is what lets the
 * seed store them under content-derived paths and stay idempotent.
 */
export const pictureSpecSchema = z
  .object({
    subject: z.enum(SUBJECT_NAMES),
    accent: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'accent must be a #rrggbb colour'),
  })
  .strict();

export type PictureSpec = z.infer<typeof pictureSpecSchema>;

export interface Picture {
  view: string;
  png: Buffer;
  /** sha256 of the bytes, hex. */
  sha256: string;
}

export function renderPictures(spec: PictureSpec): Picture[] {
  const { subject, accent } = pictureSpecSchema.parse(spec);
  return viewsOf(subject).map((view) => {
    const png = drawView(subject, view, hex(accent)).toPng();
    return { view, png, sha256: createHash('sha256').update(png).digest('hex') };
  });
}

/** Where rendered pictures are kept between runs (git-ignored). */
export const DEFAULT_PICTURE_CACHE = path.resolve(__dirname, '..', '..', '..', '.cache', 'demo-pictures');

let sourceHash: string | undefined;
/** A hash of the generator's own source: any change to the drawing code invalidates the cache. */
function generatorVersion(): string {
  if (sourceHash) return sourceHash;
  const h = createHash('sha256');
  for (const f of readdirSync(__dirname).filter((n) => /\.ts$/.test(n)).sort()) h.update(f).update(readFileSync(path.join(__dirname, f)));
  return (sourceHash = h.digest('hex').slice(0, 16));
}

/**
 * renderPictures with a disk cache. Drawing and encoding all demo pictures takes a few seconds of
 * CPU, and every test that starts a local store seeds them: the cache makes that a file read. The
 * key covers the spec and the generator's source, so a stale picture can't be served; a cached file
 * that is damaged is simply drawn again (the seed's server-side checks sniff the bytes anyway).
 */
export function picturesFor(spec: PictureSpec, cacheDir = DEFAULT_PICTURE_CACHE): Picture[] {
  const { subject, accent } = pictureSpecSchema.parse(spec);
  const key = createHash('sha256').update(`${generatorVersion()}|${subject}|${accent.toLowerCase()}`).digest('hex').slice(0, 24);
  const views = viewsOf(subject);
  try {
    const cached = views.map((view) => {
      const png = readFileSync(path.join(cacheDir, `${key}-${view}.png`));
      return { view, png, sha256: createHash('sha256').update(png).digest('hex') };
    });
    if (cached.every((p) => p.png.length > 8 && p.png.subarray(1, 4).toString('latin1') === 'PNG')) return cached;
  } catch {
    // not cached yet
  }
  const drawn = renderPictures({ subject, accent });
  try {
    mkdirSync(cacheDir, { recursive: true });
    for (const p of drawn) {
      // Write then rename: parallel test workers never read a half-written file.
      const tmp = path.join(cacheDir, `.${key}-${p.view}.${process.pid}.tmp`);
      writeFileSync(tmp, p.png);
      renameSync(tmp, path.join(cacheDir, `${key}-${p.view}.png`));
    }
  } catch {
    // A read-only checkout still seeds; it just draws every time.
  }
  return drawn;
}

export { SUBJECT_NAMES, viewsOf } from './scenes';
