// Reads the -f files (or stdin for "-") and loads them through the manifest layer.
// Errors stop the command (exit 2); warnings go to stderr and the command goes on.
//
// Every input is read as bytes with a cap, whatever it is: a regular file, stdin, a pipe or a
// FIFO. Devices are refused (/dev/zero never ends), and a FIFO nobody writes to is given up on
// after a while instead of hanging.
import { constants } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Io } from './io.js';
import { UsageError } from './args.js';
import { InputError, formatFinding, type Finding } from '../core/findings.js';
import { loadManifests, type LoadResult } from '../core/manifest/load.js';
import { missingNamespaceFindings } from '../core/manifest/namespaces.js';
import { decodeInput } from '../core/text/decode.js';

/** Larger inputs are refused rather than parsed: a real cluster dump is a few MB. */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;
/** How long a FIFO may go without a writer before we give up on it. */
export const FIFO_WRITER_WAIT_MS = 10_000;

export interface ReadOptions {
  maxBytes?: number;
  fifoWaitMs?: number;
}

function readFailure(file: string, message: string): Finding {
  return { severity: 'error', file, line: 0, col: 0, path: '', message };
}

const fail = (file: string, message: string): never => {
  throw new InputError([readFailure(file, message)]);
};

const tooLarge = (max: number): string => `input is too large (more than ${max} bytes): refusing it`;

function decode(shown: string, bytes: Uint8Array): string {
  const d = decodeInput(bytes);
  if (!d.ok) throw new InputError([{ severity: 'error', file: shown, line: d.line, col: d.col, path: '', message: d.message }]);
  return d.text;
}

function kindOf(s: import('node:fs').Stats): string | undefined {
  if (s.isDirectory()) return 'a directory';
  if (s.isCharacterDevice()) return 'a character device';
  if (s.isBlockDevice()) return 'a block device';
  if (s.isSocket()) return 'a socket';
  return undefined;
}

