import { getApp } from '../../_kit/db';
import { startTestStore, type TestStore } from '../../../local/testing/store-harness';

/**
 * 头像昵称 (issue 17 #8) through the real SDK and emulator: the customer saves, edits and clears
 * their nickname and avatar (the avatar uploaded to storage the way wx.cloud.uploadFile does it,
 * then checked by the server); bad input changes nothing; one customer's profile is theirs alone;
 * operators see nicknames in their lists through one batched lookup; account deletion removes the
 * document and the avatar file.
 */
jest.setTimeout(120_000);

let s: TestStore;
beforeAll(async () => {
  s = await startTestStore();
});
afterAll(() => s.close());

const U = 'dpf_customer_one';
const OTHER = 'dpf_customer_two';
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(1_000, 7)]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(800, 3)]);

const customer = (openid: string, body: Record<string, unknown>) => s.call(openid, 'customer', body);
const profile = async (openid: string) => {
  const r = await customer(openid, { action: 'profile' });
  expect(r.error).toBeUndefined();
  return r.data;
};
const stored = () => s.db().collection('display_profiles').doc(`dpf_${U}`).get() as Promise<{ data: unknown[] }>;

/** What the Mini Program does: ticket → wx.cloud.uploadFile (the SDK's uploadFile: metadata + PUT) → the file id. */
async function uploadAvatar(openid: string, bytes: Buffer, contentType = 'image/png') {
  const ticket = await customer(openid, { action: 'avatarUploadTicket', contentType });
  expect(ticket.error).toBeUndefined();
  expect(ticket.data.cloudPath).toMatch(/^avatars\/avf_[a-z0-9]+\/ava_[a-z0-9]+\.(png|jpg)$/);
  // The folder is a digest, never the openid itself.
  expect(ticket.data.cloudPath).not.toContain(openid);
  const fileID = (await getApp().uploadFile({ cloudPath: ticket.data.cloudPath, fileContent: bytes })).fileID;
  expect(fileID).toBe(ticket.data.fileID);
  return fileID as string;
}
const fileExists = async (fileID: string) => {
  const res = (await getApp().getFileInfo({ fileList: [fileID] })) as { fileList?: Array<{ code: string }> };
  return res.fileList?.[0]?.code === 'SUCCESS';
};

test('nothing set: all null', async () => {
  expect(await profile(U)).toEqual({ nickname: null, avatarFileID: null, avatarUrl: null, consentAt: null, updatedAt: null });
});

test('save a nickname (trimmed) and an avatar, with consent; the header reads them back', async () => {
  const fileID = await uploadAvatar(U, PNG);
  const r = await customer(U, { action: 'saveProfile', nickname: '  小青 🌿 ', avatarFileID: fileID, consent: true });
  expect(r.error).toBeUndefined();
  expect(r.data).toMatchObject({ nickname: '小青 🌿', avatarFileID: fileID, avatarUrl: expect.stringContaining('/tcb/files/'), consentAt: expect.any(Number) });
  expect(await profile(U)).toEqual(r.data);
  // The temp URL serves exactly the uploaded bytes.
  const img = await fetch(r.data.avatarUrl);
  expect(Buffer.from(await img.arrayBuffer()).equals(PNG)).toBe(true);
  expect((await stored()).data[0]).toMatchObject({ openid: U, nickname: '小青 🌿', avatar: { fileID, contentType: 'image/png', size: PNG.length } });
});

test('edit: only the nickname changes, the avatar stays; a new avatar replaces (and deletes) the old file', async () => {
  const before = await profile(U);
  const r = await customer(U, { action: 'saveProfile', nickname: '青青', consent: true });
  expect(r.data).toMatchObject({ nickname: '青青', avatarFileID: before.avatarFileID });
  const next = await uploadAvatar(U, JPEG, 'image/jpeg');
  const r2 = await customer(U, { action: 'saveProfile', avatarFileID: next, consent: true });
  expect(r2.data).toMatchObject({ nickname: '青青', avatarFileID: next });
  expect(await fileExists(before.avatarFileID)).toBe(false);
  expect(await fileExists(next)).toBe(true);
  // Saving the same again (a retry) changes nothing and keeps the file.
  expect((await customer(U, { action: 'saveProfile', avatarFileID: next, consent: true })).data.avatarFileID).toBe(next);
  expect(await fileExists(next)).toBe(true);
});

