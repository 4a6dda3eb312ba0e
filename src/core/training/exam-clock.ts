// The exam's countdown, computed from the stored deadline and an injected "now": a resumed
// exam shows the clock having run on while netpol-dojo was closed, with no timer state to save.

export type ClockPhase = 'normal' | 'warning' | 'critical' | 'over';

/** The countdown changes colour from these remaining times on. */
export const WARNING_MS = 10 * 60_000;
export const CRITICAL_MS = 2 * 60_000;

export interface ExamClock {
  /** Milliseconds left, never negative. */
  remainingMs: number;
  phase: ClockPhase;
  /** mm:ss, or h:mm:ss from one hour on. */
  text: string;
}

export function examDeadline(startedAt: Date, minutes: number): Date {
  return new Date(startedAt.getTime() + minutes * 60_000);
}

export function remainingMs(deadline: Date | string, now: Date): number {
  return Math.max(0, new Date(deadline).getTime() - now.getTime());
}

/** warning at 10:00 left and below, critical at 2:00 and below, over at zero. */
export function clockPhase(remaining: number): ClockPhase {
  if (remaining <= 0) return 'over';
  if (remaining <= CRITICAL_MS) return 'critical';
  if (remaining <= WARNING_MS) return 'warning';
  return 'normal';
}

/**
 * Whole seconds rounded up, as countdowns do: 00:00 appears only when time is really up,
 * and 10:00 is the first second of the warning phase.
 */
export function formatCountdown(ms: number): string {
  const total = Math.ceil(Math.max(0, ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
}

export function examClock(deadline: Date | string, now: Date): ExamClock {
  const remaining = remainingMs(deadline, now);
  return { remainingMs: remaining, phase: clockPhase(remaining), text: formatCountdown(remaining) };
}

/** "12 min 5 s", "1 h 02 min": a duration for results, rounded down to the second. */
export function formatDuration(ms: number): string {
  const total = Math.floor(Math.max(0, ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h} h ${String(m).padStart(2, '0')} min`;
  // Whole minutes read as "2 min", not "2 min 0 s".
  if (m > 0) return s === 0 ? `${m} min` : `${m} min ${s} s`;
  return `${s} s`;
}
