// Reads the bank from the repository's exercises/ directory (the one place the bank touches
// the file system). Works from src/ (tests, tsx) and from the bundle in dist/ alike.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { findRepoRoot } from '../../repo-root.js';
import { parseBank, type Bank } from './bank.js';

export { findRepoRoot };

export function defaultExercisesDir(): string {
  return path.join(findRepoRoot() ?? process.cwd(), 'exercises');
}

const cache = new Map<string, Bank>();

/** Every exercises/<id>.yaml, parsed once per process. File names in findings are relative to the repo. */
export function loadBank(dir: string = defaultExercisesDir()): Bank {
  const hit = cache.get(dir);
  if (hit) return hit;
  const names = existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.yaml')).sort() : [];
  const shown = path.basename(dir);
  const bank = parseBank(names.map((n) => ({ file: `${shown}/${n}`, text: readFileSync(path.join(dir, n), 'utf8') })));
  cache.set(dir, bank);
  return bank;
}
