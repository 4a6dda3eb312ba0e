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

export type UpgradeResult = { ok: true; data: StoreData } | { ok: false; reason: string };

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

// Missing collections are filled in (an older writer may not have had them);
// present but malformed ones make the whole file unreadable, so nothing is silently dropped.
function checkCurrent(raw: Record<string, unknown>): UpgradeResult {
  const data = { ...emptyStoreData(), ...raw } as Record<string, unknown>;
  const problems: string[] = [];
  checkList(data.attempts, 'attempts', isAttempt, problems);
  checkList(data.exams, 'exams', isExam, problems);
  checkList(data.reveals, 'reveals', isReveal, problems);
  if (!isObject(data.drafts)) problems.push(`"drafts" is ${describe(data.drafts)}, expected an object`);
  else {
    for (const [key, d] of Object.entries(data.drafts)) {
      if (!isDraft(d)) problems.push(`drafts["${key}"] is malformed`);
    }
  }
  if (problems.length > 0) return { ok: false, reason: problems.slice(0, 3).join('; ') };
  return { ok: true, data: data as unknown as StoreData };
}

function checkList(value: unknown, name: string, ok: (x: unknown) => boolean, problems: string[]): void {
  if (!Array.isArray(value)) {
    problems.push(`"${name}" is ${describe(value)}, expected an array`);
    return;
  }
  const bad = value.findIndex((x) => !ok(x));
  if (bad >= 0) problems.push(`${name}[${bad}] is malformed`);
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
    optional(x.durationMs, isNumber);
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