test('refused with a clear Chinese reason, and nothing changes', async () => {
  const before = JSON.stringify((await stored()).data);
  const refusals: Array<[Record<string, unknown>, string | RegExp]> = [
    [{ nickname: '   ', consent: true }, '昵称不能为空，请填写 1–20 个字。'],
    [{ nickname: '一二三四五六七八九十一二三四五六七八九十一', consent: true }, '昵称最多 20 个字（现在 21 个），请缩短后再保存。'],
    [{ nickname: '小\u0007青', consent: true }, '昵称含有不可见的控制字符，请重新输入。'],
    [{ nickname: '小\u202e青', consent: true }, '昵称含有不可见的控制字符，请重新输入。'],
    [{ consent: true }, '请填写昵称或选择头像后再保存。'],
    [{ nickname: '小青' }, /用途说明/],
    [{ nickname: '小青', consent: false }, /用途说明/],
    [{ avatarFileID: 'cloud://local.6c6f-local-1250000000/products/202601/img_x.png', consent: true }, '头像须是您在本页刚上传的图片，请重新选择头像。'],
    [{ avatarFileID: 'cloud://local.6c6f-local-1250000000/avatars/../products/x.png', consent: true }, '头像须是您在本页刚上传的图片，请重新选择头像。'],
    [{ nickname: '小青', extra: 1, consent: true }, /.+/],
  ];
  for (const [body, message] of refusals) {
    const r = await customer(U, { action: 'saveProfile', ...body });
    expect({ body, code: r.error?.code }).toEqual({ body, code: 'INVALID_INPUT' });
    expect(r.error!.message).toMatch(message);
  }
  // Not an image (a script with a .png name): refused by its bytes, and the file is deleted.
  const fake = await uploadAvatar(U, Buffer.from('<?php echo 1; ?>'));
  const r = await customer(U, { action: 'saveProfile', nickname: '换个名字', avatarFileID: fake, consent: true });
  expect(r.error).toMatchObject({ code: 'INVALID_INPUT', message: '图片格式不支持，请上传 JPG、PNG 或 WebP 图片。' });
  expect(await fileExists(fake)).toBe(false);
  // Too big after the upload: refused by the stored size.
  const big = await uploadAvatar(U, Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024)]));
  expect((await customer(U, { action: 'saveProfile', avatarFileID: big, consent: true })).error?.code).toBe('INVALID_INPUT');
  expect(await fileExists(big)).toBe(false);
  // A ticket for something that is not an image is refused up front.
  expect((await customer(U, { action: 'avatarUploadTicket', contentType: 'image/gif' })).error?.code).toBe('INVALID_INPUT');
  expect(JSON.stringify((await stored()).data)).toBe(before);
});

test("another customer cannot read it, nor point their profile at this customer's avatar", async () => {
  expect((await profile(OTHER)).nickname).toBeNull();
  const mine = await profile(U);
  const r = await customer(OTHER, { action: 'saveProfile', avatarFileID: mine.avatarFileID, consent: true });
  expect(r.error).toMatchObject({ code: 'INVALID_INPUT', message: '头像须是您在本页刚上传的图片，请重新选择头像。' });
  expect((await profile(OTHER)).avatarFileID).toBeNull();
});

