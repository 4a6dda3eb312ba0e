// The prebuilt bank: what `npm install` (scripts/build-bank.mjs) leaves in dist/bank/ so that
// commands and the trainer start without parsing 46 YAML files. An index of summaries (what
// list, Home and the Browser show) plus one JSON file per scenario holding exactly what
// parseScenario returned. Each entry names the source text's digest: a scenario file edited
// after the build no longer matches, and the loader parses the YAML again.
// Pure (data in, data out); load-dir.ts does the reading.
import type { Scenario, ScenarioKind } from './scenario.js';
import { SCENARIO_KINDS } from './scenario.js';

/** Bumped whenever the files' layout changes; an index of another version is ignored. */
export const BANK_INDEX_VERSION = 1;

export interface ScenarioSummary {
  id: string;
  title: string;
  kind: ScenarioKind;
  topics: string[];
  difficulty: number;
  minutes: number;
  steps: number;
}

export interface BankIndexEntry extends ScenarioSummary {
  /** The file name the scenario was parsed under, e.g. exercises/exercise-1.yaml. */
  file: string;
  /** sha1 of the file's text, hex. */
  digest: string;
  /**
   * The file's size, modification and change times and inode when the index was built: while
   * they are the same, the text is too (any write changes the change time), and the first screens
   * need not read and hash every file. Absent or different: the digest decides.
   */
  stat?: string;
  /** The per-scenario data file, relative to the index. */
  data: string;
}

export interface BankIndex {
  version: number;
  entries: BankIndexEntry[];
}

export function summaryOf(s: Scenario): ScenarioSummary {
  return { id: s.id, title: s.title, kind: s.kind, topics: [...s.topics], difficulty: s.difficulty, minutes: s.minutes, steps: s.steps.length };
}

export function indexEntry(s: Scenario, digest: string, stat?: string): BankIndexEntry {
  return { ...summaryOf(s), file: s.file, digest, ...(stat ? { stat } : {}), data: `${s.id}.json` };
}

const isStr = (v: unknown): v is string => typeof v === 'string';
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/** The index if the text is one of this version with well-formed entries, else undefined (then nothing prebuilt is used). */
export function readBankIndex(text: string): BankIndex | undefined {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof v !== 'object' || v === null) return undefined;
  const o = v as { version?: unknown; entries?: unknown };
  if (o.version !== BANK_INDEX_VERSION || !Array.isArray(o.entries)) return undefined;
  for (const e of o.entries as Partial<BankIndexEntry>[]) {
    if (typeof e !== 'object' || e === null) return undefined;
    if (![e.id, e.title, e.file, e.digest, e.data].every(isStr)) return undefined;
    if (e.stat !== undefined && !isStr(e.stat)) return undefined;
    if (!SCENARIO_KINDS.includes(e.kind as ScenarioKind)) return undefined;
    if (!Array.isArray(e.topics) || !e.topics.every(isStr)) return undefined;
    if (![e.difficulty, e.minutes, e.steps].every(isInt)) return undefined;
    // Data files sit beside the index: no path may lead elsewhere.
    if (!/^[A-Za-z0-9._-]+\.json$/.test(e.data!) || e.data!.startsWith('.')) return undefined;
  }
  return o as BankIndex;
}

/** The text of a per-scenario data file: the scenario beside the digest of the text it came from. */
export function scenarioDataText(s: Scenario, digest: string): string {
  return JSON.stringify({ digest, scenario: s });
}

/** A per-scenario data file's scenario, if it is the one the entry names (same digest, id and file). */
export function readScenarioData(text: string, entry: BankIndexEntry): Scenario | undefined {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof v !== 'object' || v === null) return undefined;
  const { digest, scenario: s } = v as { digest?: unknown; scenario?: Scenario };
  if (digest !== entry.digest || typeof s !== 'object' || s === null) return undefined;
  if (s.id !== entry.id || s.file !== entry.file || !Array.isArray(s.steps) || s.steps.length !== entry.steps) return undefined;
  return s;
}
