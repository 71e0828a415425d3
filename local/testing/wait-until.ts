/**
 * Waiting in tests (docs/testing.md "Waiting"): a test waits for a CONDITION — a text on the page,
 * a recorded call, a stored status — never for the machine to be fast. The budget is generous
 * (60 s; TEST_WAIT_MS overrides it) because it only matters when something is really wrong: a
 * condition that holds returns at the next poll, so a fast box pays nothing for the large budget
 * and a loaded one (two `npm test` runs side by side) still passes.
 */
export const WAIT_BUDGET_MS = Number(process.env.TEST_WAIT_MS) > 0 ? Number(process.env.TEST_WAIT_MS) : 60_000;

const POLL_MS = 25;

/**
 * Polls `probe` until it returns a truthy value (returned) or the budget is spent. `what` says what
 * was awaited; give a function to describe the state at the moment of failure (e.g. the text the
 * page showed instead), so the message tells what went wrong, not that time ran out.
 */
export async function waitUntil<T>(
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  what: string | (() => string),
  budgetMs: number = WAIT_BUDGET_MS,
): Promise<T> {
  const deadline = Date.now() + budgetMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) {
      throw new Error(`waited ${Math.round(budgetMs / 1000)} s for ${typeof what === 'function' ? what() : what}; it never happened`);
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}
