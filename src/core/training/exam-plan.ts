// Choosing the tasks of a mock exam. Deterministic for a seed, so a crashed exam can be
// rebuilt and a bug report can name its exam; the caller picks the seed (the core never
// reads the clock or Math.random).
import type { ScenarioInfo } from './scenario-info.js';

/** The CKA gives about 2 hours for 15-20 tasks; 8 tasks in 45 minutes keeps that pace. */
export const DEFAULT_EXAM_TASKS = 8;
export const DEFAULT_EXAM_MINUTES = 45;

/** Kinds an exam can ask: the CKA has the learner write or repair manifests, not answer quizzes. */
export const EXAM_KINDS: readonly ScenarioInfo['kind'][] = ['write', 'fix'];

export interface ExamPlanTask {
  exerciseId: string;
  /** Percent of the exam's total; the weights of a plan add up to exactly 100. */
  weight: number;
  /** The step graded: the last, since an exam answer holds the whole task. */
  step: number;
}

export interface ExamPlan {
  seed: number;
  minutes: number;
  tasks: ExamPlanTask[];
}

export interface ExamPlanOptions {
  seed: number;
  tasks?: number;
  minutes?: number;
}

export type ExamPlanOutcome = { ok: true; plan: ExamPlan } | { ok: false; error: string };

/** mulberry32: a small, well-known 32-bit generator; plenty for shuffling a bank. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * Picks `tasks` write/fix scenarios. Greedy, one task at a time: prefer a scenario that brings a
 * topic no chosen task covers yet, then one whose difficulty is the least represented so far;
 * the seeded shuffle breaks the remaining ties, so different seeds give different exams.
 */
export function planExam(scenarios: readonly ScenarioInfo[], options: ExamPlanOptions): ExamPlanOutcome {
  const tasks = options.tasks ?? DEFAULT_EXAM_TASKS;
  const minutes = options.minutes ?? DEFAULT_EXAM_MINUTES;
  if (!Number.isInteger(tasks) || tasks < 1) return { ok: false, error: `the number of tasks must be a whole number of at least 1, not ${tasks}` };
  if (!Number.isFinite(minutes) || minutes <= 0) return { ok: false, error: `the exam time must be a positive number of minutes, not ${minutes}` };
  if (!Number.isInteger(options.seed)) return { ok: false, error: `the seed must be a whole number, not ${options.seed}` };

  const eligible = scenarios.filter((s) => EXAM_KINDS.includes(s.kind));
  if (eligible.length < tasks) {
    return {
      ok: false,
      error: `an exam of ${tasks} tasks needs ${tasks} write or fix scenarios, but the bank has ${eligible.length}; ask for --tasks ${eligible.length} or fewer`,
    };
  }

  const pool = shuffled(
    [...eligible].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)), // independent of the bank's order
    seededRandom(options.seed),
  );
  const covered = new Set<string>();
  const perDifficulty = new Map<number, number>();
  const chosen: ScenarioInfo[] = [];
  while (chosen.length < tasks) {
    let best = 0;
    let bestKey: [number, number] = [-1, -Infinity];
    pool.forEach((s, i) => {
      const key: [number, number] = [s.topics.some((t) => !covered.has(t)) ? 1 : 0, -(perDifficulty.get(s.difficulty) ?? 0)];
      if (key[0] > bestKey[0] || (key[0] === bestKey[0] && key[1] > bestKey[1])) {
        best = i;
        bestKey = key;
      }
    });
    const [pick] = pool.splice(best, 1);
    chosen.push(pick);
    pick.topics.forEach((t) => covered.add(t));
    perDifficulty.set(pick.difficulty, (perDifficulty.get(pick.difficulty) ?? 0) + 1);
  }

  const weights = examWeights(chosen.map((s) => s.difficulty));
  return {
    ok: true,
    plan: {
      seed: options.seed,
      minutes,
      tasks: chosen.map((s, i) => ({ exerciseId: s.id, weight: weights[i], step: Math.max(1, s.steps.length) })),
    },
  };
}

/**
 * Whole-percent weights in the CKA's style (a warm-up counts about half of an exam-hard task):
 * difficulty d in 1..5 weighs 3 + d, scaled so the weights add up to exactly 100
 * (largest remainders get the spare points, ties to the harder task, then the earlier one).
 */
export function examWeights(difficulties: readonly number[]): number[] {
  if (difficulties.length === 0) return [];
  const raw = difficulties.map((d) => 3 + Math.min(5, Math.max(1, d)));
  const total = raw.reduce((a, b) => a + b, 0);
  const exact = raw.map((r) => (r * 100) / total);
  const out = exact.map(Math.floor);
  let spare = 100 - out.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, rest: x - Math.floor(x) })).sort((a, b) => b.rest - a.rest || raw[b.i] - raw[a.i] || a.i - b.i);
  for (const { i } of order) {
    if (spare-- <= 0) break;
    out[i]++;
  }
  return out;
}
