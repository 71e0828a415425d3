import { useEffect, useState } from 'react';

/**
 * The render time for pages that show countdowns: re-renders every `everyMs` so "还剩 2天3小时"
 * keeps moving while the page is open. Pages call this and pass `now` down; components never read
 * the clock themselves (they stay pure and testable with any `now`).
 */
export function useNow(everyMs = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
