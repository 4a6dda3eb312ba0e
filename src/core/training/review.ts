// Learning from mistakes: the failed attempts with the reason each failed, and the
// "weak spots" queue, a simple spaced repetition built from the store: a scenario comes back
// after a failure until it has been passed twice in a row on two different days, and scenarios
// not tried yet from the learner's weakest topics join it.
import { attemptsMade, type Attempt, type AttemptMode } from './records.js';
import { dayKey, daysAgoText, daysBetween, shiftDay, type DayKey } from './calendar.js';
import type { ScenarioInfo } from './scenario-info.js';
import { topicStats } from './stats.js';
import { topicName } from './scenario-info.js';

export interface FailedAttempt {
  attemptId: string;
  finishedAt: string;
  step: number;
  mode: AttemptMode;
  score: number;
  /** Why it failed, in one line. */
  reason: string;
}

export interface FailureGroup {
  exerciseId: string;
  /** From the bank, when the scenario is still there. */
  title?: string;
  /** Newest first. */
  failures: FailedAttempt[];
  lastFailedAt: string;
  /** The newest attempt of this scenario passed (after the last failure). */
  passedSince: boolean;
}

export const REASON_MAX = 100;

const time = (iso: string) => {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? 0 : t;
};
const newestFirst = (a: { finishedAt: string }, b: { finishedAt: string }) => time(b.finishedAt) - time(a.finishedAt);

