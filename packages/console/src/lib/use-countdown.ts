import { useCallback, useEffect, useState } from 'react';

/** Seconds `left` until a moment set with `start(seconds)`; 0 when none runs. */
export interface Countdown {
  left: number;
  start: (seconds: number) => void;
}

/** A countdown that ticks every second. */
export function useCountdown(): Countdown {
  const [until, setUntil] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until === null) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [until]);
  const start = useCallback((seconds: number) => {
    setNow(Date.now());
    setUntil(Date.now() + seconds * 1000);
  }, []);
  const left = until === null ? 0 : Math.max(0, Math.ceil((until - now) / 1000));
  return { left, start };
}

/** "1:05" for 65 seconds. */
export function formatCountdown(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
