import { startTestStore, type TestStore } from '../../../local/testing/store-harness';
import { getById } from '../../_kit/db';
import { newOwnerClaim, OWNER_CLAIM_ENV, OWNER_OPENID_ENV } from '../../_kit/owner-claim';

/**
 * The first owner of a freshly deployed store (issue 14), through the real gateway, handlers and
 * emulator: a store seeded without the demo owner is what a deploy leaves (no operators, no
 * owners). The claim code's hash sits in the `ops` function's environment (OWNER_CLAIM_SHA256, the
 * deploy prints the code once); OWNER_OPENID names an account instead. Without either the store
 * stays closed.
 */

const HOUR = 60 * 60_000;
const saved = { hash: process.env[OWNER_CLAIM_ENV], openid: process.env[OWNER_OPENID_ENV] };
afterAll(() => {
  for (const [k, v] of [[OWNER_CLAIM_ENV, saved.hash], [OWNER_OPENID_ENV, saved.openid]] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

function configure(env: { hash?: string; openid?: string }) {
  if (env.hash) process.env[OWNER_CLAIM_ENV] = env.hash;
  else delete process.env[OWNER_CLAIM_ENV];
  if (env.openid) process.env[OWNER_OPENID_ENV] = env.openid;
  else delete process.env[OWNER_OPENID_ENV];
}

const settingsDoc = (s: TestStore) => getById<{ owners: string[]; operators: string[]; _version: number }>(s.db(), 'settings', 'global');
const auditOf = async (s: TestStore, action: string) => ((await s.db().collection('audit_log').where({ action }).get()) as { data: Array<Record<string, any>> }).data;

describe('a deployed store with no claim configured: closed, and says why', () => {
  let s: TestStore;
  beforeAll(async () => {
    configure({});
    s = await startTestStore({ demoOwner: false });
  });
  afterAll(() => s.close());

  test('nobody is an operator, op_admin included; 我的 is told the store has no owner and no way to claim it', async () => {
    expect((await settingsDoc(s))).toMatchObject({ owners: [], operators: [] });
    for (const who of ['op_admin', 'cust_first']) {
      expect((await s.call(who, 'ops', { action: 'role' })).data).toEqual({ operator: false, owner: false, firstOwner: { code: false, ownerOpenid: false } });
      expect((await s.call(who, 'ops', { action: 'products' })).error?.code).toBe('FORBIDDEN');
    }
  });

  test('claimOwner: OWNER_CLAIM_CLOSED naming what the deploy must set; nothing is written', async () => {
    const before = s.documents();
    const r = await s.call('cust_first', 'ops', { action: 'claimOwner', code: 'ABCD-EFGH-JKMN', requestId: s.rid('claim') });
    expect(r).toMatchObject({ ok: false, error: { code: 'OWNER_CLAIM_CLOSED' } });
    expect(r.error!.message).toContain('OWNER_CLAIM_SHA256');
    expect(r.error!.message).toContain('OWNER_OPENID');
    expect(s.documents()).toBe(before);
  });

  test('zod-strict input: an empty code or an extra field is INVALID_INPUT, in Chinese', async () => {
    const empty = await s.call('cust_first', 'ops', { action: 'claimOwner', code: '  ', requestId: s.rid('claim') });
    expect(empty).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(empty.error!.message).toContain('请输入部署时打印的认领码');
    const extra = await s.call('cust_first', 'ops', { action: 'claimOwner', code: 'ABCD-EFGH-JKMN', requestId: s.rid('claim'), openid: 'cust_first' });
    expect(extra).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});

describe('the one-time claim code printed by the deploy', () => {
  let s: TestStore;
  const claim = newOwnerClaim();
  beforeAll(async () => {
    configure({ hash: claim.sha256 });
    s = await startTestStore({ demoOwner: false });
  });
  afterAll(async () => {
    await s.clock(0);
    await s.close();
  });

  test('the code has the documented shape and the role says a claim is open', async () => {
    expect(claim.code).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    expect((await s.call('cust_claimer', 'ops', { action: 'role' })).data).toEqual({ operator: false, owner: false, firstOwner: { code: true, ownerOpenid: false } });
  });

  test('wrong codes count down, the fifth locks the account for an hour (even the right code is refused), then it works', async () => {
    const who = 'cust_claimer';
    const wrong = 'ZZZZ-ZZZZ-ZZZZ' === claim.code ? 'YYYY-YYYY-YYYY' : 'ZZZZ-ZZZZ-ZZZZ';
    for (const left of [4, 3, 2, 1]) {
      const r = await s.call(who, 'ops', { action: 'claimOwner', code: wrong, requestId: s.rid('claim') });
      expect(r).toMatchObject({ ok: false, error: { code: 'OWNER_CLAIM_WRONG_CODE', details: { left } } });
      expect(r.error!.message).toContain(`还可再试 ${left} 次`);
    }
    const beforeFifth = Date.now();
    const fifth = await s.call(who, 'ops', { action: 'claimOwner', code: wrong, requestId: s.rid('claim') });
    const afterFifth = Date.now();
    expect(fifth).toMatchObject({ ok: false, error: { code: 'OWNER_CLAIM_LOCKED', details: { lockedUntil: expect.any(Number) } } });
    expect(fifth.error!.message).toContain('连续输错 5 次');
    const lockedUntil = (fifth.error!.details as { lockedUntil: number }).lockedUntil;
    // An hour from the fifth wrong try (bracketed by the request, however slow the box).
    expect(lockedUntil).toBeGreaterThanOrEqual(beforeFifth + HOUR);
    expect(lockedUntil).toBeLessThanOrEqual(afterFifth + HOUR);

    // Locked: the right code is refused too, and nothing changes.
    const right = await s.call(who, 'ops', { action: 'claimOwner', code: claim.code, requestId: s.rid('claim') });
    expect(right).toMatchObject({ ok: false, error: { code: 'OWNER_CLAIM_LOCKED' } });
    expect((await settingsDoc(s))!.owners).toEqual([]);
    expect(await getById(s.db(), 'owner_claims', `ocl_${who}`)).toMatchObject({ failed: 5, lockedUntil });

    // The lock is per account: another one is not held back by it.
    expect((await s.call('cust_other', 'ops', { action: 'claimOwner', code: wrong, requestId: s.rid('claim') })).error?.details).toEqual({ left: 4 });

    // An hour later the locked account may try again; typed in lower case with spaces, it matches.
    await s.clock(HOUR + 60_000);
    const typed = claim.code.toLowerCase().replace(/-/g, ' ');
    const rid = s.rid('claim');
    const won = await s.call(who, 'ops', { action: 'claimOwner', code: typed, requestId: rid });
    expect(won).toMatchObject({ ok: true, data: { operator: true, owner: true } });
    expect(won.data.firstOwner).toBeUndefined();
    expect(await settingsDoc(s)).toMatchObject({ owners: [who], operators: [who] });
    expect(await getById(s.db(), 'owner_claims', `ocl_${who}`)).toBeNull();
    const [entry] = await auditOf(s, 'owner.claim');
    expect(entry).toMatchObject({ entity: 'settings', by: who, before: { owners: [], operators: [] }, after: { owners: [who], operators: [who] } });

    // A retry of the winning request answers the same and writes nothing more.
    const docs = s.documents();
    expect(await s.call(who, 'ops', { action: 'claimOwner', code: typed, requestId: rid })).toMatchObject({ ok: true, data: { owner: true } });
    expect(s.documents()).toBe(docs);
  });

  test('once there is an owner the code is dead: OWNER_EXISTS for the right code, and 我的 no longer offers it', async () => {
    const before = s.documents();
    const r = await s.call('cust_late', 'ops', { action: 'claimOwner', code: claim.code, requestId: s.rid('claim') });
    expect(r).toMatchObject({ ok: false, error: { code: 'OWNER_EXISTS' } });
    expect(r.error!.message).toContain('设置 › 运营人员');
    expect(s.documents()).toBe(before);
    expect((await s.call('cust_late', 'ops', { action: 'role' })).data).toEqual({ operator: false, owner: false });
    expect((await settingsDoc(s))!.owners).toEqual(['cust_claimer']);
  });

  test('the new owner runs the store: back office, staff list', async () => {
    expect((await s.call('cust_claimer', 'ops', { action: 'products' })).ok).toBe(true);
    expect((await s.call('cust_claimer', 'settings', { action: 'editor' })).data.isOwner).toBe(true);
  });
});

describe('two people with the right code at the same moment', () => {
  let s: TestStore;
  const claim = newOwnerClaim();
  beforeAll(async () => {
    configure({ hash: claim.sha256 });
    s = await startTestStore({ demoOwner: false });
  });
  afterAll(() => s.close());

  test('exactly one becomes the owner; the other is told there is one', async () => {
    const racers = ['race_a', 'race_b', 'race_c'];
    const replies = await Promise.all(racers.map((who) => s.call(who, 'ops', { action: 'claimOwner', code: claim.code, requestId: s.rid('race') })));
    const winners = replies.filter((r) => r.ok);
    expect(winners).toHaveLength(1);
    expect(replies.filter((r) => !r.ok).map((r) => r.error!.code)).toEqual(['OWNER_EXISTS', 'OWNER_EXISTS']);
    const owner = racers[replies.indexOf(winners[0])];
    expect(await settingsDoc(s)).toMatchObject({ owners: [owner], operators: [owner] });
    expect(await auditOf(s, 'owner.claim')).toHaveLength(1);
  });
});

describe('OWNER_OPENID on the ops function', () => {
  let s: TestStore;
  beforeAll(async () => {
    configure({ openid: 'boss_openid' });
    s = await startTestStore({ demoOwner: false });
  });
  afterAll(() => s.close());

  test('another account is not made owner, and the code claim stays closed', async () => {
    expect((await s.call('cust_x', 'ops', { action: 'role' })).data).toEqual({ operator: false, owner: false, firstOwner: { code: false, ownerOpenid: true } });
    expect((await s.call('cust_x', 'ops', { action: 'claimOwner', code: 'ABCD-EFGH-JKMN', requestId: s.rid('c') })).error?.code).toBe('OWNER_CLAIM_CLOSED');
    expect((await settingsDoc(s))!.owners).toEqual([]);
  });

  test('that account opening 我的 (ops.role) becomes owner and operator, once, with its audit entry', async () => {
    expect((await s.call('boss_openid', 'ops', { action: 'role' })).data).toEqual({ operator: true, owner: true });
    expect(await settingsDoc(s)).toMatchObject({ owners: ['boss_openid'], operators: ['boss_openid'] });
    const [entry] = await auditOf(s, 'owner.bootstrap');
    expect(entry).toMatchObject({ by: 'boss_openid', after: { owners: ['boss_openid'] } });
    const docs = s.documents();
    const version = (await settingsDoc(s))!._version;
    expect((await s.call('boss_openid', 'ops', { action: 'role' })).data).toEqual({ operator: true, owner: true });
    expect(s.documents()).toBe(docs);
    expect((await settingsDoc(s))!._version).toBe(version);
  });
});
