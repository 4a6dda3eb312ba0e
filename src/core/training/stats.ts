// Progress at a glance: per topic attempts, pass rate and median time; the exam history;
// the streak of days practised. Pure: store data and the bank in, plain numbers out.
import { attemptsMade, type Attempt, type ExamRecord } from './records.js';
import { dayKey, shiftDay } from './calendar.js';
import { exerciseRecords, statusFrom } from './exercise-status.js';
import { PASS_MARK_PCT } from './exam-score.js';
import { compareTopics, topicName, type ScenarioInfo } from './scenario-info.js';

export interface TopicStats {
  /** Module section number, e.g. "4.1". */
  topic: string;
  /** Short section name, when known. */
  name?: string;
  attempts: number;
  passes: number;
  /** passes / attempts, 0..1. */
  passRate: number;
  /** Median of the attempts' durations; null when none recorded one. */
  medianDurationMs: number | null;
  /** Distinct scenarios of this topic attempted. */
  scenarios: number;
}

export interface ExamHistoryEntry {
  id: string;
  /** ISO time the exam was handed in. */
  finishedAt: string;
  scorePct: number;
  passed: boolean;
}

export interface StatsTotals {
  attempts: number;
  passes: number;
  passRate: number;
  scenariosAttempted: number;
  scenariosPassed: number;
  daysPractised: number;
  examsFinished: number;
  examBestPct: number | null;
}

export interface StatsReport {
  topics: TopicStats[];
  exams: ExamHistoryEntry[];
  streakDays: number;
  totals: StatsTotals;
}

export interface StatsInput {
  attempts: readonly Attempt[];
  exams: readonly ExamRecord[];
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * One row per topic of the attempted scenarios, in module order. An attempt counts once for
 * each topic its scenario lists; attempts of scenarios no longer in the bank have no topics.
 */
export function topicStats(attempts: readonly Attempt[], scenarios: readonly ScenarioInfo[]): TopicStats[] {
  const byId = new Map(scenarios.map((s) => [s.id, s]));
  const rows = new Map<string, { attempts: number; passes: number; durations: number[]; scenarios: Set<string> }>();
  for (const a of attemptsMade(attempts)) {
    const s = byId.get(a.exerciseId);
    if (!s) continue;
    for (const topic of new Set(s.topics)) {
      let row = rows.get(topic);
      if (!row) rows.set(topic, (row = { attempts: 0, passes: 0, durations: [], scenarios: new Set() }));
      row.attempts++;
      if (a.passed) row.passes++;
      if (a.durationMs !== undefined && a.durationMs >= 0) row.durations.push(a.durationMs);
      row.scenarios.add(s.id);
    }
  }
  return [...rows.entries()]
    .sort(([a], [b]) => compareTopics(a, b))
    .map(([topic, r]) => {
      const name = topicName(topic);
      return {
        topic,
        ...(name ? { name } : {}),
        attempts: r.attempts,
        passes: r.passes,
        passRate: r.passes / r.attempts,
        medianDurationMs: median(r.durations),
        scenarios: r.scenarios.size,
      };
    });
}

/** Finished exams, oldest first (abandoned and running ones are not results). */
export function examHistory(exams: readonly ExamRecord[]): ExamHistoryEntry[] {
  return exams
    .filter((e) => e.status === 'finished' && e.scorePct !== undefined && e.finishedAt !== undefined)
    .map((e) => ({
      id: e.id,
      finishedAt: e.finishedAt as string,
      scorePct: e.scorePct as number,
      passed: e.passed ?? (e.scorePct as number) >= PASS_MARK_PCT,
    }))
    .sort((a, b) => Date.parse(a.finishedAt) - Date.parse(b.finishedAt));
}

function practiceDays(attempts: readonly Attempt[]): Set<string> {
  const days = new Set<string>();
  for (const a of attemptsMade(attempts)) {
    const at = new Date(a.finishedAt);
    if (!Number.isNaN(at.getTime())) days.add(dayKey(at));
  }
  return days;
}

/**
 * Consecutive local days with at least one attempt, ending today, or yesterday when nothing
 * was done yet today (the streak is not lost before the day is over).
 */
export function practiceStreak(attempts: readonly Attempt[], now: Date): number {
  const days = practiceDays(attempts);
  let offset = days.has(dayKey(now)) ? 0 : -1;
  let streak = 0;
  while (days.has(dayKey(shiftDay(now, offset)))) {
    streak++;
    offset--;
  }
  return streak;
}

/** Exercises passed in every step (a mock exam pass counts for the whole task). */
function passedScenarios(attempts: readonly Attempt[], scenarios: readonly ScenarioInfo[]): number {
  const steps = new Map(scenarios.map((s) => [s.id, s.steps.length]));
  return [...exerciseRecords(attempts)].filter(([id, r]) => statusFrom(r, steps.get(id) ?? 1) === 'passed').length;
}

export function buildStats(input: StatsInput, scenarios: readonly ScenarioInfo[], now: Date): StatsReport {
  const attempts = attemptsMade(input.attempts);
  const exams = examHistory(input.exams);
  const passes = attempts.filter((a) => a.passed).length;
  return {
    topics: topicStats(attempts, scenarios),
    exams,
    streakDays: practiceStreak(attempts, now),
    totals: {
      attempts: attempts.length,
      passes,
      passRate: attempts.length ? passes / attempts.length : 0,
      scenariosAttempted: new Set(attempts.map((a) => a.exerciseId)).size,
      scenariosPassed: passedScenarios(input.attempts, scenarios),
      daysPractised: practiceDays(attempts).size,
      examsFinished: exams.length,
      examBestPct: exams.length ? Math.max(...exams.map((e) => e.scorePct)) : null,
    },
  };
}

export const BAR_FILLED = '█';
export const BAR_EMPTY = '░';
export const PASS_LINE = '|';

export function formatPct(pct: number): string {
  return `${Number.isInteger(pct) ? pct : pct.toFixed(1)}%`;
}

/**
 * One line per exam, oldest first (the newest `max`): date, a bar as wide as the score, a `|` at
 * the pass mark, the score and the word pass or fail, so nothing depends on colour.
 * `width` is the whole line's width; the bar takes what the labels leave (at least 10 cells).
 */
export function renderBarChart(exams: readonly ExamHistoryEntry[], width: number, options: { max?: number } = {}): string[] {
  if (exams.length === 0) return ['No finished exams yet.'];
  const shown = exams.slice(-(options.max ?? 10));
  const labels = 10 + 2 + 2 + 6 + 2 + 4; // date, gaps, " 72.5%", gap, verdict
  const cells = Math.max(10, width - labels);
  const mark = Math.min(cells - 1, Math.round((PASS_MARK_PCT / 100) * cells));
  const lines = [`Exam history (${PASS_LINE} marks the ${PASS_MARK_PCT}% pass mark)`];
  for (const e of shown) {
    const filled = Math.round((Math.min(100, Math.max(0, e.scorePct)) / 100) * cells);
    let bar = '';
    for (let i = 0; i < cells; i++) bar += i === mark ? PASS_LINE : i < filled ? BAR_FILLED : BAR_EMPTY;
    lines.push(`${dayKey(new Date(e.finishedAt))}  ${bar}  ${formatPct(e.scorePct).padStart(6)}  ${e.passed ? 'pass' : 'fail'}`);
  }
  return lines;
}
