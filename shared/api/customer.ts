import { z } from 'zod';
import type { AddressBookView } from '../gifts/address-book';
import type { AnswerResult, ClearResult, SurveyView, VisitResult } from '../segments/survey-view';
import { IMAGE_TYPES } from '../catalog/images';
import type { DisplayProfileView } from '../customers/display-profile';
import type { ImageUploadTicket } from '../ops/views';
import { fileIdSchema } from '../schemas/product';
import { action } from './contract';
import { noInput, requestIdSchema } from './common';

const idSchema = z.string().min(1).max(40);
const answersSchema = z.array(z.object({ questionId: idSchema, optionIds: z.array(idSchema).max(12) }).strict()).min(1).max(10);

/** One answered question: the chosen option ids (choices only — nothing else is sent or stored). */
export type SurveyAnswer = z.infer<typeof answersSchema>[number];

/**
 * A nickname as sent: only its size is bounded here; what makes it acceptable (trimmed, 1–20
 * characters, no control characters) is checkNickname's, so the refusal is one Chinese sentence.
 */
const nicknameInput = z.string().max(200, '昵称过长，请缩短到 20 个字以内');

/** One saved address, as the book stores it (the same rules as a 快递到家 delivery). */
const savedAddressInput = z
  .object({
    name: z.string().trim().min(1, '请填写收件人').max(20),
    phone: z.string().regex(/^1\d{10}$/, '请输入 11 位手机号'),
    address: z.string().trim().min(5, '请填写详细地址').max(120),
  })
  .strict();

/**
 * The `customer` function: the daily visit, the onboarding survey and its answers (each an
 * interaction event), the customer's display profile (头像昵称, issue 17 #8), and the address book —
 * filled by the server when an order or a gift claim uses a 快递到家 address, read and pruned by the customer.
 */
export const customerApi = {
  visit: action<VisitResult>()({ summary: '记录今天的访问（每个营业日至多一次），并说明问卷是否仍开放。', auth: 'customer', input: noInput }),
  survey: action<SurveyView>()({ summary: '新客问卷与本人已答内容。', auth: 'customer', input: noInput }),
  answerSurvey: action<AnswerResult>()({ summary: '提交问卷回答。', auth: 'customer', input: z.object({ answers: answersSchema, requestId: requestIdSchema }).strict(), errors: ['SURVEY_CLOSED'] }),
  profile: action<DisplayProfileView>()({ summary: '本人的头像与昵称（未设置时均为 null）。', auth: 'customer', input: noInput }),
  avatarUploadTicket: action<ImageUploadTicket>()({
    summary: '头像上传凭证：本人头像目录（avatars/）下的云存储路径；H5 另给 PUT 地址。size 可省略（chooseAvatar 只给临时路径），上传后服务端仍核对真实大小与格式。',
    auth: 'customer',
    input: z.object({ contentType: z.enum(IMAGE_TYPES, '头像格式不支持，请选择 JPG、PNG 或 WebP 图片'), size: z.number().int().positive().optional() }).strict(),
  }),
  saveProfile: action<DisplayProfileView>()({
    summary: '保存头像和/或昵称（须同意用途说明 consent: true；未给的一项保持不变）。头像须是本人 avatars/ 目录下刚上传的图片，服务端核对大小与真实格式。',
    auth: 'customer',
    input: z.object({ nickname: nicknameInput.optional(), avatarFileID: fileIdSchema.optional(), consent: z.literal(true, '请先同意头像昵称的用途说明') }).strict(),
  }),
  clearProfile: action<DisplayProfileView>()({ summary: '删除头像与昵称（头像文件一并删除）。', auth: 'customer', input: noInput }),
  clearSurvey: action<ClearResult>()({ summary: '撤回全部回答（画像失去其事实与标签）。', auth: 'customer', input: z.object({ requestId: requestIdSchema }).strict() }),
  addresses: action<AddressBookView>()({ summary: '本人的常用收货地址（最近使用的在前，最多 10 条；下单和领礼使用快递到家时自动记录）。', auth: 'customer', input: noInput }),
  removeAddress: action<AddressBookView>()({ summary: '从常用收货地址中删除一条（按姓名、电话、地址匹配；不存在则不变）。', auth: 'customer', input: savedAddressInput }),
};
