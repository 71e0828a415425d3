import { formatBytes, IMAGE_TYPES, imageProblem, MAX_IMAGE_BYTES, PRODUCT_IMAGE_PREFIX, productImagePath, type ImageType } from '../../shared/catalog/images';
import { fail, ok, type Result } from '../../shared/errors/result';
import type { ImageUploadTicket, RegisteredImage } from '../../shared/ops/views';
import type { ActionContext } from '../_kit/create-handler';
import { getById } from '../_kit/db';
import { idFromKey, newId } from '../_kit/ids';
import { isOwnFile, tempUrls, uploadTarget } from '../_kit/storage';
import { runInTransaction } from '../_kit/transaction';
import { txCreate, txGet } from '../_kit/tx';
import { checkUploadedImage } from '../_kit/uploaded-image';
import { writeAudit } from '../_ops/audit';
import { COLL } from '../_kit/collections';

/**
 * Product images. The bytes never pass through a cloud function: on WeChat the operator's phone
 * uploads straight to cloud storage with wx.cloud.uploadFile (callFunction payloads are small and
 * base64 would inflate a 2 MB photo by a third); in the H5 build the browser PUTs to the upload
 * URL this ticket carries (the same request wx.cloud.uploadFile makes, served locally by the
 * emulator). Either way the client then calls registerImage with the file id, and the SERVER checks
 * what actually landed — size from storage, type from the file's own first bytes — deleting
 * anything that fails. Products may only use registered images.
 */
interface ImageDoc {
  _id: string;
  fileID: string;
  contentType: ImageType;
  size: number;
  by: string;
  at: number;
}

export const imageIdOf = (fileId: string) => idFromKey('img', fileId);

export async function imageUploadTicket(input: { contentType: ImageType; size: number }, ctx: ActionContext): Promise<Result<ImageUploadTicket>> {
  // The client's claim is checked here to fail early with a clear message; the bytes are checked again on register.
  const problem = imageProblem(input.size, IMAGE_TYPES.includes(input.contentType) ? input.contentType : null);
  if (problem) return fail('INVALID_INPUT', problem);
  const cloudPath = productImagePath(newId('img'), input.contentType, ctx.now());
  const target = await uploadTarget(cloudPath);
  return ok({ cloudPath, fileID: target.fileID, upload: { url: target.url, method: 'PUT', headers: target.headers }, maxBytes: MAX_IMAGE_BYTES });
}

export async function registerImage(input: { fileID: string; requestId: string }, ctx: ActionContext): Promise<Result<RegisteredImage>> {
  const { fileID } = input;
  if (!isOwnFile(fileID, PRODUCT_IMAGE_PREFIX)) return fail('INVALID_INPUT', '只能使用上传到本店云存储商品图片目录（products/）的图片，请重新上传。');
  const id = imageIdOf(fileID);
  const known = await getById<ImageDoc>(ctx.db, COLL.product_images, id);
  if (known) return ok(await registered(ctx, known));

  const checked = await checkUploadedImage(fileID, { notFound: '没有找到上传的图片，可能上传未完成，请重新上传。', badType: '图片格式不支持，请上传 JPG、PNG 或 WebP 图片。' });
  if (!checked.ok) return checked;
  const { contentType: type, size } = checked.data;
  const now = ctx.now();
  const doc = await runInTransaction(ctx.db, async (tx) => {
    const again = await txGet<ImageDoc>(tx, COLL.product_images, id);
    if (again) return again;
    const d: ImageDoc = { _id: id, fileID, contentType: type, size, by: ctx.openid, at: now };
    await txCreate(tx, COLL.product_images, d);
    await writeAudit(tx, { by: ctx.openid, at: now, requestId: input.requestId }, {
      entity: 'image',
      entityId: id,
      action: 'image.register',
      summary: `上传商品图片（${type.slice(6).toUpperCase()}，${formatBytes(size)}）`,
      before: null,
      after: { fileID, contentType: type, size },
    });
    return d;
  });
  return ok(await registered(ctx, doc));
}

async function registered(ctx: ActionContext, d: ImageDoc): Promise<RegisteredImage> {
  const urls = await tempUrls([d.fileID], ctx.now());
  return { fileID: d.fileID, contentType: d.contentType, size: d.size, url: urls.get(d.fileID) ?? '' };
}
