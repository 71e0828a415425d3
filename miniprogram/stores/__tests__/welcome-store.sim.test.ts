import { DAY_MS } from '@shared/time';
import { FakeCustomerService } from '../../__tests__/support/fake-customer';
import { memoryIdentity, memoryStorage, servicesOver } from '../../__tests__/support/fake-services';
import { failingBackend } from '../../__tests__/support/seed-cloud';
import { RootStore } from '../root-store';

/**
 * The visit on app open and the welcome's visibility (stores/welcome-store.ts) over a fake of the
 * customer *service*: one visit per launch and per new day, never an error for the customer, and
 * 以后再说 remembered on this device for the day.
 */
const T0 = Date.UTC(2026, 2, 1, 2, 0); // 10:00 in Shanghai

function setup(opts: { platform?: 'weapp' | 'h5'; openid?: string; device?: ReturnType<typeof memoryStorage> } = {}) {
  const customer = new FakeCustomerService();
  const device = opts.device ?? memoryStorage();
  const logs: string[] = [];
  let now = T0;
  const services = servicesOver(failingBackend('INTERNAL', ''), { customer, device, platform: opts.platform ?? 'weapp', identity: memoryIdentity(opts.openid) });
  const root = new RootStore(services, { welcome: { now: () => now, log: (m) => logs.push(m) } });
  return { root, customer, device, logs, advance: (ms: number) => void (now += ms) };
}

test('the first show of the app records the visit; later shows the same day do not; a show on a new day does', async () => {
  const { root, customer, advance } = setup();
  const w = root.welcome;
  void w.onAppShow();
  await w.onAppShow(); // launch + show arrive together: one request
  expect(customer.callsOf('visit')).toHaveLength(1);
  expect(w.visit).toEqual({ day: '2026-03-01', recorded: true, surveyPending: true });

  advance(6 * 60 * 60 * 1000); // 16:00, back from the background
  await w.onAppShow();
  expect(customer.callsOf('visit')).toHaveLength(1);

  advance(14 * 60 * 60 * 1000); // 06:00 the next day
  customer.day = '2026-03-02';
  await w.onAppShow();
  expect(customer.callsOf('visit')).toHaveLength(2);
  expect(w.visit?.day).toBe('2026-03-02');
});

test('H5 without a dev login records nothing until someone signs in; then it is their visit', async () => {
  const { root, customer } = setup({ platform: 'h5' });
  await root.welcome.onAppShow();
  expect(customer.callsOf('visit')).toHaveLength(0);
  await root.signInDev('cust_new');
  await root.welcome.onAppShow();
  expect(customer.callsOf('visit')).toHaveLength(1);
  expect(root.welcome.showWelcome).toBe(true);
});

test('a failed visit is logged, shows nothing, never throws, and the next show tries again', async () => {
  const { root, customer, logs } = setup();
  customer.visits.push({ ok: false, error: { code: 'INTERNAL', message: '网络异常，请检查网络后重试。' } });
  customer.visits.push(Promise.reject(new Error('socket closed')));
  await expect(root.welcome.onAppShow()).resolves.toBeUndefined();
  expect(root.welcome.visit).toBeUndefined();
  expect(root.welcome.showWelcome).toBe(false);
  await expect(root.welcome.onAppShow()).resolves.toBeUndefined();
  expect(logs).toEqual([expect.stringContaining('INTERNAL'), expect.stringContaining('socket closed')]);
  await root.welcome.onAppShow();
  expect(customer.callsOf('visit')).toHaveLength(3);
  expect(root.welcome.showWelcome).toBe(true);
});

test('以后再说 hides the welcome on this device for the rest of the day, and it comes back the next day', async () => {
  const device = memoryStorage();
  const first = setup({ device });
  await first.root.welcome.onAppShow();
  expect(first.root.welcome.showWelcome).toBe(true);
  first.root.welcome.later();
  expect(first.root.welcome.showWelcome).toBe(false);
  expect(Object.values(device.values)).toEqual(['2026-03-01']);

  // The app is closed and opened again the same day: still put off.
  const again = setup({ device });
  await again.root.welcome.onAppShow();
  expect(again.root.welcome.showWelcome).toBe(false);

  // The next day the server's day differs from the note.
  const tomorrow = setup({ device });
  tomorrow.advance(DAY_MS);
  tomorrow.customer.day = '2026-03-02';
  await tomorrow.root.welcome.onAppShow();
  expect(tomorrow.root.welcome.showWelcome).toBe(true);
});

test('no welcome once the survey is answered, or when the server says it is not pending', async () => {
  const { root, customer } = setup();
  await root.welcome.onAppShow();
  root.welcome.surveyAnswered();
  expect(root.welcome.showWelcome).toBe(false);

  const other = setup();
  other.customer.visits.push({ ok: true, data: { day: '2026-03-01', recorded: false, surveyPending: false } });
  await other.root.welcome.onAppShow();
  expect(other.root.welcome.visit?.recorded).toBe(false);
  expect(other.root.welcome.showWelcome).toBe(false);
  expect(customer.callsOf('visit')).toHaveLength(1);
});

test('an account switch forgets the previous person’s visit; a late reply for them is ignored', async () => {
  const { root, customer } = setup({ platform: 'h5', openid: 'cust_a' });
  let answer!: (v: { ok: true; data: { day: string; recorded: boolean; surveyPending: boolean } }) => void;
  customer.visits.push(new Promise((r) => (answer = r)));
  customer.visits.push({ ok: true, data: { day: '2026-03-01', recorded: true, surveyPending: false } });
  const late = root.welcome.onAppShow();
  const signIn = root.signInDev('cust_b');
  answer({ ok: true, data: { day: '2026-03-01', recorded: true, surveyPending: true } });
  await Promise.all([late, signIn, root.welcome.onAppShow()]);
  expect(customer.callsOf('visit')).toHaveLength(2);
  expect(root.welcome.visit?.surveyPending).toBe(false);
  expect(root.welcome.showWelcome).toBe(false);
});
