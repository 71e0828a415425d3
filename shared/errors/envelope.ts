import { z } from 'zod';
import type { Result } from './result';

/** The wire envelope every function answers with (API.md "Envelope"). Same shape as Result. */
export type Envelope<T> = Result<T>;

export const envelopeSchema = z.union([
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({
    ok: z.literal(false),
    error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
  }),
]);