export async function readInput(file: string, io: Io, options: ReadOptions = {}): Promise<string> {
  const max = options.maxBytes ?? MAX_INPUT_BYTES;
  if (file === '-') {
    const got = await io.readStdin(max);
    if (typeof got === 'string') return got; // an in-process caller handing over text
    if (got.length > max) fail('<stdin>', tooLarge(max));
    return decode('<stdin>', got);
  }
  const full = path.resolve(io.cwd, file);
  let info;
  try {
    info = await stat(full);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return fail(file, code === 'ENOENT' ? 'cannot read: no such file' : `cannot read: ${code ?? String(e)}`);
  }
  const kind = kindOf(info);
  if (kind === 'a directory') fail(file, 'cannot read: is a directory (as -f DIR it is read whole)');
  if (kind) fail(file, `cannot read: is ${kind}, not a file`);
  if (info.isFile() && info.size > max) fail(file, `file is too large (${info.size} bytes; the limit is ${max})`);
  try {
    const bytes = info.isFIFO() ? await readFifo(full, file, max, options.fifoWaitMs ?? FIFO_WRITER_WAIT_MS) : await readCapped(full, max);
    if (bytes.length > max) fail(file, tooLarge(max));
    return decode(file, bytes);
  } catch (e) {
    if (e instanceof InputError) throw e;
    return fail(file, `cannot read: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}

/** Reads at most max + 1 bytes (one more tells the caller the input was over the cap). */
async function readCapped(full: string, max: number): Promise<Uint8Array> {
  const handle = await open(full, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const want = Math.min(1 << 20, max + 1 - total);
      if (want <= 0) break;
      const { bytesRead, buffer } = await handle.read(Buffer.allocUnsafe(want), 0, want, null);
      if (bytesRead === 0) break;
      chunks.push(buffer.subarray(0, bytesRead));
      total += bytesRead;
    }
    return Buffer.concat(chunks, total);
  } finally {
    await handle.close();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A FIFO opened for reading blocks until someone opens it for writing, possibly forever. Opened
 * non-blocking instead: EAGAIN means a writer is there with nothing written yet; end-of-file
 * before any writer was seen means nobody has opened it yet, so we wait, for a while.
 */
async function readFifo(full: string, shown: string, max: number, waitMs: number): Promise<Uint8Array> {
  const handle = await open(full, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    let writerSeen = false;
    const giveUpAt = Date.now() + waitMs;
    for (;;) {
      const want = Math.min(1 << 20, max + 1 - total);
      if (want <= 0) break;
      let bytesRead: number;
      let buffer: Buffer;
      try {
        ({ bytesRead, buffer } = await handle.read(Buffer.allocUnsafe(want), 0, want, null));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
        writerSeen = true;
        await sleep(5);
        continue;
      }
      if (bytesRead > 0) {
        writerSeen = true;
        chunks.push(buffer.subarray(0, bytesRead));
        total += bytesRead;
        continue;
      }
      if (writerSeen) break; // the writer closed its end: end of input
      if (Date.now() >= giveUpAt) {
        fail(shown, `cannot read: it is a named pipe (FIFO) and nothing opened it for writing within ${Math.round(waitMs / 1000)} s`);
      }
      await sleep(20);
    }
    return Buffer.concat(chunks, total);
  } finally {
    await handle.close();
  }
}

/** The file kinds kubectl reads from a directory given to -f. */
const MANIFEST_EXTENSIONS = ['.yaml', '.yml', '.json'];

/**
 * -f DIR as kubectl reads it: the .yaml, .yml and .json files in it, in name order; with -R
 * (recursive) those of every folder below too. Other files are passed over.
 */
export async function expandFileArgs(files: string[], io: Io, recursive: boolean): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string, shown: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (e) {
      return fail(shown, `cannot read: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const full = path.join(dir, e.name);
      const name = path.join(shown, e.name);
      if (e.isDirectory()) {
        if (recursive) await walk(full, name);
      } else if (MANIFEST_EXTENSIONS.includes(path.extname(e.name).toLowerCase())) out.push(name);
    }
  };
  for (const file of files) {
    if (file === '-') {
      out.push(file);
      continue;
    }
    const isDir = await stat(path.resolve(io.cwd, file)).then((s) => s.isDirectory(), () => false);
    if (!isDir) {
      out.push(file);
      continue;
    }
    const before = out.length;
    await walk(path.resolve(io.cwd, file), file);
    if (out.length === before) fail(file, `no .yaml, .yml or .json files in this directory${recursive ? ' or below' : ' (-R reads the folders below too)'}`);
  }
  return out;
}

/** Loads every -f input (files, directories, "-"); throws InputError on any error finding, prints warnings. */
export async function loadInputs(fileArgs: string[], io: Io, options: { recursive?: boolean } = {}): Promise<LoadResult> {
  if (fileArgs.length === 0) throw new UsageError('no input: give one or more -f FILE or -f DIR (or -f - for stdin)');
  if (fileArgs.filter((f) => f === '-').length > 1) throw new UsageError('stdin (-f -) can be read only once');
  const files = await expandFileArgs(fileArgs, io, options.recursive ?? false);
  const inputs = [];
  for (const file of files) inputs.push({ file: file === '-' ? '<stdin>' : file, text: await readInput(file, io) });
  const result = loadManifests(inputs);
  result.findings.push(...missingNamespaceFindings(result));
  const errors = result.findings.filter((f) => f.severity === 'error');
  if (errors.length) throw new InputError(errors);
  for (const w of result.findings) if (w.severity === 'warning') io.stderr.write(formatFinding(w) + '\n');
  // Nothing to read is a mistake (a wrong file, an empty List), as kubectl apply says "no objects
  // passed to apply": an empty matrix with exit 0 would let a script believe all is well.
  if (result.objects.length === 0) {
    const others = inputs.length > 1 ? ` (nor in ${inputs.slice(1).map((i) => i.file).join(', ')})` : '';
    const why = result.skipped.length ? 'only kinds netpol-dojo does not read' : 'the input is empty';
    throw new InputError([{ severity: 'error', file: inputs[0]?.file ?? '-', line: 0, col: 0, path: '', message: `no objects to read${others}: ${why}` }]);
  }
  return result;
}
