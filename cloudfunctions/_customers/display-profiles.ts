import { IMAGE_TYPES, imageProblem, MAX_IMAGE_BYTES, type ImageType } from '../../shared/catalog/images';
import { avatarFolderPrefix, avatarPath, checkNickname, EMPTY_DISPLAY_PROFILE, NO_DISPLAY, type CustomerDisplay, type DisplayProfileView } from '../../shared/customers/display-profile';
import { displayProfileIdOf, type DisplayProfileDoc } from '../../shared/documents/display-profile';
import { fail, ok, type Result } from '../../shared/errors/result';
import type { ImageUploadTicket } from '../../shared/ops/views';
import { checkUploadedImage } from '../_kit/uploaded-image';
import type { ActionContext } from '../_kit/create-handler';
import { COLL } from '../_kit/collections';
import { getById, type Db } from '../_kit/db';
import { idFromKey, newId } from '../_kit/ids';
import { deleteFiles, isOwnFile, tempUrls, uploadTarget } from '../_kit/storage';
import { runInTransaction } from '../_kit/transaction';
import { txGet, txReplace } from '../_kit/tx';

/**
 * The customer's display profile (issue 17 #8): nickname and avatar from WeChat's 头像昵称填写,
 * saved with consent, shown on 我的 and to operators, deleted by the customer or with the account.
 * The avatar's bytes go straight from the phone to cloud storage (as product images do) under a
 * folder derived from the caller's openid; saving checks what actually landed there — size from
 * storage, type from the file's own first bytes — and deletes anything that fails.
 */

/** The caller's avatar folder: a digest, so the path does not carry the openid and nobody can aim at another's folder. */
export const avatarFolderOf = (openid: string) => idFromKey('avf', openid);

async function viewOf(doc: DisplayProfileDoc | null, now: number): Promise<DisplayProfileView> {
  if (!doc) return EMPTY_DISPLAY_PROFILE;
  const fileID = doc.avatar?.fileID ?? null;
  const url = fileID ? (await tempUrls([fileID], now)).get(fileID) ?? null : null;
  return { nickname: doc.nickname ?? null, avatarFileID: fileID, avatarUrl: url, consentAt: doc.consentAt, updatedAt: doc.updatedAt };
}

/** Deleting a replaced or cleared avatar is housekeeping: the profile no longer points at it, so a failure only leaves an orphan file. */
const dropFile = (ctx: ActionContext, fileID: string | undefined) =>
  fileID ? deleteFiles([fileID]).catch((e: unknown) => ctx.log.log('warn', 'display profile: avatar file not deleted', { error: String(e) })) : Promise.resolve();

/** `customer.profile`: the caller's nickname and avatar (all null when they set none). */
export async function getProfile(_input: Record<string, never>, ctx: ActionContext): Promise<Result<DisplayProfileView>> {
  return ok(await viewOf(await getById<DisplayProfileDoc>(ctx.db, COLL.display_profiles, displayProfileIdOf(ctx.openid)), ctx.now()));
}

/** `customer.avatarUploadTicket {contentType, size}`: where the phone puts the chosen avatar (the caller's own folder). */
export async function avatarUploadTicket(input: { contentType: ImageType; size?: number }, ctx: ActionContext): Promise<Result<ImageUploadTicket>> {
  // WeChat's chooseAvatar gives a temp path and no size: then only the stored bytes are checked (saveProfile).
  const problem = imageProblem(input.size ?? 1, IMAGE_TYPES.includes(input.contentType) ? input.contentType : null);
  if (problem) return fail('INVALID_INPUT', problem.replace('上传', '选择'));
  const cloudPath = avatarPath(avatarFolderOf(ctx.openid), newId('ava'), input.contentType);
  const target = await uploadTarget(cloudPath);
  return ok({ cloudPath, fileID: target.fileID, upload: { url: target.url, method: 'PUT', headers: target.headers }, maxBytes: MAX_IMAGE_BYTES });
}

type CheckedAvatar = NonNullable<DisplayProfileDoc['avatar']>;

/** The uploaded file, checked like a product image; a file that fails is deleted. */
async function checkAvatar(fileID: string): Promise<Result<CheckedAvatar>> {
  const checked = await checkUploadedImage(fileID, { notFound: '没有找到上传的头像，可能上传未完成，请重新选择头像。', badType: '头像格式不支持，请选择 JPG、PNG 或 WebP 图片。' });
  return checked.ok ? ok({ fileID, ...checked.data }) : checked;
}

/**
 * `customer.saveProfile {nickname?, avatarFileID?, consent: true}`: sets what is given and keeps
 * the rest. Everything is checked before anything is written: a refused nickname or avatar
 * leaves the profile as it was. A replaced avatar file is deleted after the change is committed.
 */
