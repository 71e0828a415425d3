import { runInAction } from 'mobx';
import type { Envelope } from '@shared/errors/envelope';
import { userMessage } from '@shared/errors/messages';

/**
 * What a page shows about one server read: loading, the Chinese error, and — for stores of pages
 * that only operators may open — 仅运营人员可访问 (FORBIDDEN). A customer store has no `forbidden`.
 */
export interface ReadState {
  loading: boolean;
  error: string | undefined;
  forbidden?: boolean;
}

/**
 * One server read applied to a store. The store's own generation counter decides `isCurrent`: when
 * a newer read started meanwhile (a tab switch overtaking a slow load), this answer is dropped.
 * Otherwise FORBIDDEN (where the store keeps it) and errors are recorded in Chinese, or the data goes to `apply`. The data on
 * screen stays until the answer replaces it. Returns whether the data was applied.
 */
export async function applyRead<T>(s: ReadState, read: () => Promise<Envelope<T>>, isCurrent: () => boolean, apply: (data: T) => void): Promise<boolean> {
  runInAction(() => {
    s.loading = true;
    s.error = undefined;
  });
  const reply = await read();
  if (!isCurrent()) return false;
  return runInAction(() => {
    s.loading = false;
    if (!reply.ok) {
      if (s.forbidden !== undefined) s.forbidden = reply.error.code === 'FORBIDDEN';
      s.error = userMessage(reply.error.code, reply.error.message);
      return false;
    }
    if (s.forbidden !== undefined) s.forbidden = false;
    apply(reply.data);
    return true;
  });
}
