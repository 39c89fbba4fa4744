import { useEffect, useState } from 'react';

/**
 * The time now, in milliseconds, renewed every `everyMs` while the component shows: for words
 * such as "expires in 3 hours" that must not go stale on an open page.
 */
export function useNow(everyMs = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
