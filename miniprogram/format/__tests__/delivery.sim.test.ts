import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadFixture } from '../../../cloudfunctions/_kit/platform/fixtures';
import { fromWechatAddress, toDelivery, withAddress, emptyDeliveryForm, type WechatAddress } from '../delivery';

/**
 * WeChat's address sheet as the delivery form reads it: the documented success fields (the
 * fixture, which cites the docs) map to 收件人 / 手机号 / 详细地址, and the API is declared where
 * WeChat requires it (app.json requiredPrivateInfos) and in the privacy guide text.
 */
const ROOT = path.resolve(__dirname, '..', '..', '..');
// A JSON copy (jsdom has no structuredClone, which exampleOf uses).
const documented = () => JSON.parse(JSON.stringify(loadFixture('wx.chooseAddress.success').example)) as WechatAddress & Record<string, string>;

test('the documented fields fill the form: name, phone, province + city + county + detail', () => {
  const res = { ...documented(), telNumber: '13800138000' };
  expect(fromWechatAddress(res)).toEqual({ name: '张三', phone: '13800138000', address: '广东省广州市海珠区新港中路397号' });
  // Only documented fields are read: everything the mapping reads is in the fixture's example.
  for (const k of ['userName', 'telNumber', 'provinceName', 'cityName', 'countyName', 'detailInfo']) expect(Object.keys(loadFixture('wx.chooseAddress.success').example as object)).toContain(k);
});

test('a municipality is written once; +86 and separators are dropped from a mobile; a landline is kept for the customer to fix', () => {
  const sh = { ...documented(), provinceName: '上海市', cityName: '上海市', countyName: '静安区', detailInfo: '南京西路 1 号', telNumber: '+86 138-0013-8000' };
  expect(fromWechatAddress(sh)).toEqual({ name: '张三', phone: '13800138000', address: '上海市静安区南京西路 1 号' });
  const landline = fromWechatAddress(documented());
  expect(landline.phone).toBe('020-81167888');
  expect(toDelivery(withAddress(emptyDeliveryForm(), landline))).toEqual({ ok: false, message: '请填写收件人的 11 位手机号。' });
});

test('chooseAddress is declared in app.config requiredPrivateInfos and in the privacy guide', () => {
  (globalThis as unknown as { defineAppConfig: (c: unknown) => unknown }).defineAppConfig = (c) => c;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const config = require('../../app.config').default as { requiredPrivateInfos?: string[] };
  expect(config.requiredPrivateInfos).toEqual(['chooseAddress']);
  const guide = readFileSync(path.join(ROOT, 'docs', 'privacy.md'), 'utf8');
  expect(guide).toMatch(/chooseAddress/);
  expect(guide).toContain('微信收货地址');
});
