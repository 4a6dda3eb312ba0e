// A lowdb adapter for progress.json that lowdb's JSONFile is not: writes are fsynced and use a
// per-process temp file; an unreadable file is moved aside (never deleted) instead of throwing.
import { readFile, rename, access } from 'node:fs/promises';
import path from 'node:path';
import type { Adapter } from 'lowdb';
import { writeFileAtomic } from './atomic-file.js';
import { upgradeStoreData, type StoreData } from './schema.js';

export interface AdapterHooks {
  onNotice: (message: string) => void;
  now: () => Date;
}

export class DurableJsonAdapter implements Adapter<StoreData> {
  constructor(readonly file: string, private readonly hooks: AdapterHooks) {}

  /** Current data, or null when there is none (no file yet, or it was unreadable and moved aside). */
  async read(): Promise<StoreData | null> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      return this.quarantine((error as Error).message);
    }
    const upgraded = upgradeStoreData(parsed);
    return upgraded.ok ? upgraded.data : this.quarantine(upgraded.reason);
  }

  async write(data: StoreData): Promise<void> {
    await writeFileAtomic(this.file, JSON.stringify(data, null, 2) + '\n');
  }

  private async quarantine(reason: string): Promise<null> {
    const aside = await this.freeCorruptName();
    await rename(this.file, aside);
    this.hooks.onNotice(
      `netpol-dojo: ${displayPath(this.file)} was unreadable (${oneLine(reason)}); ` +
        `moved it to ${displayPath(aside)}; starting a fresh store`,
    );
    return null;
  }

  /** `progress.json.corrupt-2026-11-05T10-11-12-345Z` (no colons, so it is a valid name everywhere). */
  private async freeCorruptName(): Promise<string> {
    const stamp = this.hooks.now().toISOString().replace(/:/g, '-').replace('.', '-');
    const base = `${this.file}.corrupt-${stamp}`;
    for (let n = 1; ; n++) {
      const candidate = n === 1 ? base : `${base}-${n}`;
      if (!(await exists(candidate))) return candidate;
    }
  }
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
