// Time for the TUI, injected: the exam countdown, the step timer and "due today" all read
// `now()` and redraw on `every()`. Tests pass a fake clock and move it forward instead of sleeping.
import React, { createContext, useContext, useEffect, useState } from 'react';

export interface TuiClock {
  now(): number;
  /** Calls `tick` every `ms` until the returned function is called. */
  every(ms: number, tick: () => void): () => void;
}

export const SYSTEM_CLOCK: TuiClock = {
  now: () => Date.now(),
  every(ms, tick) {
    const t = setInterval(tick, ms);
    return () => clearInterval(t);
  },
};

const ClockContext = createContext<TuiClock>(SYSTEM_CLOCK);

export function ClockProvider(props: { clock?: TuiClock; children: React.ReactNode }) {
  return <ClockContext.Provider value={props.clock ?? SYSTEM_CLOCK}>{props.children}</ClockContext.Provider>;
}

export function useClock(): TuiClock {
  return useContext(ClockContext);
}

/** The current time, refreshed every `ms` (a render per tick) while `active`. */
export function useNow(ms = 1000, active = true): number {
  const clock = useClock();
  const [now, setNow] = useState(() => clock.now());
  useEffect(() => {
    if (!active) return;
    setNow(clock.now());
    return clock.every(ms, () => setNow(clock.now()));
  }, [clock, ms, active]);
  return now;
}
