import { z } from 'zod';
import { ok, type Result } from '../../errors/result';
import { implement } from '../../../cloudfunctions/_kit/contract-actions';
import type { ActionContext } from '../../../cloudfunctions/_kit/create-handler';
import { action, type InputOf, type OutputOf } from '../contract';
import { API } from '..';
import { BUSINESS_ERROR_CODES, COMMON_ERROR_CODES } from '../../errors/codes';
import { orderApi, type PlacedOrder } from '../order';

/**
 * The contract is enforced by the compiler: `npm run typecheck` compiles this file, and each
 * `@ts-expect-error` below fails the type check if the mismatch under it stops being an error
 * (so a loosened contract is caught too). The runtime assertions check the same table jest sees.
 */
const demoApi = {
  get: action<{ id: string; totalFen: number }>()({ summary: 'demo', auth: 'customer', input: z.object({ id: z.string() }).strict() }),
};
const ctx = undefined as unknown as ActionContext;
const right = async (i: { id: string }): Promise<Result<{ id: string; totalFen: number }>> => ok({ id: i.id, totalFen: 1 });
const wrongShape = async (i: { id: string }): Promise<Result<{ id: string; total: number }>> => ok({ id: i.id, total: 1 });

describe('shared/api contract', () => {
  it('a handler must answer the declared output, for every declared action and no other', () => {
    const table = implement(demoApi, { get: { run: right } });
    // @ts-expect-error — the use case answers `total`, the contract says `totalFen`
    implement(demoApi, { get: { run: wrongShape } });
    // @ts-expect-error — a declared action without an implementation
    implement(demoApi, {});
    // @ts-expect-error — an action the contract does not declare
    implement(demoApi, { get: { run: right }, extra: { run: right } });
    expect(Object.keys(table)).toEqual(['get']);
    expect(table.get!.auth).toBe('customer');
    void ctx;
  });

  it('a client call must send the schema input and reads the declared output', () => {
    type CreateInput = InputOf<typeof orderApi.create>;
    const good: CreateInput = { items: [{ productId: 'prd_a', qty: 1 }], payWith: 'wechat', couponId: 'cpn_1', requestId: 'req_12345678' };
    // @ts-expect-error — `qty` is a number on the wire
    const badQty: CreateInput = { items: [{ productId: 'prd_a', qty: '1' }], payWith: 'wechat', requestId: 'req_12345678' };
    // @ts-expect-error — a field the strict schema does not have
    const stray: CreateInput = { items: [{ productId: 'prd_a', qty: 1 }], payWith: 'wechat', requestId: 'req_12345678', coupon: 'x' };
    const placed: OutputOf<typeof orderApi.create> = { orderId: 'ord_x', status: 'created', totalFen: 100 } satisfies PlacedOrder;
    // @ts-expect-error — the output has no `amountFen`
    void placed.amountFen;
    expect(orderApi.create.input.safeParse(good).success).toBe(true);
    expect(orderApi.create.input.safeParse(badQty).success).toBe(false);
    expect(orderApi.create.input.safeParse(stray).success).toBe(false);
  });

  it('every action is strict, names its auth and lists only known error codes', () => {
    for (const [fn, actions] of Object.entries(API)) {
      for (const [name, c] of Object.entries(actions as Record<string, { input: z.ZodType; auth: string; summary: string; errors: readonly string[] }>)) {
        expect([fn, name, ['customer', 'staff', 'operator', 'system'].includes(c.auth)]).toEqual([fn, name, true]);
        expect(c.summary.length).toBeGreaterThan(0);
        const known: readonly string[] = [...COMMON_ERROR_CODES, ...BUSINESS_ERROR_CODES];
        expect([fn, name, c.errors.filter((e) => !known.includes(e))]).toEqual([fn, name, []]);
        // A stray field is refused (`.strict()`), so a client cannot send what the server ignores.
        expect([fn, name, c.input.safeParse({ __stray__: 1 }).success]).toEqual([fn, name, false]);
      }
    }
  });
});
