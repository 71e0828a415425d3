import { IMAGE_EXTENSIONS, type ImageType } from '../catalog/images';

/**
 * The customer's display profile (issue 17 #8): a nickname and an avatar the customer chose
 * through WeChat's 头像昵称填写 (base library ≥ 2.21.2: `<button open-type="chooseAvatar">` gives a
 * temporary file, `<input type="nickname">` offers the WeChat nickname on the keyboard — see
 * cloudfunctions/_kit/platform/fixtures/weapp.choose-avatar.json). Asked for with consent, shown
 * on 我的 and to operators, editable and deletable by the customer at any time.
 */

/** The consent sentence shown where the profile is asked for; saving records when it was given. */
export const DISPLAY_PROFILE_CONSENT = '我们仅用于在会员卡和客服沟通中称呼您，可随时删除';

export const NICKNAME_MAX = 20;

/** Where customers' avatars go in cloud storage: `avatars/<folder of the customer>/…`. */
export const AVATAR_PREFIX = 'avatars/';

/**
 * One folder per customer, named by a digest of the openid (the caller supplies it: shared has no
 * hashing), so a customer can only ever point their profile at a file of their own folder.
 */
export const avatarFolderPrefix = (folder: string) => `${AVATAR_PREFIX}${folder}/`;
export const avatarPath = (folder: string, id: string, type: ImageType) => `${avatarFolderPrefix(folder)}${id}.${IMAGE_EXTENSIONS[type]}`;

// C0/C1 controls, DEL, zero-width and bidi controls, line/paragraph separators: nothing that
// could hide, reorder or break a line where operators read the name.
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/u;

export type NicknameCheck = { ok: true; nickname: string } | { ok: false; message: string };

/** A nickname as typed (or offered by WeChat's keyboard): trimmed, 1–20 characters, no control characters. */
export function checkNickname(raw: string): NicknameCheck {
  const nickname = raw.trim();
  if (!nickname) return { ok: false, message: '昵称不能为空，请填写 1–20 个字。' };
  if (FORBIDDEN.test(nickname)) return { ok: false, message: '昵称含有不可见的控制字符，请重新输入。' };
  // Characters as people count them (an emoji is one), not UTF-16 code units.
  const length = [...nickname].length;
  if (length > NICKNAME_MAX) return { ok: false, message: `昵称最多 ${NICKNAME_MAX} 个字（现在 ${length} 个），请缩短后再保存。` };
  return { ok: true, nickname };
}

/** customer.profile / saveProfile / clearProfile: the caller's own display profile. */
export interface DisplayProfileView {
  nickname: string | null;
  /** The stored avatar (cloud:// file id) and a temp URL to show it; null when none. */
  avatarFileID: string | null;
  avatarUrl: string | null;
  /** When the customer agreed to the consent sentence (null: no profile). */
  consentAt: number | null;
  updatedAt: number | null;
}

export const EMPTY_DISPLAY_PROFILE: DisplayProfileView = { nickname: null, avatarFileID: null, avatarUrl: null, consentAt: null, updatedAt: null };

/** How an operator's page shows a customer: the chosen nickname and avatar, or nothing (then 「顾客（尾号 xxxx）」). */
export interface CustomerDisplay {
  nickname: string | null;
  /** Temp URL of the avatar thumbnail. */
  avatarUrl: string | null;
}

export const NO_DISPLAY: CustomerDisplay = { nickname: null, avatarUrl: null };
