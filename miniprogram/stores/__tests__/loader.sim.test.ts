import { makeAutoObservable } from 'mobx';
import type { ErrorCode } from '@shared/errors/codes';
import type { Envelope } from '@shared/errors/envelope';
import { Loader, readBoth } from '../loader';

const ok = <T>(data: T): Envelope<T> => ({ ok: true, data });
const refused = (code: ErrorCode, message: string = code): Envelope<never> => ({ ok: false, error: { code, message } });

/** A reply the test releases when it wants (to overtake one load with another). */
function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

class Probe {
  value: string | undefined = undefined;
  loading = false;
  loaded = false;
  error: string | undefined = undefined;
  readonly loader = new Loader(this);
  constructor() {
    makeAutoObservable(this, { loader: false });
  }
}

describe('Loader: the one load pattern of the customer stores', () => {
  it('applies an answer, marks loaded, and loads once through ensureLoaded', async () => {
    const s = new Probe();
    let calls = 0;
    const load = () => s.loader.load(async () => (calls++, ok('a')), (v) => (s.value = v));
    await s.loader.ensureLoaded(load);
    await s.loader.ensureLoaded(load);
    expect({ value: s.value, loaded: s.loaded, loading: s.loading, calls }).toEqual({ value: 'a', loaded: true, loading: false, calls: 1 });
    s.loader.markStale();
    await s.loader.ensureLoaded(load);
    expect(calls).toBe(2);
  });

  it('the newest load wins: an older answer arriving later is dropped', async () => {
    const s = new Probe();
    const slow = deferred<Envelope<string>>();
    const first = s.loader.load(() => slow.promise, (v) => (s.value = v));
    await s.loader.load(async () => ok('new'), (v) => (s.value = v));
    slow.resolve(ok('old'));
    expect(await first).toBe(false);
    expect(s.value).toBe('new');
  });

  it('a failure is shown in Chinese and keeps what is on screen', async () => {
    const s = new Probe();
    await s.loader.load(async () => ok('a'), (v) => (s.value = v));
    expect(await s.loader.load(async () => refused('INTERNAL', ''), (v) => (s.value = v))).toBe(false);
    expect(s.value).toBe('a');
    expect(s.error).toBe('系统繁忙，请稍后重试。如多次失败请联系客服。');
    expect(s.loading).toBe(false);
  });

  it('reset drops an answer in flight and forgets loaded', async () => {
    const s = new Probe();
    const slow = deferred<Envelope<string>>();
    const pending = s.loader.load(() => slow.promise, (v) => (s.value = v));
    s.loader.reset();
    expect({ loading: s.loading, loaded: s.loaded }).toEqual({ loading: false, loaded: false });
    slow.resolve(ok('late'));
    expect(await pending).toBe(false);
    expect(s.value).toBeUndefined();
  });

  it('readBoth answers the first failure, else both data', async () => {
    expect(await readBoth(Promise.resolve(ok(1)), Promise.resolve(ok('x')))).toEqual(ok([1, 'x']));
    expect(await readBoth(Promise.resolve(refused('NOT_FOUND')), Promise.resolve(refused('CONFLICT')))).toEqual(refused('NOT_FOUND'));
    expect(await readBoth(Promise.resolve(ok(1)), Promise.resolve(refused('CONFLICT')))).toEqual(refused('CONFLICT'));
  });
});
