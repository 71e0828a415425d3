import type { z } from 'zod';
import type { ErrorCode } from '../errors/codes';

/** Who may call an action (checked on the server by createHandler). */
/** `staff`: a 跟进专员 (settings.staff) — or any operator/owner, who may do what staff do. */
export type Auth = 'customer' | 'staff' | 'operator' | 'system';

/**
 * One action of a cloud function, declared once for the handler, the client service, the test
 * fakes and the generated API reference: its input schema (`.strict()`), the data of a successful
 * answer (a type only), and the business error codes it may answer with besides the common ones.
 */
export interface ActionContract<S extends z.ZodType = z.ZodType, O = unknown> {
  summary: string;
  auth: Auth;
  input: S;
  errors: readonly ErrorCode[];
  /** Never set at run time: it carries the output type. */
  readonly __output?: O;
}

/** A function's contract: its actions by name. */
export type FunctionContract = Record<string, ActionContract<z.ZodType, unknown>>;

/** `action<Output>()({ summary, auth, input, errors })`: the output is given, the input inferred. */
export const action =
  <O>() =>
  <S extends z.ZodType>(def: { summary: string; auth: Auth; input: S; errors?: readonly ErrorCode[] }): ActionContract<S, O> => ({ ...def, errors: def.errors ?? [] });

/** What a client sends for an action (before defaults and transforms). */
export type InputOf<C> = C extends ActionContract<infer S, unknown> ? z.input<S> : never;
/** What the handler's use case receives after parsing. */
export type ParsedOf<C> = C extends ActionContract<infer S, unknown> ? z.output<S> : never;
/** The data of a successful answer. */
export type OutputOf<C> = C extends ActionContract<z.ZodType, infer O> ? O : never;
