// Calendar days as the learner lives them: the local date of a timestamp, not the UTC one.
// Streaks, "failed 2 days ago" and "passed on different days" all count these days.

/** A local calendar day as YYYY-MM-DD. */
export type DayKey = string;

export function dayKey(at: Date): DayKey {
  const y = at.getFullYear();
  const m = String(at.getMonth() + 1).padStart(2, '0');
  const d = String(at.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

// Counting through Date.UTC of the local parts keeps every day 24 h long, whatever DST does.
function dayNumber(at: Date): number {
  return Math.round(Date.UTC(at.getFullYear(), at.getMonth(), at.getDate()) / 86_400_000);
}

/** Whole calendar days from `earlier` to `later` (0 on the same local day). */
export function daysBetween(earlier: Date, later: Date): number {
  return dayNumber(later) - dayNumber(earlier);
}

/** The local day `days` after the day of `at` (negative: before). */
export function shiftDay(at: Date, days: number): Date {
  return new Date(at.getFullYear(), at.getMonth(), at.getDate() + days, 12);
}

/** "today", "yesterday", "3 days ago"; "in 1 day" style for the future. */
export function daysAgoText(earlier: Date, now: Date): string {
  const n = daysBetween(earlier, now);
  if (n === 0) return 'today';
  if (n === 1) return 'yesterday';
  if (n === -1) return 'tomorrow';
  return n > 0 ? `${n} days ago` : `in ${-n} days`;
}

/** A local time to the minute in ISO 8601 order: "2026-11-20 09:05" (as review and reopen show it). */
export function isoMinute(at: Date): string {
  if (Number.isNaN(at.getTime())) return '';
  return `${dayKey(at)} ${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;
}
