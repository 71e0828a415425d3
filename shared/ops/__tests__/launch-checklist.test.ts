import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildLaunchChecklist, type LaunchFacts, type LaunchItemKey, type LaunchStatus } from '../launch-checklist';
import { claimCodeProblem, formatClaimCode, normalizeClaimCode } from '../owner-claim';
import { nextHealth, OPENAPI_CALLS, PLATFORM_CALLERS, verdictOf, type PlatformHealthDoc } from '../platform-health';

/**
 * The rules of 上线检查 in production terms (not local mode): each item's verdict from the facts
 * the server and the phone read. The local store only reaches some of these (see
 * cloudfunctions/ops/__tests__/launch-checklist.test.ts for the real path).
 */
const T = Date.UTC(2026, 11, 1, 2);
const prod = (over: Partial<LaunchFacts> = {}): LaunchFacts => ({
  now: T,
  local: false,
  client: { platform: 'weapp', envId: 'shop-prod-1a2b', privacyContractName: '《隐私保护指引》' },
  functionEnv: 'shop-prod-1a2b',
  subMchId: '1900000109',
  wechatPaid: true,
  templates: { promotion: 'tplA', renewal: 'tplB' },
  health: [],
  shippingAccepted: true,
  owners: ['oWx_owner'],
  callerIsOwner: true,
  baseLibrary: { confirmedBy: 'oWx_owner', confirmedAt: T - 1 },
  ...over,
});
const status = (f: LaunchFacts, key: LaunchItemKey): LaunchStatus => buildLaunchChecklist(f).items.find((i) => i.key === key)!.status;
const itemOf = (f: LaunchFacts, key: LaunchItemKey) => buildLaunchChecklist(f).items.find((i) => i.key === key)!;

let at = T - 100_000;
function health(fn: string, api: PlatformHealthDoc['api'], ...codes: string[]): PlatformHealthDoc {
  let doc: PlatformHealthDoc | null = null;
  for (const code of codes) doc = nextHealth(doc, { fn, api, adapter: 'wechat', code, message: code === '0' ? 'ok' : `errcode ${code}`, at: at++ });
  return doc!;
}
const allCallsOk = () => PLATFORM_CALLERS.map((c) => health(c.fn, c.api, '0'));

describe('店主', () => {
  test.each<[string, string[], LaunchStatus]>([
    ['nobody', [], 'missing'],
    ['only the demo account', ['op_admin'], 'missing'],
    ['a real openid (the demo one beside it does not matter)', ['oWx_owner', 'op_admin'], 'done'],
  ])('%s → %s', (_n, owners, expected) => {
    expect(status(prod({ owners }), 'owner')).toBe(expected);
  });
  test('nobody: says both ways to become the first owner', () => {
    const todo = itemOf(prod({ owners: [] }), 'owner').todo.join('');
    expect(todo).toContain('成为店主（首次开店）');
    expect(todo).toContain('OWNER_OPENID');
  });
});

describe('云开发环境', () => {
  test.each<[string, Partial<LaunchFacts>, LaunchStatus]>([
    ['same env', {}, 'done'],
    ['built without TCB_ENV_ID (placeholder)', { client: { platform: 'weapp', envId: 'your-env-id' } }, 'missing'],
    ['built without any env', { client: { platform: 'weapp' } }, 'missing'],
    ['another env', { client: { platform: 'weapp', envId: 'shop-test-9z' } }, 'missing'],
    ['function env unknown', { functionEnv: undefined }, 'unknown'],
    ['local mode', { local: true }, 'unknown'],
  ])('%s → %s', (_n, over, expected) => {
    expect(status(prod(over), 'env')).toBe(expected);
  });
  test('a mismatch says which env to build for', () => {
    expect(itemOf(prod({ client: { platform: 'weapp', envId: 'shop-test-9z' } }), 'env').todo[0]).toContain('TCB_ENV_ID=shop-prod-1a2b');
  });
});

