// The prebuilt bank's index, read without the YAML parser: what list, Home and the Browser show
// (the trainer's first screens), from dist/bank/index.json when every entry still matches the
// text of its exercise file. load-dir.ts builds the full bank on top of this; importing this
// module alone loads neither the parser nor the engine.
import { readdirSync, readFileSync, existsSync, statSync, type Stats } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findRepoRoot } from '../../repo-root.js';
import { compareNatural } from '../text/natural-order.js';
import { readBankIndex, type BankIndex, type BankIndexEntry, type ScenarioSummary } from './bank-index.js';

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

const indexes = new Map<string, BankIndex | null>();

export function digestOf(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

export function prebuiltDirOf(options: LoadOptions): string | undefined {
  return options.prebuilt === undefined ? defaultPrebuiltDir() : (options.prebuilt ?? undefined);
}

export function indexAt(dir: string): BankIndex | undefined {
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

export interface SourceFile {
  /** Name shown in findings, e.g. exercises/exercise-1.yaml. */
  file: string;
  text: string;
}

export function readSources(dir: string): SourceFile[] {
  const names = existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.yaml')).sort() : [];
  const shown = path.basename(dir);
  return names.map((n) => ({ file: `${shown}/${n}`, text: readFileSync(path.join(dir, n), 'utf8') }));
}

/** What an index entry's `stat` records of a file (bank-index.ts). */
export function statKey(st: Stats): string {
  return `${st.size}:${st.mtimeMs}:${st.ctimeMs}:${st.ino}`;
}

/**
 * The index entries for exactly the exercise files of `dir` (same names, same texts), or
 * undefined. A file whose stat is the one the index recorded is not read; any other is read and
 * checked against its digest.
 */
export function unchangedEntries(index: BankIndex | undefined, dir: string): BankIndexEntry[] | undefined {
  const names = existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.yaml')).sort() : [];
  if (!index || index.entries.length !== names.length) return undefined;
  const byFile = new Map(index.entries.map((e) => [e.file, e]));
  const shown = path.basename(dir);
  const out: BankIndexEntry[] = [];
  for (const n of names) {
    const e = byFile.get(`${shown}/${n}`);
    if (!e) return undefined;
    const file = path.join(dir, n);
    const same = e.stat !== undefined && e.stat === statKey(statSync(file));
    if (!same && e.digest !== digestOf(readFileSync(file, 'utf8'))) return undefined;
    out.push(e);
  }
  return out;
}

/** The index entries for exactly these sources (same names, same texts), or undefined. */
export function matchingEntries(index: BankIndex | undefined, sources: readonly SourceFile[]): BankIndexEntry[] | undefined {
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

/** The summaries, sorted by id, from the prebuilt index alone; undefined when there is none or it does not match the sources. */
export function prebuiltSummaries(dir: string = defaultExercisesDir(), options: LoadOptions = {}): ScenarioSummary[] | undefined {
  const prebuilt = prebuiltDirOf(options);
  if (prebuilt === undefined) return undefined;
  const entries = unchangedEntries(indexAt(prebuilt), dir);
  if (!entries) return undefined;
  const summaries = entries.map(({ id, title, kind, topics, difficulty, minutes, steps }) => ({ id, title, kind, topics, difficulty, minutes, steps }));
  return summaries.sort((a, b) => compareNatural(a.id, b.id));
}
