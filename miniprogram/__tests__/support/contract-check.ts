import type { z } from 'zod';
import { API, type FunctionName } from '@shared/api';
import type { ActionContract, OutputOf, ParsedOf } from '@shared/api/contract';
import { USER_MESSAGES } from '@shared/errors/messages';
import type { Result } from '@shared/errors/result';

/**
 * The fakes of the cloud (money-cloud, ops-cloud) check every call against the same contract the
 * handlers implement (shared/api), so a fake cannot accept what the server refuses, nor the reverse.
 */
type Api = typeof API;
type ActionKey = { [F in FunctionName]: `${F}.${keyof Api[F] & string}` }[FunctionName];
type ContractAt<K> = K extends `${infer F}.${infer A}` ? (F extends FunctionName ? (A extends keyof Api[F] ? Api[F][A] : never) : never) : never;

/** A fake's action table: each entry takes the parsed input and answers the declared output. */
export type FakeActions = { [K in ActionKey]?: (input: ParsedOf<ContractAt<K>>) => Result<OutputOf<ContractAt<K>>> };

/** A call the contract does not allow in its shape: the test (not the app's error handling) must see it. */
export class ContractViolation extends Error {}

export function contractOf(fn: string, action: string): ActionContract | undefined {
  const actions = (API as Record<string, Record<string, ActionContract> | undefined>)[fn];
  return actions && Object.prototype.hasOwnProperty.call(actions, action) ? actions[action] : undefined;
}

// Wrong shape — a field the schema does not have, a missing field, a wrong type: the client is
// broken, so the call throws. Wrong values (too long, a bad format, a refinement) are what a server
// answers INVALID_INPUT to, and a client may legitimately meet that answer.
const SHAPE_ISSUES: ReadonlySet<string> = new Set(['unrecognized_keys', 'invalid_type', 'invalid_union']);

/** Parses a call's input with its contract: the parsed input, or the INVALID_INPUT answer a handler gives. */
export function parseCall(fn: string, action: string, input: Record<string, unknown>): { ok: true; data: Record<string, unknown> } | { ok: false; error: { code: 'INVALID_INPUT'; message: string; details: unknown } } {
  const contract = contractOf(fn, action);
  if (!contract) throw new ContractViolation(`${fn}.${action} is not in shared/api`);
  const parsed = (contract.input as z.ZodType<Record<string, unknown>>).safeParse(input);
  if (parsed.success) return { ok: true, data: parsed.data };
  const details = parsed.error.issues.map((x) => ({ path: x.path.join('.'), message: x.message, code: x.code }));
  const shape = details.filter((d) => SHAPE_ISSUES.has(d.code));
  if (shape.length) throw new ContractViolation(`${fn}.${action}: the call does not match shared/api — ${shape.map((d) => `${d.path || '(input)'} ${d.message}`).join('; ')}`);
  return { ok: false, error: { code: 'INVALID_INPUT', message: `${USER_MESSAGES.INVALID_INPUT}（${fn}.${action}: ${details.map((d) => d.path + ' ' + d.message).join('; ')}）`, details } };
}
