import type { Envelope } from '@shared/errors/envelope';

/**
 * A list reply as PagedList takes it: the items, and the cursor only when there is more (the
 * functions say "no more" with null or by leaving it out).
 */
export function pageOf<D, T, C extends string | number>(reply: Envelope<D>, items: (d: D) => T[], cursor: (d: D) => C | null | undefined): Envelope<{ items: T[]; nextCursor?: C }> {
  if (!reply.ok) return reply;
  const next = cursor(reply.data);
  return { ok: true, data: { items: items(reply.data), ...(next !== null && next !== undefined ? { nextCursor: next } : {}) } };
}
