import { ContractViolation } from '../contract-check';
import { moneyCloud } from '../money-cloud';

// The fake cloud parses every call with the handlers' own schemas (shared/api): a call the server
// would refuse for its shape fails the test that makes it, instead of being answered by the fake.
describe('the fake cloud checks calls against shared/api', () => {
  const items = [{ productId: 'prd_serum', qty: 1 }];

  test('a call of the wrong shape throws (a stray field, a wrong type, a missing field)', async () => {
    const cloud = moneyCloud();
    await expect(cloud.backend('order', { action: 'create', items, payWith: 'wechat', requestId: 'req_12345678', coupon: 'x' })).rejects.toThrow(ContractViolation);
    await expect(cloud.backend('order', { action: 'create', items: [{ productId: 'prd_serum', qty: '1' }], payWith: 'wechat', requestId: 'req_12345678' })).rejects.toThrow(/items\.0\.qty/);
    await expect(cloud.backend('wallet', { action: 'refund' })).rejects.toThrow(/requestId/);
  });

  test('a wrong value is answered INVALID_INPUT, as the handler answers it', async () => {
    const cloud = moneyCloud();
    const reply = (await cloud.backend('order', { action: 'create', items: [{ productId: 'prd_serum', qty: 0 }], payWith: 'wechat', requestId: 'req_12345678' })) as { ok: boolean; error?: { code: string } };
    expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  test('what the server accepts the fake accepts: order.create takes the chosen couponId', async () => {
    const cloud = moneyCloud();
    const reply = (await cloud.backend('order', { action: 'create', items, payWith: 'wechat', couponId: 'cpn_none', requestId: 'req_12345678' })) as { ok: boolean; error?: { code: string } };
    expect(reply.error?.code).not.toBe('INVALID_INPUT');
  });
});
