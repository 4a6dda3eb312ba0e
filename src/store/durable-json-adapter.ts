// A lowdb adapter for progress.json that lowdb's JSONFile is not: writes are fsynced and use a
// per-process temp file; an unreadable file is moved aside (never deleted) instead of throwing;
// malformed records are left out with a notice (a copy of the file is kept before the next
// write); a UTF-8 BOM (an editor's doing) is accepted. Every write carries a generation number,
// checked just before the rename, so that a writer who lost a race never overwrites a newer file.
import { readFileSync } from 'node:fs';
import { readFile, rename, access } from 'node:fs/promises';
import path from 'node:path';
import type { Adapter } from 'lowdb';
import { writeFileAtomic, writeFileAtomicSync } from './atomic-file.js';
import { upgradeStoreData, type StoreData } from './schema.js';
import { StoreError, storeErrorOf } from './store-error.js';

export interface AdapterHooks {
  onNotice: (message: string) => void;
  now: () => Date;
}

/** Thrown before the rename when the file changed under us: the transaction runs again. */
export class LostRaceError extends Error {
  override name = 'LostRaceError';
}

type Decoded = { kind: 'none' } | { kind: 'ok'; data: StoreData; skipped?: string[] } | { kind: 'unreadable'; reason: string };

function decode(text: string): Decoded {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    return { kind: 'unreadable', reason: (error as Error).message };
  }
  const upgraded = upgradeStoreData(parsed);
  return upgraded.ok ? { kind: 'ok', data: upgraded.data, skipped: upgraded.skipped } : { kind: 'unreadable', reason: upgraded.reason };
}

/** The generation as written: right after "version" at the top of the file. */
const GENERATION_AT_TOP = /^\uFEFF?\{\s*"version":\s*\d+,\s*"generation":\s*(\d+)/;

function generationIn(text: string): number | undefined {
  const m = GENERATION_AT_TOP.exec(text.slice(0, 200));
  return m ? Number(m[1]) : undefined;
}

function serialise(data: StoreData): string {
  const { version, generation, ...rest } = data;
  return JSON.stringify({ version, generation, ...rest }, null, 2) + '\n';
}

export class DurableJsonAdapter implements Adapter<StoreData> {
  /** The generation of the file as last read (undefined: no file yet, or an older writer's). */
  lastGeneration: number | undefined;
  /** May an unreadable file be moved aside? Only under the lock. */
  mayMoveAside = true;
  /** Set by a read without the lock that found the file unreadable. */
  foundUnreadable = false;
  /** Runs just before each write's rename (the store's lock and generation check). */
  guard: (() => Promise<void>) | undefined;
  /** Text of a file from which records were left out: copied aside before it is overwritten. */
  private keepCopyOf: string | undefined;
  private noticedSkips = new Set<string>();

  constructor(readonly file: string, private readonly hooks: AdapterHooks) {}

  /** Current data, or null when there is none (no file yet, or it was unreadable and moved aside). */
  async read(): Promise<StoreData | null> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      this.lastGeneration = undefined;
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw storeErrorOf(error, 'read', this.file);
    }
    return this.accept(text);
  }

  /** The same, synchronously (the signal path); an unreadable file is an error there. */
  readSync(): StoreData | null {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (error) {
      this.lastGeneration = undefined;
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw storeErrorOf(error, 'read', this.file);
    }
    const d = decode(text);
    if (d.kind !== 'ok') throw new StoreError(`cannot read ${this.file}: it is unreadable`);
    this.lastGeneration = generationIn(text);
    if (d.skipped) this.keepCopyOf ??= text;
    return d.data;
  }

  private async accept(text: string): Promise<StoreData | null> {
    const d = decode(text);
    this.lastGeneration = generationIn(text);
    if (d.kind === 'unreadable') {
      if (!this.mayMoveAside) {
        this.foundUnreadable = true;
        return null;
      }
      return this.quarantine(d.reason);
    }
    if (d.kind === 'ok' && d.skipped) {
      this.keepCopyOf = text;
      const key = d.skipped.join(',');
      if (!this.noticedSkips.has(key)) {
        this.noticedSkips.add(key);
        const list = d.skipped.slice(0, 3).join(', ') + (d.skipped.length > 3 ? `, ... (${d.skipped.length} in all)` : '');
        this.hooks.onNotice(
          `netpol-dojo: ${displayPath(this.file)}: skipped ${d.skipped.length} malformed record${d.skipped.length === 1 ? '' : 's'} (${list}); ` +
            'the rest of the history is kept, and a copy of the file is saved before the next write',
        );
      }
    }
    return d.kind === 'ok' ? d.data : null;
  }

  async write(data: StoreData): Promise<void> {
    try {
      if (this.keepCopyOf !== undefined) {
        const copy = `${this.file}.bad-records-${stampOf(this.hooks.now())}`;
        await writeFileAtomic(copy, this.keepCopyOf);
        this.keepCopyOf = undefined;
        this.hooks.onNotice(`netpol-dojo: kept the file with malformed records as ${displayPath(copy)}`);
      }
      await writeFileAtomic(this.file, serialise(data), { beforeRename: this.guard });
    } catch (error) {
      throw storeErrorOf(error, 'write', this.file);
    }
  }

  writeSync(data: StoreData): void {
    try {
      if (this.keepCopyOf !== undefined) {
        writeFileAtomicSync(`${this.file}.bad-records-${stampOf(this.hooks.now())}`, this.keepCopyOf);
        this.keepCopyOf = undefined;
      }
      writeFileAtomicSync(this.file, serialise(data));
    } catch (error) {
      throw storeErrorOf(error, 'write', this.file);
    }
  }

  /** The generation of the file now on disk (undefined if none or no file). */
  async generationOnDisk(): Promise<number | undefined> {
    try {
      return generationIn(await readFile(this.file, 'utf8'));
    } catch {
      return undefined;
    }
  }

  private async quarantine(reason: string): Promise<null> {
    const aside = await this.freeCorruptName();
    try {
      await rename(this.file, aside);
    } catch (error) {
      // A read-only folder: nothing can be moved, and nothing will be overwritten either.
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      throw new StoreError(`${this.file} is unreadable (${oneLine(reason)}) and cannot be moved aside (${code})`, code);
    }
    this.lastGeneration = undefined;
    this.hooks.onNotice(
      `netpol-dojo: ${displayPath(this.file)} was unreadable (${oneLine(reason)}); ` +
        `moved it to ${displayPath(aside)}; starting a fresh store`,
    );
    return null;
  }

  /** `progress.json.corrupt-2026-11-05T10-11-12-345Z` (no colons, so it is a valid name everywhere). */
  private async freeCorruptName(): Promise<string> {
    const base = `${this.file}.corrupt-${stampOf(this.hooks.now())}`;
    for (let n = 1; ; n++) {
      const candidate = n === 1 ? base : `${base}-${n}`;
      if (!(await exists(candidate))) return candidate;
    }
  }
}

function stampOf(d: Date): string {
  return d.toISOString().replace(/:/g, '-').replace('.', '-');
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(() => true, () => false);
}

function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 120 ? `${flat.slice(0, 117)}...` : flat;
}
