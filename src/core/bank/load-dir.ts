// Reads the bank from the repository's exercises/ directory (the one place the bank touches
// the file system). Works from src/ (tests, tsx) and from the bundle in dist/ alike.
// From dist/ it takes scenarios from the prebuilt bank (dist/bank/, see bank-index.ts) whose
// source text is unchanged, and parses the YAML only when a file differs from the build.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { findRepoRoot } from '../../repo-root.js';
import { compareNatural } from '../text/natural-order.js';
import { parseBank, type Bank } from './bank.js';
import { readScenarioData, summaryOf, type BankIndexEntry, type ScenarioSummary } from './bank-index.js';
import {
  defaultExercisesDir,
  digestOf,
  indexAt,
  matchingEntries,
  prebuiltDirOf,
  prebuiltSummaries,
  readSources,
  type LoadOptions,
} from './prebuilt-index.js';
import type { Scenario } from './scenario.js';
import type { Finding } from '../findings.js';

export { findRepoRoot, defaultExercisesDir, digestOf };
export { defaultPrebuiltDir, type LoadOptions } from './prebuilt-index.js';

const banks = new Map<string, Bank>();

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
  scenarios.sort((a, b) => compareNatural(a.id, b.id));
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
  const summaries = prebuiltSummaries(dir, options);
  if (summaries) return { summaries, findings: [] };
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
