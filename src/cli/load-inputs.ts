// Reads the -f files (or stdin for "-") and loads them through the manifest layer.
// Errors stop the command (exit 2); warnings go to stderr and the command goes on.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Io } from './io.js';
import { UsageError } from './args.js';
import { InputError, formatFinding, type Finding } from '../core/findings.js';
import { loadManifests, type LoadResult } from '../core/manifest/load.js';

/** Larger inputs are refused rather than parsed: a real cluster dump is a few MB. */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

function readFailure(file: string, message: string): Finding {
  return { severity: 'error', file, line: 0, col: 0, path: '', message };
}

export async function readInput(file: string, io: Io): Promise<string> {
  if (file === '-') return io.readStdin();
  const full = path.resolve(io.cwd, file);
  let size: number;
  try {
    const s = await stat(full);
    if (s.isDirectory()) throw new InputError([readFailure(file, 'cannot read: is a directory')]);
    size = s.size;
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError([readFailure(file, code === 'ENOENT' ? 'cannot read: no such file' : `cannot read: ${code ?? String(e)}`)]);
  }
  if (size > MAX_INPUT_BYTES) throw new InputError([readFailure(file, `file is too large (${size} bytes; the limit is ${MAX_INPUT_BYTES})`)]);
  try {
    return await readFile(full, 'utf8');
  } catch (e) {
    throw new InputError([readFailure(file, `cannot read: ${(e as NodeJS.ErrnoException).code ?? String(e)}`)]);
  }
}

/** Loads every -f input; throws InputError on any error finding, prints warnings. */
export async function loadInputs(files: string[], io: Io): Promise<LoadResult> {
  if (files.length === 0) throw new UsageError('no input: give one or more -f FILE (or -f - for stdin)');
  if (files.filter((f) => f === '-').length > 1) throw new UsageError('stdin (-f -) can be read only once');
  const inputs = [];
  for (const file of files) inputs.push({ file: file === '-' ? '<stdin>' : file, text: await readInput(file, io) });
  const result = loadManifests(inputs);
  const errors = result.findings.filter((f) => f.severity === 'error');
  if (errors.length) throw new InputError(errors);
  for (const w of result.findings) if (w.severity === 'warning') io.stderr.write(formatFinding(w) + '\n');
  return result;
}
