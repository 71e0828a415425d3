import { imageProblem, PRODUCT_IMAGE_PREFIX, sniffImageType } from '../../shared/catalog/images';
import type { ActionContext } from '../../cloudfunctions/_kit/create-handler';
import type { Db } from '../../cloudfunctions/_kit/db';
import { createLogger } from '../../cloudfunctions/_kit/logger';
import { loadSettings } from '../../cloudfunctions/_kit/settings-store';
import { uploadTarget } from '../../cloudfunctions/_kit/storage';
import { registerImage } from '../../cloudfunctions/ops/images';
import type { Picture } from './pictures';

/**
 * Who the audit log names for the demo pictures (and who `updatedBy` names for the seeded
 * settings): the seed itself, not an operator.
 */
export const SEED_ACTOR = 'seed';

/** Where a demo picture lives: under the product image folder, named by its content, so re-seeding finds the same file. */
export const demoPicturePath = (productId: string, p: Picture) => `${PRODUCT_IMAGE_PREFIX}demo/${productId}/${p.view}-${p.sha256.slice(0, 16)}.png`;

/**
 * Puts a product's demo pictures in cloud storage exactly the way an operator's upload gets there:
 * an upload target from storage (what `ops.imageUploadTicket` hands the operator's browser), a PUT
 * of the bytes to it, then `registerImage` — the same server code, which sniffs what landed,
 * checks type and size, records the `product_images` document and the audit entry. Returns the
 * registered file ids, cover first, for the product's `images`.
 *
 * Why the use case and not the `ops` function: the action is operator-only, and a store seeded
 * with `--no-demo-owner` has no operator at all. Calling `registerImage` with the seed as a
 * system actor keeps every check that matters (the bytes, the folder, the size, the record)
 * without inventing an operator the store does not have. Only the ticket's pre-upload check of
 * the client's claim is replaced, by the same `imageProblem` rule run here.
 *
 * Idempotent: a picture's path is derived from its bytes, so a second seed PUTs the same bytes to
 * the same path and `registerImage` answers with the existing record (no second document, no
 * second audit entry).
 */
export async function seedPictures(db: Db, now: number, productId: string, pictures: readonly Picture[]): Promise<string[]> {
  const ctx: ActionContext = {
    db,
    now: () => now,
    caller: { source: 'unknown', rawSource: 'local-seed' },
    openid: SEED_ACTOR,
    requestId: `seed_${productId}`,
    log: createLogger({ fn: 'seed' }),
    settings: () => loadSettings(db),
    fn: 'ops',
  };
  const ids: string[] = [];
  for (const pic of pictures) {
    const cloudPath = demoPicturePath(productId, pic);
    const problem = imageProblem(pic.png.length, sniffImageType(pic.png));
    if (problem) throw new Error(`demo picture ${cloudPath} would be refused: ${problem}`);
    const target = await uploadTarget(cloudPath);
    const put = await fetch(target.url, { method: 'PUT', headers: target.headers, body: pic.png });
    if (!put.ok) throw new Error(`uploading demo picture ${cloudPath} failed: HTTP ${put.status} ${await put.text()}`);
    const reg = await registerImage({ fileID: target.fileID, requestId: `seed_${pic.sha256.slice(0, 32)}` }, ctx);
    if (!reg.ok) throw new Error(`demo picture ${cloudPath} was refused by registerImage: ${reg.error.code} ${reg.error.message}`);
    ids.push(reg.data.fileID);
  }
  return ids;
}
