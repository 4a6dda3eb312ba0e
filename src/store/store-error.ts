// The store's one error type for the user: a file-system failure (disk full, read-only folder,
// a directory where the file should be) said in one line. The CLI prints it and exits 2; the
// TUI shows it as a notice and carries on in memory.

export class StoreError extends Error {
  override name = 'StoreError';
  constructor(message: string, readonly code?: string) {
    super(message);
  }
}

const WHY: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is exhausted',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  EISDIR: 'it is a directory, not a file',
  ENOTDIR: 'a part of the path is not a directory',
  EIO: 'an input/output error',
};

/** "cannot write /x/progress.json: the disk is full (ENOSPC)"; other errors pass through. */
export function storeErrorOf(error: unknown, verb: 'read' | 'write' | 'lock', file: string): unknown {
  if (error instanceof StoreError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (!code || !Object.hasOwn(WHY, code)) return error;
  return new StoreError(`cannot ${verb} ${file}: ${WHY[code]} (${code})`, code);
}
