// The exercise bank: every scenario file parsed and validated, looked up by id.
// Pure (texts in, scenarios out); load-dir.ts reads exercises/ from disk.
import type { Finding } from '../findings.js';
import { parseScenario } from './parse-scenario.js';
import { preparedStep } from './prepare.js';
import type { Scenario } from './scenario.js';

export interface Bank {
  /** Sorted by id (exercise-2 before exercise-10: numbers compare as numbers). */
  scenarios: Scenario[];
  byId: ReadonlyMap<string, Scenario>;
  /** Errors of the files that did not load; those scenarios are left out. */
  findings: Finding[];
}

export interface ScenarioFile {
  /** Path shown in messages, e.g. exercises/exercise-1.yaml. */
  file: string;
  text: string;
}

import { compareNatural } from '../text/natural-order.js';

export function parseBank(files: readonly ScenarioFile[]): Bank {
  const scenarios: Scenario[] = [];
  const findings: Finding[] = [];
  const byId = new Map<string, Scenario>();
  for (const f of files) {
    const expectedId = f.file.split(/[\\/]/).pop()!.replace(/\.ya?ml$/, '');
    const r = parseScenario(f.file, f.text, expectedId);
    findings.push(...r.findings);
    if (!r.scenario) continue;
    if (byId.has(r.scenario.id)) {
      findings.push({ severity: 'error', file: f.file, line: 1, col: 1, path: 'id', message: `scenario ${r.scenario.id}: id used twice` });
      continue;
    }
    byId.set(r.scenario.id, r.scenario);
    scenarios.push(r.scenario);
  }
  scenarios.sort((a, b) => compareNatural(a.id, b.id));
  return { scenarios, byId, findings };
}

/** Everything that can only be checked with the cluster built: patterns, checks, embedded policies. */
export function validateScenario(s: Scenario): Finding[] {
  const out: Finding[] = [];
  for (let step = 1; step <= s.steps.length; step++) out.push(...preparedStep(s, step).findings);
  return out;
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length];
}

/** Ids close to a mistyped one, closest first (edit distance, or one containing the other). */
export function closeIds(id: string, ids: readonly string[], max = 3): string[] {
  const limit = Math.max(2, Math.floor(id.length / 3));
  return ids
    .map((x) => ({ x, d: x.includes(id) || id.includes(x) ? 0.5 : editDistance(id, x) }))
    .filter((c) => c.d <= limit)
    .sort((a, b) => a.d - b.d || compareNatural(a.x, b.x))
    .slice(0, max)
    .map((c) => c.x);
}
