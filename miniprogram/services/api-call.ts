import type { FunctionContract, InputOf, OutputOf } from '@shared/api/contract';
import type { Envelope } from '@shared/errors/envelope';
import type { CallFunction } from './cloud';

/** The input a client sends for action K of contract A (zod's input type of its schema). */
export type In<A extends FunctionContract, K extends keyof A> = InputOf<A[K]>;
/** The envelope action K of contract A answers with (its declared output). */
export type Out<A extends FunctionContract, K extends keyof A> = Promise<Envelope<OutputOf<A[K]>>>;

/** Actions without input may be called with nothing. */
type InputArgs<C> = Record<string, never> extends InputOf<C> ? [input?: InputOf<C>] : [input: InputOf<C>];

export type ActionCaller<A extends FunctionContract> = <K extends keyof A & string>(action: K, ...input: InputArgs<A[K]>) => Out<A, K>;

/**
 * Typed calls to one cloud function from its contract (shared/api/<fn>.ts, imported as a type
 * only: no schema enters the Mini Program's bundle). Undefined fields are left out rather than
 * sent: the server's schemas are strict and not every transport drops them.
 */
export const callerOf =
  <A extends FunctionContract>(call: CallFunction, fn: string): ActionCaller<A> =>
  (action, ...[input]) =>
    call(fn, { action, ...definedFields(input ?? {}) });

function definedFields(o: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out;
}