test('operators see nicknames: segment list, customer page, order and gift lists; none → no nickname', async () => {
  const OP = 'op_admin';
  ok(await customer(OTHER, { action: 'visit' }));
  ok(await customer(U, { action: 'visit' }));
  const list = ok(await s.call(OP, 'segment', { action: 'list', key: 'purchases:0', limit: 100 }));
  const row = (o: string) => list.members.find((m: { openid: string }) => m.openid === o);
  expect(row(U).customer).toEqual({ nickname: '青青', avatarUrl: expect.stringContaining('/tcb/files/') });
  expect(row(OTHER).customer).toEqual({ nickname: null, avatarUrl: null });
  const c = ok(await s.call(OP, 'segment', { action: 'customer', openid: U }));
  expect(c.display).toMatchObject({ nickname: '青青' });
  // An order paid and waiting to ship: the fulfilment list shows the nickname.
  const order = ok(await s.call(U, 'order', { action: 'create', items: [{ productId: 'prd_mask', qty: 1 }], payWith: 'wechat', requestId: s.rid('ord') }));
  await s.pay(order.payment.outTradeNo);
  const toShip = ok(await s.call(OP, 'ops', { action: 'orders', state: 'to-ship' }));
  expect(toShip.orders.find((o: { orderId: string }) => o.orderId === order.orderId).customer).toMatchObject({ nickname: '青青' });
  expect(ok(await s.call(OP, 'ops', { action: 'order', orderId: order.orderId })).customer.nickname).toBe('青青');
  // Shipped: the WeChat shipping-info upload's card names the customer too.
  ok(await s.call(OP, 'ops', { action: 'shipOrder', orderId: order.orderId, carrier: 'ZTO', trackingNo: 'ZT20261207', requestId: s.rid('ship') }));
  const uploads = [...ok(await s.call(OP, 'ops', { action: 'shippingUploads', state: 'succeeded' })).uploads, ...ok(await s.call(OP, 'ops', { action: 'shippingUploads', state: 'pending' })).uploads];
  expect(uploads.find((u: { orderId: string }) => u.orderId === order.orderId).customer).toMatchObject({ nickname: '青青' });
  const claims = ok(await s.call(OP, 'ops', { action: 'giftClaims', state: 'pending' }));
  for (const claim of claims.claims) expect(Object.keys(claim.customer).sort()).toEqual(['avatarUrl', 'nickname']);
  // Customers cannot list others.
  expect((await s.call(U, 'segment', { action: 'list', key: 'purchases:0' })).error?.code).toBe('FORBIDDEN');
});

test('clear: 删除头像昵称 removes the document and the avatar file', async () => {
  const { avatarFileID } = await profile(U);
  const r = await customer(U, { action: 'clearProfile' });
  expect(r.data).toEqual({ nickname: null, avatarFileID: null, avatarUrl: null, consentAt: null, updatedAt: null });
  expect((await stored()).data).toEqual([]);
  expect(await fileExists(avatarFileID)).toBe(false);
  // Clearing again is harmless.
  expect((await customer(U, { action: 'clearProfile' })).error).toBeUndefined();
});

test('account deletion deletes it (document and file), and the privacy page lists it before', async () => {
  const D = 'dpf_customer_leaving';
  const fileID = await uploadAvatar(D, PNG);
  ok(await customer(D, { action: 'saveProfile', nickname: '要走的人', avatarFileID: fileID, consent: true }));
  const sum = ok(await s.call(D, 'privacy', { action: 'summary' }));
  expect(sum.groups.find((g: { key: string }) => g.key === 'display')).toMatchObject({ label: '头像与昵称', count: 1, onDelete: 'delete' });
  expect(sum.groups.find((g: { key: string }) => g.key === 'display').detail).toContain('昵称「要走的人」');
  const exported = ok(await s.call(D, 'privacy', { action: 'export' }));
  expect(exported.documents.find((d: { collection: string }) => d.collection === 'display_profiles')).toMatchObject({ label: '头像与昵称', document: { nickname: '要走的人' } });
  let r = await s.call(D, 'privacy', { action: 'deleteAccount', confirm: true, requestId: 'del_dpf_leaving_1' });
  for (let i = 0; i < 20 && r.ok && r.data.state !== 'done'; i++) r = await s.call(D, 'privacy', { action: 'deleteAccount', confirm: true, requestId: 'del_dpf_leaving_1' });
  expect(r.error).toBeUndefined();
  expect(r.data).toMatchObject({ state: 'done', deleted: expect.objectContaining({ display_profiles: 1 }) });
  expect((await s.db().collection('display_profiles').doc(`dpf_${D}`).get()).data).toEqual([]);
  expect(await fileExists(fileID)).toBe(false);
});

function ok<T = any>(r: { ok: boolean; data: T; error?: unknown }): T {
  expect(r.error).toBeUndefined();
  return r.data;
}
