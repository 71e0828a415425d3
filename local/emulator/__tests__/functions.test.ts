import { createLocalSdkApp } from '../sdk';
import { startEmulatorServer } from '..';

test('functions.invokeFunction reaches the registered handler and returns its result', async () => {
  const calls: Array<[string, unknown]> = [];
  const s = await startEmulatorServer({
    dbPath: ':memory:',
    invokeFunction: async (name, data) => {
      calls.push([name, data]);
      if (name === 'missing') throw Object.assign(new Error('function missing not found'), { code: 'FUNCTIONS_NOT_FOUND' });
      return { ok: true, echo: data };
    },
  });
  const app = createLocalSdkApp(s.url, s.credentials);
  const res = (await app.callFunction({ name: 'catalog', data: { action: 'list', n: 1 } })) as { result: unknown };
  expect(res.result).toEqual({ ok: true, echo: { action: 'list', n: 1 } });
  expect(calls).toEqual([['catalog', { action: 'list', n: 1 }]]);
  await expect(app.callFunction({ name: 'missing', data: {} })).rejects.toMatchObject({ code: 'FUNCTIONS_NOT_FOUND' });
  await s.close();
});
