// Build-time half of the prebuilt bank (bundled and run by scripts/build-bank.mjs): parses
// every scenario with the core's own parser, validates every step as the bank tests do, and
// returns the index and data files to write. Any finding fails the build.
import path from 'node:path';
import { loadBank, digestOf } from '../src/core/bank/load-dir.js';
import { statKey } from '../src/core/bank/prebuilt-index.js';
import { validateScenario } from '../src/core/bank/bank.js';
import { BANK_INDEX_VERSION, indexEntry, scenarioDataText, type BankIndex } from '../src/core/bank/bank-index.js';
import { formatFinding } from '../src/core/findings.js';
import { readFileSync, statSync } from 'node:fs';

export interface CompiledBank {
  /** file name (in dist/bank/) -> text; index.json among them. */
  files: Map<string, string>;
  /** Formatted findings; non-empty means the bank is broken. */
  problems: string[];
}

export function compileBank(exercisesDir: string): CompiledBank {
  const bank = loadBank(exercisesDir, { prebuilt: null });
  const problems = bank.findings.map(formatFinding);
  for (const s of bank.scenarios) problems.push(...validateScenario(s).map(formatFinding));
  const files = new Map<string, string>();
  const index: BankIndex = { version: BANK_INDEX_VERSION, entries: [] };
  for (const s of bank.scenarios) {
    // The stat before the text: a file written in between then differs from its stat next time.
    const file = path.join(exercisesDir, `${s.id}.yaml`);
    const stat = statKey(statSync(file));
    const digest = digestOf(readFileSync(file, 'utf8'));
    const entry = indexEntry(s, digest, stat);
    index.entries.push(entry);
    files.set(entry.data, scenarioDataText(s, digest));
  }
  files.set('index.json', JSON.stringify(index));
  return { files, problems };
}
