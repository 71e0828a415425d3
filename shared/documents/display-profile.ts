import { z } from 'zod';
import { IMAGE_TYPES, type ImageType } from '../catalog/images';
import { NICKNAME_MAX } from '../customers/display-profile';
import { epochMs, int } from './fields';

/**
 * A customer's display profile (`display_profiles`, _id dpf_<openid>): what they chose to be
 * called and shown as. Separate from the segment profile (`profiles`), which is derived from
 * events and rebuilt by the consumer — this one is the customer's own words, written only by
 * them, and deleted whole by 删除头像昵称 or with the account.
 */
export const displayProfileIdOf = (openid: string) => `dpf_${openid}`;

export interface DisplayProfileDoc {
  _id: string;
  openid: string;
  nickname?: string;
  /** Checked after upload like product images: size from storage, type from the file's own bytes. */
  avatar?: { fileID: string; contentType: ImageType; size: number };
  /** When the customer agreed to DISPLAY_PROFILE_CONSENT (the latest save). */
  consentAt: number;
  updatedAt: number;
  version: number;
}

export const displayProfileDocSchema: z.ZodType<DisplayProfileDoc> = z.looseObject({
  _id: z.string().regex(/^dpf_/),
  openid: z.string(),
  nickname: z.string().min(1).max(NICKNAME_MAX * 2).optional(),
  avatar: z.object({ fileID: z.string().startsWith('cloud://'), contentType: z.enum(IMAGE_TYPES), size: int.min(1) }).strict().optional(),
  consentAt: epochMs,
  updatedAt: epochMs,
  version: int,
});
