import type { FunctionContract, OutputOf, ParsedOf } from '../../shared/api/contract';
import type { Result } from '../../shared/errors/result';
import type { FieldLabels } from '../../shared/schemas/issues';
import { createHandler, type ActionContext, type ActionDef, type HandlerMain, type HandlerOptions } from './create-handler';
import type { SourceKind } from './sources';

/** What a handler adds to an action's contract (shared/api): the use case, and server-only details. */
export interface ActionImpl<C> {
  /** Must answer the contract's output type: a use case returning another shape fails `npm run typecheck`. */
  run: (input: ParsedOf<C>, ctx: ActionContext) => Promise<Result<OutputOf<C>>>;
  /** For `auth: 'system'`: which platform sources may invoke it (default: the timer only). */
  sources?: SourceKind[];
  /** Readable names of input fields for INVALID_INPUT messages. */
  labels?: FieldLabels;
}

/** One implementation per declared action: a missing or an undeclared action fails the type check. */
export type Implementation<A extends FunctionContract> = { [K in keyof A]: ActionImpl<A[K]> };

/** The action table createHandler takes, built from a function's contract and its implementations. */
export function implement<A extends FunctionContract>(api: A, impl: Implementation<A>): Record<string, ActionDef> {
  return Object.fromEntries(
    Object.keys(api).map((name) => {
      const { input, auth } = api[name]!;
      return [name, { input, auth, ...(impl[name] as ActionImpl<unknown>) } as ActionDef];
    }),
  );
}

/** A cloud function's `main` from its contract and implementations (other options as createHandler's). */
export function serve<A extends FunctionContract>(name: string, api: A, impl: Implementation<A>, opts: Omit<HandlerOptions, 'name' | 'actions'> = {}): HandlerMain {
  return createHandler({ ...opts, name, actions: implement(api, impl) });
}
