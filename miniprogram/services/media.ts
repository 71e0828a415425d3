import Taro from '@tarojs/taro';
import { contentTypeOf, type ImageType } from '@shared/catalog/images';

export { contentTypeOf };

/** A photo the operator picked: a local path the upload primitive can read, and what we know of it. */
export interface PickedImage {
  path: string;
  size: number;
  /** From the file's MIME type where the platform gives one, else from its extension; null = none of ours. */
  contentType: ImageType | null;
}

/** The photo picker, behind a service so stores are tested with a fake of it (DESIGN rule 10). */
export interface MediaService {
  /** Up to `max` photos; [] when the operator closes the picker. */
  pickImages(max: number): Promise<PickedImage[]>;
}


export const mediaService: MediaService = {
  async pickImages(max) {
    if (max <= 0) return [];
    try {
      // Callbacks rather than the promise form: Taro 4 does not promisify chooseMedia on weapp (it
      // relies on the base library returning a promise), Taro H5 supports both.
      const res = await new Promise<Taro.chooseMedia.SuccessCallbackResult>((resolve, reject) => {
        void Taro.chooseMedia({ count: max, mediaType: ['image'], sourceType: ['album', 'camera'], sizeType: ['compressed'], success: resolve, fail: reject });
      });
      return res.tempFiles.map((f) => ({ path: f.tempFilePath, size: f.size, contentType: contentTypeOf(f.fileType, f.tempFilePath) }));
    } catch {
      // Closing the picker is the only "failure" an operator causes; there is nothing to report.
      return [];
    }
  },
};

/**
 * WeChat's 头像昵称填写 (base library ≥ 2.21.2), read exactly as documented
 * (cloudfunctions/_kit/platform/fixtures/weapp.choose-avatar.json, weapp.nickname-submit.json):
 * the chooseAvatar button's event carries the temp file in `detail.avatarUrl`; the nickname comes
 * from the form's submit event, `detail.value.<input name>` — WeChat may empty the input after
 * its content check on blur, so the submitted value is the one to keep.
 */
export function chosenAvatarPath(e: unknown): string | null {
  const v = (e as { detail?: { avatarUrl?: unknown } } | undefined)?.detail?.avatarUrl;
  return typeof v === 'string' && v ? v : null;
}

export function submittedNickname(e: unknown, name = 'nickname'): string | undefined {
  const v = (e as { detail?: { value?: Record<string, unknown> } } | undefined)?.detail?.value?.[name];
  return typeof v === 'string' ? v : undefined;
}
