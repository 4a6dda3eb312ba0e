// Crash-safe replacement of a small file: readers (and a process killed half-way) see either
// the old contents or the new ones, never a mixture or a truncated file.
// The file keeps what the user gave it: a symlink keeps pointing at its target (which is the
// file replaced), and the replacement keeps the old file's permission bits.
import { closeSync, fsyncSync, openSync, readlinkSync, realpathSync, renameSync, statSync, unlinkSync, writeSync, fchmodSync } from 'node:fs';
import { open, readdir, readlink, realpath, rename, stat, unlink } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { isProcessAlive } from './process-alive.js';

const TEMP_SUFFIX = '.tmp';
const DEFAULT_MODE = 0o644;

/** `<file>.<pid>.<random>.tmp`: unique per writer, so two processes never share a temp file. */
function tempNameFor(file: string): string {
  return `${file}.${process.pid}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`;
}

/** The path really written: a symlink's target (followed, also when it does not exist yet). */
async function targetOf(file: string): Promise<string> {
  try {
    return await realpath(file);
  } catch {
    try {
      return path.resolve(path.dirname(file), await readlink(file)); // a dangling link: create its target
    } catch {
      return file;
    }
  }
}

function targetOfSync(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    try {
      return path.resolve(path.dirname(file), readlinkSync(file));
    } catch {
      return file;
    }
  }
}

export interface AtomicWriteOptions {
  /** Runs after the new contents are on disk, just before the rename; throwing cancels the write. */
  beforeRename?: () => Promise<void>;
}

export async function writeFileAtomic(file: string, text: string, options: AtomicWriteOptions = {}): Promise<void> {
  const target = await targetOf(file);
  const mode = await stat(target).then((s) => s.mode & 0o7777, () => undefined);
  const temp = tempNameFor(target);
  try {
    const handle = await open(temp, 'wx', mode ?? DEFAULT_MODE);
    try {
      if (mode !== undefined) await handle.chmod(mode); // exactly the old bits, whatever the umask
      await handle.writeFile(text, 'utf8');
      await handle.sync(); // the bytes must be on disk before the rename makes them visible
    } finally {
      await handle.close();
    }
    await options.beforeRename?.();
    await rename(temp, target);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncDirectory(path.dirname(target));
}

/** The same, synchronously: for the last draft written from a signal handler. */
export function writeFileAtomicSync(file: string, text: string, beforeRename?: () => void): void {
  const target = targetOfSync(file);
  let mode: number | undefined;
  try {
    mode = statSync(target).mode & 0o7777;
  } catch {
    mode = undefined;
  }
  const temp = tempNameFor(target);
  try {
    const fd = openSync(temp, 'wx', mode ?? DEFAULT_MODE);
    try {
      if (mode !== undefined) fchmodSync(fd, mode);
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    beforeRename?.();
    renameSync(temp, target);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // never created
    }
    throw error;
  }
}

/** Makes the rename itself durable; not every platform can open a directory (Windows cannot). */
async function syncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // best effort
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** Deletes temp files left by writers that died before their rename (their pid is gone). */
export async function removeOrphanedTempFiles(file: string): Promise<void> {
  const target = await targetOf(file); // temp files sit beside the file really written
  const dir = path.dirname(target);
  const prefix = `${path.basename(target)}.`;
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith(TEMP_SUFFIX)) continue;
    const pid = Number(name.slice(prefix.length).split('.')[0]);
    if (Number.isInteger(pid) && pid > 0 && !isProcessAlive(pid)) {
      await unlink(path.join(dir, name)).catch(() => undefined);
    }
  }
}
