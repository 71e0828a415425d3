import { waitUntil } from '../../../local/testing/wait-until';

/**
 * Poll until `probe` returns a value (async UI updates in simulate have no event to await). The one
 * waiting rule for every test (local/testing/wait-until.ts): a condition with a generous budget.
 */
export const waitFor = waitUntil;

/**
 * `until(sel, contains)` for a page: waits for the element's text to contain `contains`; on failure
 * the message shows the text the element had at the end, not at the start.
 */
export const untilText =
  (text: (sel: string) => string) =>
  (sel: string, contains: string): Promise<true> =>
    waitUntil(() => text(sel).includes(contains), () => `${sel} to contain "${contains}" (it shows "${text(sel)}")`);

/** Polls in a row with nothing new before the app counts as settled (event-loop turns, not a time). */
const QUIET_POLLS = 4;

/**
 * For checks that something did NOT happen (a disabled button tapped, a refresh that failed):
 * returns once the app is quiet — no cloud call in flight, and neither the calls made nor
 * `snapshot()` (e.g. the page text) changed over QUIET_POLLS polls in a row. The app and the test
 * share one event loop, so whatever the tap started runs before the quiet polls end, however
 * loaded the box; a fixed pause would only be long enough on a fast one.
 */
export async function settled(bridge: { readonly calls: readonly unknown[]; readonly inFlight: number }, snapshot: () => string = () => ''): Promise<void> {
  let last = '';
  let quiet = 0;
  await waitUntil(
    () => {
      const now = `${bridge.calls.length}|${bridge.inFlight}|${snapshot()}`;
      quiet = bridge.inFlight === 0 && now === last ? quiet + 1 : 0;
      last = now;
      return quiet >= QUIET_POLLS;
    },
    () => `the app to settle (${bridge.inFlight} cloud call(s) still in flight after ${bridge.calls.length} calls)`,
  );
}