export async function saveProfile(input: { nickname?: string; avatarFileID?: string; consent: true }, ctx: ActionContext): Promise<Result<DisplayProfileView>> {
  if (input.nickname === undefined && input.avatarFileID === undefined) return fail('INVALID_INPUT', '请填写昵称或选择头像后再保存。');
  let nickname: string | undefined;
  if (input.nickname !== undefined) {
    const checked = checkNickname(input.nickname);
    if (!checked.ok) return fail('INVALID_INPUT', checked.message);
    nickname = checked.nickname;
  }
  const id = displayProfileIdOf(ctx.openid);
  let avatar: CheckedAvatar | undefined;
  if (input.avatarFileID !== undefined) {
    if (!isOwnFile(input.avatarFileID, avatarFolderPrefix(avatarFolderOf(ctx.openid)))) return fail('INVALID_INPUT', '头像须是您在本页刚上传的图片，请重新选择头像。');
    const current = await getById<DisplayProfileDoc>(ctx.db, COLL.display_profiles, id);
    if (current?.avatar?.fileID === input.avatarFileID) avatar = current.avatar;
    else {
      const checked = await checkAvatar(input.avatarFileID);
      if (!checked.ok) return checked;
      avatar = checked.data;
    }
  }
  const now = ctx.now();
  const { doc, replaced } = await runInTransaction(ctx.db, async (tx) => {
    const cur = await txGet<DisplayProfileDoc>(tx, COLL.display_profiles, id);
    const next: DisplayProfileDoc = {
      _id: id,
      openid: ctx.openid,
      ...(nickname !== undefined ? { nickname } : cur?.nickname !== undefined ? { nickname: cur.nickname } : {}),
      ...(avatar ? { avatar } : cur?.avatar ? { avatar: cur.avatar } : {}),
      consentAt: now,
      updatedAt: now,
      version: (cur?.version ?? 0) + 1,
    };
    await txReplace(tx, COLL.display_profiles, next);
    const old = cur?.avatar?.fileID;
    return { doc: next, replaced: old && old !== next.avatar?.fileID ? old : undefined };
  });
  await dropFile(ctx, replaced);
  return ok(await viewOf(doc, now));
}

/** `customer.clearProfile`: 删除头像昵称 — the document and the avatar file go. */
export async function clearProfile(_input: Record<string, never>, ctx: ActionContext): Promise<Result<DisplayProfileView>> {
  const id = displayProfileIdOf(ctx.openid);
  const removed = await runInTransaction(ctx.db, async (tx) => {
    const cur = await txGet<DisplayProfileDoc>(tx, COLL.display_profiles, id);
    if (cur) await tx.collection(COLL.display_profiles).doc(id).remove();
    return cur;
  });
  await dropFile(ctx, removed?.avatar?.fileID);
  return ok(EMPTY_DISPLAY_PROFILE);
}

/** CloudBase answers at most 100 documents per get by default; one `_id in […]` per 100 customers. */
const LOOKUP_BATCH = 100;

/**
 * How operators' pages show these customers: one `where({_id: in [...]})` per page of rows (never
 * a read per row), then one temp-URL call for the avatars. Customers without a profile get
 * NO_DISPLAY (the page then shows 「顾客（尾号 xxxx）」).
 */
export async function customerDisplays(db: Db, openids: readonly string[], now: number): Promise<Map<string, CustomerDisplay>> {
  const wanted = [...new Set(openids)];
  const docs: Array<Pick<DisplayProfileDoc, 'openid' | 'nickname' | 'avatar'>> = [];
  const _ = db.command;
  for (let i = 0; i < wanted.length; i += LOOKUP_BATCH) {
    const ids = wanted.slice(i, i + LOOKUP_BATCH).map(displayProfileIdOf);
    const res = (await db.collection(COLL.display_profiles).where({ _id: _.in(ids) }).limit(LOOKUP_BATCH).field({ openid: true, nickname: true, avatar: true }).get()) as { data: typeof docs };
    docs.push(...res.data);
  }
  const files = docs.flatMap((d) => (d.avatar ? [d.avatar.fileID] : []));
  const urls = files.length ? await tempUrls(files, now) : new Map<string, string>();
  const out = new Map<string, CustomerDisplay>(wanted.map((o) => [o, NO_DISPLAY]));
  for (const d of docs) out.set(d.openid, { nickname: d.nickname ?? null, avatarUrl: d.avatar ? (urls.get(d.avatar.fileID) ?? null) : null });
  return out;
}

/** Rows of an operator's list with `customer` filled in (one lookup for the whole page). */
export async function withCustomers<T extends { openid: string }>(db: Db, rows: T[], now: number): Promise<Array<T & { customer: CustomerDisplay }>> {
  if (rows.length === 0) return [];
  const shown = await customerDisplays(db, rows.map((r) => r.openid), now);
  return rows.map((r) => ({ ...r, customer: shown.get(r.openid) ?? NO_DISPLAY }));
}
