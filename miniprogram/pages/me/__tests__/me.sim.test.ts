import { bootMoneyWeapp, textOf, type MoneyWeapp } from '../../../__tests__/support/money-weapp';
import { settled, waitFor } from '../../../__tests__/support/wait-for';
import type { SimulatedComponent } from '../../../__tests__/support/weapp-shim';
import { loadFixture } from '../../../../cloudfunctions/_kit/platform/fixtures';

/**
 * 我的 in the WEAPP BUILD under simulate: the compact spend-tier progress and the operator entry,
 * which appears only when `ops.role` says operator.
 */
jest.setTimeout(180_000);

let env: MoneyWeapp;
let page: SimulatedComponent | undefined;
const $ = (sel: string) => page!.querySelector(sel);
const text = (sel: string) => textOf($(sel));
const settle = () => settled(env.bridge, () => textOf(page));
const tap = (sel: string) => $(sel)!.dispatchEvent('tap');
const styleOf = (sel: string) => $(sel)?.dom.getAttribute('style') ?? '';

async function openMe(ready = '#me-tier-text') {
  page?.detach();
  page = env.app.openPage('pages/me/index');
  await waitFor(() => $(ready), ready);
}

beforeAll(() => {
  env = bootMoneyWeapp('pages/me/index');
});
afterAll(() => page?.detach());

test('a customer sees the compact progress and the gifts entry, and no operator entry', async () => {
  await openMe();
  expect(text('#me-tier-text')).toBe('再消费 ¥5,000 可领取 ¥5,000 消费礼');
  expect(text('#me-tier-spend')).toBe('累计消费 ¥0');
  expect(styleOf('#me-tier-fill')).toMatch(/width:\s*0%/);
  expect(text('#me-tier')).toContain('查看消费礼 ›');
  // Compact: the dots are there, the amount labels are not.
  expect($('#me-tier-mark-3')).toBeDefined();
  expect($('#me-tier-label-0')).toBeUndefined();
  expect(text('#menu-gifts')).toContain('累计消费礼');
  await waitFor(() => env.callsOf('ops.role').length > 0, 'the role to be asked');
  await settle();
  expect($('#menu-ops-gift-claims')).toBeUndefined();
  expect(page!.dom.textContent).not.toContain('运营后台');
});

test('between tiers: the gap to the next gift, the bar part-filled, and how many gifts wait', async () => {
  env.cloud.setSpend(750_000);
  await openMe();
  await waitFor(() => text('#me-tier-text') === '再消费 ¥2,500 可领取 ¥10,000 消费礼', 'the refreshed progress');
  expect(text('#me-tier-spend')).toBe('累计消费 ¥7,500');
  expect(styleOf('#me-tier-fill')).toMatch(/width:\s*37\.5%/);
  expect(text('#me-tier')).toContain('1 份礼品可领取 ›');
});

test('an operator gets 运营后台 · 礼品发货', async () => {
  env.cloud.state.role = { operator: true, owner: false };
  await openMe();
  await waitFor(() => $('#menu-ops-gift-claims'), 'the operator entry');
  expect(text('#menu-ops-gift-claims')).toContain('运营后台 · 礼品发货');
});

describe('头像昵称 (issue 17 #8)', () => {
  // The documented event shapes (jsdom has no structuredClone: copied through JSON).
  const fixture = (name: string) => JSON.parse(JSON.stringify(loadFixture(name).example)) as { detail: Record<string, unknown> };

  test('the header offers 设置头像昵称; the editor saves the chooseAvatar file and the submitted nickname; 我的 then shows them', async () => {
    await openMe();
    await waitFor(() => text('#me-profile-edit') === '设置头像昵称 ›', 'the entry');
    expect($('#me-nickname')).toBeUndefined();
    page!.detach();
    page = env.app.openPage('packages/profile/index');
    await waitFor(() => $('#profile-card'), 'the editor');
    expect(text('#profile-consent')).toBe('我们仅用于在会员卡和客服沟通中称呼您，可随时删除。');
    expect($('#profile-clear')).toBeUndefined();
    // Nothing chosen or typed: said so, nothing sent.
    $('#profile-form')!.dispatchEvent('submit', { detail: { value: { nickname: '' } } });
    await waitFor(() => text('#profile-problem') === '请填写昵称或选择头像后再保存。', 'the refusal');
    expect(env.callsOf('customer.saveProfile')).toEqual([]);
    // WeChat's chooseAvatar event (documented shape) → the temp file is shown.
    const chosen = fixture('weapp.choose-avatar');
    // (simulate does not reflect an image's src into the DOM: the upload below shows which file it was.)
    expect($('#profile-avatar-img')).toBeUndefined();
    $('#profile-choose-avatar')!.dispatchEvent('chooseavatar', chosen);
    await waitFor(() => $('#profile-avatar-img'), 'the chosen avatar');
    // A nickname that is too long is refused here with the server's rule.
    $('#profile-form')!.dispatchEvent('submit', { detail: { value: { nickname: '一二三四五六七八九十一二三四五六七八九十一' } } });
    await waitFor(() => text('#profile-problem').startsWith('昵称最多 20 个字'), 'the length rule');
    // The form's submit (documented shape) carries the nickname WeChat kept.
    const submitted = fixture('weapp.nickname-submit');
    $('#profile-form')!.dispatchEvent('submit', submitted);
    await waitFor(() => env.callsOf('customer.saveProfile').length === 1, 'saveProfile');
    const [save] = env.callsOf('customer.saveProfile');
    expect(save).toMatchObject({ nickname: '微信昵称', consent: true, avatarFileID: expect.stringMatching(/^cloud:\/\/sim-env\.bucket\/avatars\/avf_sim\/ava_\d+\.jpg$/) });
    // Uploaded with wx.cloud.uploadFile from the temp path, to the ticket's path.
    expect(env.bridge.uploads.at(-1)).toEqual({ cloudPath: expect.stringMatching(/^avatars\/avf_sim\//), filePath: chosen.detail.avatarUrl });
    await waitFor(() => $('#profile-clear'), '删除头像昵称');

    await openMe('#me-nickname');
    expect(text('#me-nickname')).toBe('微信昵称');
    expect($('#me-avatar-img')).toBeDefined();
    expect(env.cloud.state.displays.get('cust_sim')).toMatchObject({ nickname: '微信昵称', avatarFileID: save.avatarFileID });
    expect(text('#me-profile-edit')).toBe('修改头像昵称 ›');
  });

  test('删除头像昵称 (after a confirm) clears both; 我的 shows the default again', async () => {
    page!.detach();
    page = env.app.openPage('packages/profile/index');
    await waitFor(() => $('#profile-clear'), 'the delete button');
    tap('#profile-clear');
    await waitFor(() => $('#profile-clear-dialog'), 'the confirm');
    tap('#profile-clear-dialog-confirm');
    await waitFor(() => text('#profile-cleared') === '已删除头像和昵称。', 'cleared');
    expect(env.callsOf('customer.clearProfile')).toHaveLength(1);
    expect(env.cloud.state.displays.size).toBe(0);
    await openMe();
    await waitFor(() => text('#me-profile-edit') === '设置头像昵称 ›', 'the entry again');
    expect($('#me-nickname')).toBeUndefined();
    expect($('#me-avatar-img')).toBeUndefined();
  });
});
