// Shared by the hostile-input tests: run the real binary (as a user would from a shell) or
// runCli in-process, and look for what must never reach a terminal.
import { spawn, type StdioOptions } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../src/cli/main.js';
import { captureIo } from '../cli/capture-io.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const bin = path.join(repoRoot, 'bin', 'netpol-dojo.js');

export function tempDir(prefix = 'netpol-hostile-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Peak resident memory of the child in KiB (from /proc), 0 where unknown. */
  maxRssKb: number;
}

/** Runs bin/netpol-dojo.js with arguments; stdin is text, a file descriptor, or nothing. */
export function runBinary(args: string[], opts: { stdin?: string | number; env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<RunResult> {
  const stdinOpt = typeof opts.stdin === 'number' ? opts.stdin : opts.stdin === undefined ? 'ignore' : 'pipe';
  const stdio: StdioOptions = [stdinOpt, 'pipe', 'pipe'];
  const child = spawn(process.execPath, [bin, ...args], {
    cwd: opts.cwd ?? repoRoot,
    env: { ...process.env, NO_COLOR: '1', ...opts.env },
    stdio,
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += String(d)));
  child.stderr!.on('data', (d) => (stderr += String(d)));
  if (typeof opts.stdin === 'string') {
    child.stdin!.on('error', () => undefined); // the command may stop reading early
    child.stdin!.end(opts.stdin);
  }
  return new Promise((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr, maxRssKb: 0 }));
  });
}

/** runCli in-process with captured output (no colour, not a TTY unless asked). */
export async function runInProcess(argv: string[], opts: { stdin?: string; env?: NodeJS.ProcessEnv; cwd?: string; tty?: boolean } = {}) {
  const io = captureIo(opts);
  const code = await runCli(argv, io);
  return { code, stdout: io.out(), stderr: io.err() };
}

/** C0 (except LF and TAB), DEL and C1: what a terminal may act on. */
export const RAW_CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;

/** A Node stack frame, as an unhandled error prints it. */
export const STACK_TRACE = /\n\s+at .+[(:]\d+/;
