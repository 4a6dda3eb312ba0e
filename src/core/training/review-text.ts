// The review list as text: failed attempts by scenario with the reason, then the weak-spot queue.
import { queueCounts, type FailureGroup, type WeakSpot } from './review.js';
import { isoMinute } from './calendar.js';
import { plain, type Paint } from './text-style.js';

// The same ISO 8601 minute the review screen shows.
const when = (iso: string) => isoMinute(new Date(iso)) || iso;

/** The printed list of `netpol-dojo review`. */
export function reviewText(groups: readonly FailureGroup[], weak: readonly WeakSpot[], paint: Paint = plain): string {
  if (groups.length === 0) return 'No failed attempts yet.\n';
  const lines: string[] = [];
  for (const g of groups) {
    lines.push(paint('bold', `${g.exerciseId}${g.title ? `  ${g.title}` : ''}`) + (g.passedSince ? paint('green', '  (passed since)') : ''));
    for (const f of g.failures) lines.push(`  ${when(f.finishedAt)}  step ${f.step}  ${f.mode.padEnd(8)} ${paint('red', f.reason)}`);
  }
  lines.push('', paint('bold', `Weak spots (${queueCounts(weak)})`));
  if (weak.length === 0) lines.push('  none');
  weak.forEach((w, i) => lines.push(`  ${i + 1}. ${w.exerciseId}  ${paint('dim', w.why)}`));
  return lines.join('\n') + '\n';
}