describe('微信支付商户号', () => {
  test.each<[string, Partial<LaunchFacts>, LaunchStatus]>([
    ['merchant set and a payment succeeded', {}, 'done'],
    ['no WECHAT_PAY_SUB_MCH_ID', { subMchId: undefined }, 'missing'],
    ['set, never ordered', { wechatPaid: false }, 'unknown'],
    ['set, ordered fine, not paid yet', { wechatPaid: false, health: [health('order', 'cloudPay.unifiedOrder', '0')] }, 'unknown'],
    ['the latest order was refused', { wechatPaid: false, health: [health('order', 'cloudPay.unifiedOrder', '0'), health('wallet', 'cloudPay.unifiedOrder', 'CALL_FAILED')] }, 'missing'],
    ['refused once, then fine again', { health: [health('membership', 'cloudPay.unifiedOrder', 'CALL_FAILED', '0')] }, 'done'],
    ['local mode', { local: true }, 'unknown'],
  ])('%s → %s', (_n, over, expected) => {
    expect(status(prod(over), 'pay')).toBe(expected);
  });
  test('a refusal is shown with its function and message', () => {
    const i = itemOf(prod({ health: [health('wallet', 'cloudPay.unifiedOrder', 'CALL_FAILED')] }), 'pay');
    expect(i.now).toContain('wallet');
    expect(i.now).toContain('errcode CALL_FAILED');
    expect(i.todo.join('')).toContain('WECHAT_PAY_SUB_MCH_ID');
  });
});

describe('订阅消息模板', () => {
  test.each<[string, Record<'promotion' | 'renewal', string>, LaunchStatus]>([
    ['both', { promotion: 'a', renewal: 'b' }, 'done'],
    ['one missing', { promotion: 'a', renewal: '' }, 'missing'],
    ['blank counts as missing', { promotion: '  ', renewal: 'b' }, 'missing'],
  ])('%s → %s', (_n, templates, expected) => {
    expect(status(prod({ templates }), 'templates')).toBe(expected);
  });
});

describe('云调用权限', () => {
  test('every call reached WeChat → done; a business errcode (43101) also proves the permission', () => {
    expect(status(prod({ health: allCallsOk() }), 'openapi')).toBe('done');
    const refused = PLATFORM_CALLERS.map((c) => health(c.fn, c.api, c.api === 'subscribeMessage.send' ? '43101' : '0'));
    expect(status(prod({ health: refused }), 'openapi')).toBe('done');
  });
  test('-604101 on one function → missing, naming it, even if it once worked', () => {
    const h = [...allCallsOk().filter((d) => d.fn !== 'scheduler'), health('scheduler', 'uploadShippingInfo', '0', '-604101')];
    const i = itemOf(prod({ health: h }), 'openapi');
    expect(i.status).toBe('missing');
    expect(i.now).toBe('云函数 scheduler 的云调用被拒（-604101）。');
    expect(i.rows!.find((r) => r.label.startsWith('scheduler'))!.status).toBe('missing');
  });
  test('nothing called yet, or only transport failures → unknown', () => {
    expect(status(prod({ health: [] }), 'openapi')).toBe('unknown');
    expect(status(prod({ health: PLATFORM_CALLERS.map((c) => health(c.fn, c.api, 'TIMEOUT')) }), 'openapi')).toBe('unknown');
  });
  test('verdicts: 0 ok, -604101 no permission, a positive errcode is WeChat answering, anything else says nothing', () => {
    expect([verdictOf('0'), verdictOf('-604101'), verdictOf('43101'), verdictOf('10060001'), verdictOf('-1'), verdictOf('NETWORK')]).toEqual(['ok', 'no-permission', 'refused', 'refused', 'unreachable', 'unreachable']);
  });
});

