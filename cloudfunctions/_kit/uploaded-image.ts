import { imageProblem, MAX_IMAGE_BYTES, sniffImageType, type ImageType } from '../../shared/catalog/images';
import { fail, ok, type Result } from '../../shared/errors/result';
import { deleteFiles, downloadFile, fileInfo } from './storage';

/**
 * An image a phone uploaded straight to storage, checked by what actually landed: the stored size
 * first (nothing big is downloaded), then the type from the file's own bytes. A file that fails is
 * deleted. Product images and avatars use it; `what` names the file in the refusals (图片 / 头像).
 */
export async function checkUploadedImage(fileID: string, words: { notFound: string; badType: string }): Promise<Result<{ contentType: ImageType; size: number }>> {
  const info = await fileInfo(fileID);
  if (!info) return fail('NOT_FOUND', words.notFound);
  const early = info.size > MAX_IMAGE_BYTES ? imageProblem(info.size, 'image/jpeg') : null;
  if (early) {
    await deleteFiles([fileID]).catch(() => undefined);
    return fail('INVALID_INPUT', early);
  }
  const bytes = await downloadFile(fileID);
  const type = sniffImageType(bytes);
  const problem = imageProblem(bytes.length, type);
  if (problem || !type) {
    await deleteFiles([fileID]).catch(() => undefined);
    return fail('INVALID_INPUT', problem ?? words.badType);
  }
  return ok({ contentType: type, size: bytes.length });
}