export function shorten(text: string, max = REASON_MAX): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1).trimEnd()}…`;
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;
const str = (x: unknown) => (typeof x === 'string' || typeof x === 'number' ? String(x) : undefined);

// Attempts keep the grader's mismatches and checks as stored JSON (unknown[]): read them
// defensively, an older or hand-edited file may hold anything.
function mismatchLine(m: unknown): string | undefined {
  if (!isRecord(m)) return undefined;
  const [from, to, expected, got] = [str(m.from), str(m.to), str(m.expected), str(m.got)];
  if (!from || !to || !expected || !got) return str(m.reason);
  const port = str(m.port);
  const where = `${from} -> ${to}${port ? ` ${port}${m.protocol ? `/${str(m.protocol)}` : ''}` : ''}`;
  const head = str(m.requirement);
  // The verdict before the endpoints: long pod names are what gets cut, not the point.
  return `${head ? `${head}: ` : ''}${got} (should be ${expected}): ${where}`;
}

function checkLine(c: unknown): string | undefined {
  if (!isRecord(c) || c.passed !== false) return undefined;
  const [from, run, expected, got] = [str(c.from), str(c.run), str(c.expected), str(c.got)];
  if (!run || !expected || !got) return str(c.reason);
  const head = str(c.requirement);
  const verdict = got === 'fail' ? 'failed (should succeed)' : 'succeeded (should fail)';
  return `${head ? `${head}: ` : ''}${verdict}: "${run}"${from ? ` from ${from}` : ''}`;
}

/** The first wrong cell, else the first failed check, else the score: one line of at most REASON_MAX. */
export function failureReason(a: Pick<Attempt, 'mismatches' | 'checks' | 'score' | 'answer'>): string {
  for (const m of a.mismatches) {
    const line = mismatchLine(m);
    if (line) return shorten(line);
  }
  for (const c of a.checks ?? []) {
    const line = checkLine(c);
    if (line) return shorten(line);
  }
  if (a.answer.trim() === '') return 'no answer';
  return `scored ${Math.round(a.score * 100)}%`;
}

/** Every failed attempt, newest first, grouped by scenario (the group failed most recently first). */
export function failedAttemptsByScenario(attempts: readonly Attempt[], scenarios: readonly ScenarioInfo[] = []): FailureGroup[] {
  const titles = new Map(scenarios.map((s) => [s.id, s.title]));
  const groups = new Map<string, FailureGroup>();
  const sorted = attemptsMade(attempts).sort(newestFirst);
  for (const a of sorted) {
    if (a.passed) continue;
    let g = groups.get(a.exerciseId);
    if (!g) {
      const title = titles.get(a.exerciseId);
      const newest = sorted.find((x) => x.exerciseId === a.exerciseId)!;
      g = { exerciseId: a.exerciseId, ...(title ? { title } : {}), failures: [], lastFailedAt: a.finishedAt, passedSince: newest.passed };
      groups.set(a.exerciseId, g);
    }
    g.failures.push({ attemptId: a.id, finishedAt: a.finishedAt, step: a.step, mode: a.mode, score: a.score, reason: failureReason(a) });
  }
  return [...groups.values()];
}

export interface WeakSpot {
  exerciseId: string;
  title: string;
  topics: string[];
  /** 'retry': failed and not yet passed on two days; 'new': never tried, from a weak topic. */
  kind: 'retry' | 'new';
  /** The last failure (a 'retry' entry). */
  lastFailedAt?: string;
  /** Failed attempts of this scenario, all time. */
  failures: number;
  /** Full passes since the last failure (all on one day, or it would have left the queue). */
  passesSince: number;
  /** Due today (or overdue); otherwise it comes back on `dueOn`. */
  due: boolean;
  dueOn: DayKey;
  /** The scenario's topic with the lowest pass rate, which moves it up the queue. */
  weakestTopic: TopicRate | null;
  /** "failed 2 days ago; passed once since" */
  why: string;
}

export interface TopicRate {
  topic: string;
  /** The topic in words ("deny all ingress"), when the module names it. */
  name?: string;
  passRate: number;
  attempts: number;
}

/** "2 due, 3 new": the queue in a few words (new ones are due too, but counted apart). */
export function queueCounts(weak: readonly WeakSpot[]): string {
  const retries = weak.filter((w) => w.kind === 'retry' && w.due).length;
  const fresh = weak.filter((w) => w.kind === 'new').length;
  return `${retries} due${fresh ? `, ${fresh} new` : ''}`;
}

/** A topic in words for a sentence: its name, or "section 10.2" for one we cannot name. */
export function topicWords(topic: string): string {
  return topicName(topic) ?? `section ${topic}`;
}

/** A topic's pass rate says something only after this many attempts. */
export const WEAK_TOPIC_MIN_ATTEMPTS = 3;
/** Passed less often than 4 times in 5: weak. */
export const WEAK_TOPIC_PASS_RATE = 0.8;
/** New scenarios offered in one queue, at most. */
export const NEW_FROM_WEAK_TOPICS = 3;

/**
 * The weak topics, weakest first: those with at least WEAK_TOPIC_MIN_ATTEMPTS attempts and a
 * pass rate below WEAK_TOPIC_PASS_RATE, the lowest rate first (on a tie, the more attempts). Only the module's sub-sections ("4.1") count: a whole chapter
 * such as "8" (the practice exercises) is not one idea to practise.
 */
export function weakTopics(attempts: readonly Attempt[], scenarios: readonly ScenarioInfo[]): TopicRate[] {
  return topicStats(attempts, scenarios)
    .filter((t) => t.topic.includes('.') && t.attempts >= WEAK_TOPIC_MIN_ATTEMPTS && t.passRate < WEAK_TOPIC_PASS_RATE)
    .sort((a, b) => a.passRate - b.passRate || b.attempts - a.attempts)
    .map((t) => ({ topic: t.topic, ...(t.name ? { name: t.name } : {}), passRate: t.passRate, attempts: t.attempts }));
}

/**
 * The drill queue. A scenario enters with a failed attempt (any step) and leaves once it has
 * been passed (its last step: the whole task) on two different local days with no failure in
 * between. After one such day it rests until the next day.
 * Order: due before resting; then the most recent failure day first; then the weakest topic
 * (lowest pass rate over all attempts); then the most recent failure.
 * Between the due and the resting ones come up to NEW_FROM_WEAK_TOPICS scenarios never tried,
 * from the weakest topic first (see weakTopics), the easiest first: a weak topic is practised
 * on tasks not seen yet, not only on the ones already failed.
 */
export function weakSpotQueue(all: readonly Attempt[], scenarios: readonly ScenarioInfo[], now: Date): WeakSpot[] {
  const attempts = attemptsMade(all);
  const byId = new Map(scenarios.map((s) => [s.id, s]));
  const stats = new Map(topicStats(attempts, scenarios).map((t) => [t.topic, t]));
  const today = dayKey(now);
  const out: WeakSpot[] = [];
  const mine = new Map<string, Attempt[]>();
  for (const a of attempts) {
    if (!byId.has(a.exerciseId) || Number.isNaN(Date.parse(a.finishedAt))) continue;
    const list = mine.get(a.exerciseId);
    if (list) list.push(a);
    else mine.set(a.exerciseId, [a]);
  }
  for (const [id, list] of mine) {
    const s = byId.get(id)!;
    const lastStep = Math.max(1, s.steps.length);
    list.sort((a, b) => time(a.finishedAt) - time(b.finishedAt));
    const failures = list.filter((a) => !a.passed);
    const lastFailure = failures[failures.length - 1];
    if (!lastFailure) continue;
    const passes = list.filter((a) => a.passed && a.step >= lastStep && time(a.finishedAt) > time(lastFailure.finishedAt));
    const passDays = [...new Set(passes.map((a) => dayKey(new Date(a.finishedAt))))];
    if (passDays.length >= 2) continue;
    const failedAt = new Date(lastFailure.finishedAt);
    const dueOn = passes.length === 0 ? dayKey(failedAt) : dayKey(shiftDay(new Date(passes[0].finishedAt), 1));
    const due = dueOn <= today;
    const weakest =
      [...new Set(s.topics)]
        .map((t) => stats.get(t))
        .filter((t) => t !== undefined)
        .map((t) => ({ topic: t.topic, ...(t.name ? { name: t.name } : {}), passRate: t.passRate, attempts: t.attempts }))
        .sort((a, b) => a.passRate - b.passRate)[0] ?? null;
    out.push({
      exerciseId: id,
      title: s.title,
      topics: [...s.topics],
      kind: 'retry',
      lastFailedAt: lastFailure.finishedAt,
      failures: failures.length,
      passesSince: passes.length,
      due,
      dueOn,
      weakestTopic: weakest,
      why: whyText(failedAt, passes.length, due, dueOn, now, weakest),
    });
  }
  out.sort(
    (a, b) =>
      Number(b.due) - Number(a.due) ||
      (a.due ? 0 : a.dueOn.localeCompare(b.dueOn)) ||
      daysBetween(new Date(a.lastFailedAt!), new Date(b.lastFailedAt!)) ||
      (a.weakestTopic?.passRate ?? 1) - (b.weakestTopic?.passRate ?? 1) ||
      time(b.lastFailedAt!) - time(a.lastFailedAt!) ||
      a.exerciseId.localeCompare(b.exerciseId),
  );
  const fresh = newFromWeakTopics(attempts, scenarios, today);
  const due = out.filter((w) => w.due).length;
  return [...out.slice(0, due), ...fresh, ...out.slice(due)];
}

/** Scenarios never tried (in any mode), from the weak topics, weakest first, easiest first. */
function newFromWeakTopics(attempts: readonly Attempt[], scenarios: readonly ScenarioInfo[], today: DayKey): WeakSpot[] {
  const tried = new Set(attempts.map((a) => a.exerciseId));
  const picked = new Set<string>();
  const out: WeakSpot[] = [];
  weakTopics(attempts, scenarios).forEach((t, rank) => {
    const untried = scenarios
      .filter((s) => s.topics.includes(t.topic) && !tried.has(s.id) && !picked.has(s.id))
      .sort((a, b) => a.difficulty - b.difficulty || a.id.localeCompare(b.id));
    for (const s of untried) {
      if (out.length >= NEW_FROM_WEAK_TOPICS) return;
      picked.add(s.id);
      const from = rank === 0 ? 'from your weakest topic' : 'from a weak topic';
      out.push({
        exerciseId: s.id,
        title: s.title,
        topics: [...s.topics],
        kind: 'new',
        failures: 0,
        passesSince: 0,
        due: true,
        dueOn: today,
        weakestTopic: t,
        why: `new: ${from}, ${topicWords(t.topic)} (${Math.round(t.passRate * 100)}% of ${t.attempts} attempts passed)`,
      });
    }
  });
  return out;
}

function whyText(failedAt: Date, passes: number, due: boolean, dueOn: DayKey, now: Date, weakest: WeakSpot['weakestTopic']): string {
  const parts = [`failed ${daysAgoText(failedAt, now)}`];
  if (passes === 0) parts.push('not passed since');
  else if (passes === 1) parts.push('passed once since');
  else parts.push(`passed ${passes} times since, all on one day`);
  if (!due) parts.push(`back ${dueOn === dayKey(shiftDay(now, 1)) ? 'tomorrow' : `on ${dueOn}`}`);
  if (weakest && weakest.passRate < 1) parts.push(`topic ${topicWords(weakest.topic)} at ${Math.round(weakest.passRate * 100)}% passed`);
  return parts.join('; ');
}