describe('发货信息管理服务', () => {
  test.each<[string, Partial<LaunchFacts>, LaunchStatus]>([
    ['an upload was accepted', {}, 'done'],
    ['none yet', { shippingAccepted: false }, 'unknown'],
    ['refused by WeChat (10060001 may just be a fresh payment)', { shippingAccepted: false, health: [health('payCallback', 'uploadShippingInfo', '10060001')] }, 'unknown'],
  ])('%s → %s', (_n, over, expected) => {
    expect(status(prod(over), 'shipping')).toBe(expected);
  });
});

describe('用户隐私保护指引 (wx.getPrivacySetting on the phone)', () => {
  test.each<[string, LaunchFacts['client'], LaunchStatus]>([
    ['a contract name', { platform: 'weapp', privacyContractName: '《指引》' }, 'done'],
    ['needAuthorization true (declared, not yet agreed)', { platform: 'weapp', privacyNeedsAuthorization: true }, 'done'],
    ['false without a name: cannot tell', { platform: 'weapp', privacyNeedsAuthorization: false }, 'unknown'],
    ['the API is missing on this base library', { platform: 'weapp', privacyError: 'getPrivacySetting:fail not support' }, 'unknown'],
    ['a browser', { platform: 'h5' }, 'unknown'],
  ])('%s → %s', (_n, client, expected) => {
    expect(status(prod({ client: { envId: 'shop-prod-1a2b', ...client } }), 'privacy')).toBe(expected);
  });
});

describe('基础库最低版本 (confirmed by an owner)', () => {
  test('unconfirmed → missing; an operator is told to ask the owner', () => {
    const i = itemOf(prod({ baseLibrary: null, callerIsOwner: false }), 'baseLibrary');
    expect(i).toMatchObject({ status: 'missing', confirm: { confirmed: false, canConfirm: false } });
    expect(i.todo.join('')).toContain('请店主');
  });
});

test('everything in place → all done', () => {
  const v = buildLaunchChecklist(prod({ health: allCallsOk() }));
  expect(v.counts).toEqual({ done: 8, missing: 0, unknown: 0 });
});

test('every function that makes a cloud call declares it in its config.json, and only those declare one', () => {
  const root = path.resolve(__dirname, '../../../cloudfunctions');
  const declared = (fn: string): string[] => (JSON.parse(readFileSync(path.join(root, fn, 'config.json'), 'utf8')) as { permissions?: { openapi?: string[] } }).permissions?.openapi ?? [];
  // The permission is the documented method name; the shipping one is `wxa.sec.order.uploadShippingInfo`
  // (PLATFORM.md), which older configs spell `wxaSecOrder.uploadShippingInfo`: compare the method's last part.
  const names = (fn: string) => declared(fn).map((p) => (p.endsWith('uploadShippingInfo') ? 'uploadShippingInfo' : p));
  for (const c of PLATFORM_CALLERS) expect({ fn: c.fn, declares: names(c.fn).includes(c.api) }).toEqual({ fn: c.fn, declares: true });
  const fns = readFileSync(path.join(root, '..', 'cloudbaserc.json'), 'utf8');
  for (const fn of (JSON.parse(fns) as { functions: Array<{ name: string }> }).functions.map((f) => f.name)) {
    for (const api of names(fn)) {
      expect(OPENAPI_CALLS as readonly string[]).toContain(api);
      expect(PLATFORM_CALLERS.some((c) => c.fn === fn && c.api === api)).toBe(true);
    }
  }
});

describe('the claim code as typed', () => {
  test('normalised: case, spaces and dashes do not matter', () => {
    expect(normalizeClaimCode(' abcd-efgh jkmn ')).toBe('ABCDEFGHJKMN');
    expect(formatClaimCode('abcdefghjkmn')).toBe('ABCD-EFGH-JKMN');
  });
  test.each([
    ['', '请输入'],
    ['ABCD-EFGH', '12 位（当前 8 位）'],
    ['ABCD-EFGH-JKM0', '没有「0」'],
  ])('%j → %s', (typed, says) => {
    expect(claimCodeProblem(typed)).toContain(says);
  });
  test('the right shape has no problem', () => {
    expect(claimCodeProblem('abcd efgh jkmn')).toBeNull();
  });
});
