// Crash-safe replacement of a small file: readers (and a process killed half-way) see either
// the old contents or the new ones, never a mixture or a truncated file.
import { open, readdir, rename, unlink } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { isProcessAlive } from './process-alive.js';

const TEMP_SUFFIX = '.tmp';

/** `<file>.<pid>.<random>.tmp`: unique per writer, so two processes never share a temp file. */
function tempNameFor(file: string): string {
  return `${file}.${process.pid}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`;
}

export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const temp = tempNameFor(file);
  try {
    const handle = await open(temp, 'wx', 0o644);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync(); // the bytes must be on disk before the rename makes them visible
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncDirectory(path.dirname(file));
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
  const dir = path.dirname(file);
  const prefix = `${path.basename(file)}.`;
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
