import { readFunctionConfig } from '../../../scripts/cloudbaserc';
import { bundleModules } from '../../../scripts/build-functions';
import { listFunctionNames } from '../../../local/gateway/functions';
import { createWechatMessages } from '../messages/wechat-adapter';
import { OPENAPI, openapiMethod, type OpenapiName } from '../openapi';
import { createWechatShippingProvider } from '../shipping/wechat-adapter';

/**
 * A `cloud.openapi` built the way wx-server-sdk 4.0.2 builds it (see ../openapi.ts): any property
 * read extends the path, a call sends the joined path as the API name. It records that name.
 */
function recordingOpenapi(calls: string[]): unknown {
  const at = (paths: string[]): unknown =>
    new Proxy(function () {}, {
      get: (_t, prop) => at([...paths, String(prop)]),
      apply: async () => {
        calls.push(paths.join('.'));
        return { errCode: 0, errMsg: `openapi.${paths.join('.')}:ok` };
      },
    });
  return at([]);
}

/** Which cloud call each production adapter makes (checked below by driving the adapter). */
const ADAPTER_CALLS: Record<string, OpenapiName> = {
  'cloudfunctions/_kit/shipping/wechat-adapter.ts': OPENAPI.uploadShippingInfo,
  'cloudfunctions/_kit/messages/wechat-adapter.ts': OPENAPI.subscribeMessageSend,
};

describe('cloud-call names: what adapters call = what config.json declares', () => {
  test('the shipping adapter calls wxa.sec.order.uploadShippingInfo (the documented name)', async () => {
    const calls: string[] = [];
    const r = await createWechatShippingProvider(() => recordingOpenapi(calls)).upload({
      order_key: { order_number_type: 2, transaction_id: '4200000000000000000000000000' },
      logistics_type: 3,
      delivery_mode: 1,
      shipping_list: [{ item_desc: '会员年卡' }],
      upload_time: '2026-12-01T10:00:00+08:00',
      payer: { openid: 'o_1' },
    });
    expect(r).toEqual({ ok: true });
    expect(calls).toEqual([OPENAPI.uploadShippingInfo]);
    expect(OPENAPI.uploadShippingInfo).toBe('wxa.sec.order.uploadShippingInfo');
  });

  test('the subscription-message adapter calls subscribeMessage.send', async () => {
    const calls: string[] = [];
    const r = await createWechatMessages(() => recordingOpenapi(calls)).send({ touser: 'o_1', templateId: 't', page: 'pages/index/index', data: {}, miniprogramState: 'formal', lang: 'zh_CN' }, { messageId: 'msg_1', openid: 'o_1' });
    expect(r).toEqual({ ok: true });
    expect(calls).toEqual([OPENAPI.subscribeMessageSend]);
  });

  test('every cloud-call name has its adapter listed here', () => {
    expect(Object.values(ADAPTER_CALLS).sort()).toEqual(Object.values(OPENAPI).sort());
  });

  test('the pinned wx-server-sdk really is the generic path proxy the adapters rely on', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const sdk = require('wx-server-sdk') as { openapi: unknown };
    expect(typeof openapiMethod(sdk.openapi, OPENAPI.uploadShippingInfo)).toBe('function');
    expect(typeof openapiMethod(sdk.openapi, OPENAPI.subscribeMessageSend)).toBe('function');
  });

  test('each function declares exactly the cloud calls its bundle can make', async () => {
    const mismatches: string[] = [];
    for (const fn of listFunctionNames()) {
      const modules = await bundleModules(fn);
      const expected = [...new Set(modules.filter((m) => m in ADAPTER_CALLS).map((m) => ADAPTER_CALLS[m]))].sort();
      const declared = [...readFunctionConfig(fn).permissions.openapi].sort();
      if (JSON.stringify(expected) !== JSON.stringify(declared)) mismatches.push(`${fn}: bundle calls [${expected.join(', ')}], config.json declares [${declared.join(', ')}]`);
    }
    expect(mismatches).toEqual([]);
  });
});
