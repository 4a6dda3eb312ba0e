// A fake Io for running commands in-process: captures stdout/stderr, feeds stdin.
import { Writable } from 'node:stream';
import type { Io } from '../../src/cli/io.js';

export function captureIo(opts: { stdin?: string; env?: NodeJS.ProcessEnv; cwd?: string; tty?: boolean } = {}): Io & { out: () => string; err: () => string } {
  const sink = () => {
    const chunks: string[] = [];
    const w = new Writable({
      write(chunk, _enc, cb) {
        chunks.push(String(chunk));
        cb();
      },
    });
    return { w, text: () => chunks.join('') };
  };
  const out = sink();
  const err = sink();
  Object.assign(out.w, { isTTY: opts.tty ?? false });
  return {
    stdout: out.w,
    stderr: err.w,
    env: opts.env ?? { NO_COLOR: '1' },
    cwd: opts.cwd ?? process.cwd(),
    readStdin: async () => opts.stdin ?? '',
    out: out.text,
    err: err.text,
  };
}
