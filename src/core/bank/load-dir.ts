// Reads the bank from the repository's exercises/ directory (the one place the bank touches
// the file system). Works from src/ (tests, tsx) and from the bundle in dist/ alike.
// From dist/ it takes scenarios from the prebuilt bank (dist/bank/, see bank-index.ts) whose
// source text is unchanged, and parses the YAML only when a file differs from the build.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findRepoRoot } from '../../repo-root.js';
import { parseBank, type Bank } from './bank.js';
import { readBankIndex, readScenarioData, summaryOf, type BankIndex, type BankIndexEntry, type ScenarioSummary } from './bank-index.js';
import type { Scenario } from './scenario.js';
import type { Finding } from '../findings.js';

export { findRepoRoot };

export function defaultExercisesDir(): string {
  return path.join(findRepoRoot() ?? process.cwd(), 'exercises');
}

/**
 * dist/bank/ when this code runs from the bundle in dist/: the prebuilt data was made by the
 * same build, so it matches this parser. From src/ (tests, tsx) there is none: the parser
 * may have changed since the last build.
 */
export function defaultPrebuiltDir(): string | undefined {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return path.basename(here) === 'dist' ? path.join(here, 'bank') : undefined;
}

export interface LoadOptions {
  /** Directory of a prebuilt bank (index.json + data files); null: parse the YAML. Default: defaultPrebuiltDir(). */
  prebuilt?: string | null;
}

const collator = new Intl.Collator('en', { numeric: true });
const banks = new Map<string, Bank>();
const indexes = new Map<string, BankIndex | null>();

export function digestOf(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

function prebuiltDirOf(options: LoadOptions): string | undefined {
  return options.prebuilt === undefined ? defaultPrebuiltDir() : (options.prebuilt ?? undefined);
}

function indexAt(dir: string): BankIndex | undefined {
  if (!indexes.has(dir)) {
    let text: string | undefined;
    try {
      text = readFileSync(path.join(dir, 'index.json'), 'utf8');
    } catch {
      text = undefined;
    }
    indexes.set(dir, (text !== undefined && readBankIndex(text)) || null);
  }
  return indexes.get(dir) ?? undefined;
}

interface SourceFile {
  /** Name shown in findings, e.g. exercises/exercise-1.yaml. */
  file: string;
  text: string;
}

function readSources(dir: string): SourceFile[] {
  const names = existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.yaml')).sort() : [];
  const shown = path.basename(dir);
  return names.map((n) => ({ file: `${shown}/${n}`, text: readFileSync(path.join(dir, n), 'utf8') }));
}

/** The index entries for exactly these sources (same names, same texts), or undefined. */
function matchingEntries(index: BankIndex | undefined, sources: readonly SourceFile[]): BankIndexEntry[] | undefined {
  if (!index || index.entries.length !== sources.length) return undefined;
  const byFile = new Map(index.entries.map((e) => [e.file, e]));
  const out: BankIndexEntry[] = [];
  for (const s of sources) {
    const e = byFile.get(s.file);
    if (!e || e.digest !== digestOf(s.text)) return undefined;
    out.push(e);
  }
  return out;
}

function prebuiltScenario(dir: string, entry: BankIndexEntry): Scenario | undefined {
  try {
    return readScenarioData(readFileSync(path.join(dir, entry.data), 'utf8'), entry);
  } catch {
    return undefined;
  }
}

function prebuiltBank(dir: string, entries: readonly BankIndexEntry[]): Bank | undefined {
  const scenarios: Scenario[] = [];
  for (const e of entries) {
    const s = prebuiltScenario(dir, e);
    if (!s) return undefined;
    scenarios.push(s);
  }
  // byId in file order, scenarios by id: as parseBank builds them.
  const byId = new Map(scenarios.map((s) => [s.id, s]));
  scenarios.sort((a, b) => collator.compare(a.id, b.id));
  return { scenarios, byId, findings: [] };
}

/** Every exercises/<id>.yaml, parsed once per process. File names in findings are relative to the repo. */
export function loadBank(dir: string = defaultExercisesDir(), options: LoadOptions = {}): Bank {
  const prebuilt = prebuiltDirOf(options);
  const key = `${dir}\0${prebuilt ?? ''}`;
  const hit = banks.get(key);
  if (hit) return hit;
  const sources = readSources(dir);
  const entries = prebuilt === undefined ? undefined : matchingEntries(indexAt(prebuilt), sources);
  const bank = (entries && prebuiltBank(prebuilt!, entries)) || parseBank(sources);
  banks.set(key, bank);
  return bank;
}

/** What list, Home and the Browser show, sorted by id; from the index alone when it matches the sources. */
export function loadBankSummaries(dir: string = defaultExercisesDir(), options: LoadOptions = {}): { summaries: ScenarioSummary[]; findings: Finding[] } {
  const prebuilt = prebuiltDirOf(options);
  if (prebuilt !== undefined) {
    const entries = matchingEntries(indexAt(prebuilt), readSources(dir));
    if (entries) {
      const summaries = entries.map(({ id, title, kind, topics, difficulty, minutes, steps }) => ({ id, title, kind, topics, difficulty, minutes, steps }));
      return { summaries: summaries.sort((a, b) => collator.compare(a.id, b.id)), findings: [] };
    }
  }
  const bank = loadBank(dir, options);
  return { summaries: bank.scenarios.map(summaryOf), findings: bank.findings };
}

/**
 * One scenario by id, reading only its own file and data when the prebuilt bank has it
 * unchanged; otherwise (no prebuilt bank, edited file, unknown id) the whole bank is loaded,
 * so that findings and close ids are the same as ever.
 */
export function loadScenario(id: string, dir: string = defaultExercisesDir(), options: LoadOptions = {}): { scenario?: Scenario; bank?: Bank } {
  const prebuilt = prebuiltDirOf(options);
  const index = prebuilt === undefined ? undefined : indexAt(prebuilt);
  const file = `${path.basename(dir)}/${id}.yaml`;
  const entry = index?.entries.find((e) => e.file === file && e.id === id);
  if (entry && /^[A-Za-z0-9._-]+$/.test(id)) {
    let text: string | undefined;
    try {
      text = readFileSync(path.join(dir, `${id}.yaml`), 'utf8');
    } catch {
      text = undefined;
    }
    if (text !== undefined && entry.digest === digestOf(text)) {
      const scenario = prebuiltScenario(prebuilt!, entry);
      if (scenario) return { scenario };
    }
  }
  const bank = loadBank(dir, options);
  return { bank, ...(bank.byId.has(id) ? { scenario: bank.byId.get(id)! } : {}) };
}
