// The shape of scores/progress.json, and the one door every file on disk passes through
// (`upgradeStoreData`): older versions are migrated, anything else is reported as unreadable.

export const STORE_VERSION = 1;

// The records themselves are the core's (src/core/training/records.ts); the store keeps them.
import type { Attempt, Draft, ExamRecord, Reveal } from '../core/training/records.js';
export type {
  Attempt, AttemptFilter, AttemptMode, Draft, ExamRecord, ExamResult, ExamStatus, ExamTask, ExerciseStatus, NewAttempt, NewExam,
  ProgressSummary, Reveal,
} from '../core/training/records.js';

export interface StoreData {
  version: typeof STORE_VERSION;
  /** Bumped by every write: a writer that finds another number before its rename lost a race. */
  generation?: number;
  attempts: Attempt[];
  drafts: Record<string, Draft>;
  exams: ExamRecord[];
  reveals: Reveal[];
}

export function emptyStoreData(): StoreData {
  return { version: STORE_VERSION, attempts: [], drafts: {}, exams: [], reveals: [] };
}

export function draftKey(exerciseId: string, step: number): string {
  return `${exerciseId}#${step}`;
}

/** `skipped` lists the malformed records left out (e.g. "attempts[3]"), when there are any. */
export type UpgradeResult = { ok: true; data: StoreData; skipped?: string[] } | { ok: false; reason: string };

/**
 * Steps from version N to N+1. Version 1 is the first, so there are none yet; when the
 * schema changes, bump STORE_VERSION and add `1: (old) => ({ ...old, version: 2, ... })`.
 */
const MIGRATIONS: Record<number, (old: Record<string, unknown>) => Record<string, unknown>> = {};

/** Turns parsed JSON of any age into current StoreData, or says why it cannot. */
export function upgradeStoreData(raw: unknown): UpgradeResult {
  if (!isObject(raw)) return { ok: false, reason: `expected an object, found ${describe(raw)}` };
  const version = raw.version;
  if (typeof version !== 'number' || !Number.isInteger(version)) {
    return { ok: false, reason: 'no "version" field; not a netpol-dojo progress file' };
  }
  if (version > STORE_VERSION) {
    return { ok: false, reason: `version ${version} is newer than this netpol-dojo understands (${STORE_VERSION})` };
  }
  let current: Record<string, unknown> = raw;
  for (let v = version; v < STORE_VERSION; v++) {
    const step = MIGRATIONS[v];
    if (!step) return { ok: false, reason: `unknown version ${version}` };
    current = step(current);
  }
  return checkCurrent(current);
}

// Missing collections are filled in (an older writer may not have had them). A collection of
// the wrong type makes the file unreadable; one malformed record inside a good collection is
// left out and named in `skipped` (the caller keeps a copy of the file), so that one bad record
// never hides the whole history.
function checkCurrent(raw: Record<string, unknown>): UpgradeResult {
  const data = { ...emptyStoreData(), ...raw } as Record<string, unknown>;
  const problems: string[] = [];
  const skipped: string[] = [];
  for (const [name, ok] of [['attempts', isAttempt], ['exams', isExam], ['reveals', isReveal]] as const) {
    const value = data[name];
    if (!Array.isArray(value)) {
      problems.push(`"${name}" is ${describe(value)}, expected an array`);
      continue;
    }
    if (value.every(ok)) continue;
    data[name] = value.filter((x, i) => ok(x) || (skipped.push(`${name}[${i}]`), false));
  }
  if (!isObject(data.drafts)) problems.push(`"drafts" is ${describe(data.drafts)}, expected an object`);
  else {
    const drafts: Record<string, unknown> = {};
    for (const [key, d] of Object.entries(data.drafts)) {
      if (isDraft(d) && key !== '__proto__') drafts[key] = d;
      else skipped.push(`drafts["${key}"]`);
    }
    data.drafts = drafts;
  }
  if (data.generation !== undefined && !isNumber(data.generation)) delete data.generation;
  if (problems.length > 0) return { ok: false, reason: problems.slice(0, 3).join('; ') };
  return skipped.length > 0 ? { ok: true, data: data as unknown as StoreData, skipped } : { ok: true, data: data as unknown as StoreData };
}

const isObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);
const isString = (x: unknown): x is string => typeof x === 'string';
const isNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const optional = (x: unknown, check: (y: unknown) => boolean) => x === undefined || check(x);

function isAttempt(x: unknown): boolean {
  return isObject(x) && isString(x.id) && isString(x.exerciseId) && isNumber(x.step) &&
    ['practice', 'exam', 'review', 'cli'].includes(x.mode as string) && isString(x.finishedAt) &&
    typeof x.passed === 'boolean' && isNumber(x.score) && isString(x.answer) && Array.isArray(x.mismatches) &&
    optional(x.checks, Array.isArray) && optional(x.examId, isString) && optional(x.startedAt, isString) &&
    optional(x.durationMs, isNumber) && optional(x.console, Array.isArray);
}

function isDraft(x: unknown): boolean {
  return isObject(x) && isString(x.exerciseId) && isNumber(x.step) && isString(x.text) && isString(x.updatedAt);
}

function isExam(x: unknown): boolean {
  return isObject(x) && isString(x.id) && isNumber(x.seed) && isString(x.startedAt) && isString(x.deadline) &&
    ['running', 'finished', 'abandoned'].includes(x.status as string) && optional(x.finishedAt, isString) &&
    Array.isArray(x.tasks) && x.tasks.every((t) => isObject(t) && isString(t.exerciseId) && isNumber(t.weight)) &&
    optional(x.scorePct, isNumber) && optional(x.passed, (p) => typeof p === 'boolean');
}

function isReveal(x: unknown): boolean {
  return isObject(x) && isString(x.exerciseId) && isNumber(x.step) && isString(x.at);
}

function describe(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'an array';
  return typeof x === 'object' ? 'an object' : `a ${typeof x}`;
}
