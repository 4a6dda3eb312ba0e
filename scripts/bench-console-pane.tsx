// Key to output in the console pane: from the Enter that runs
// `kubectl exec -n netpol-test deploy/client -- wget -qO- --timeout=3 http://web` to the first
// frame that shows its output, against a bare Ink echo (Enter -> one state change -> the frame)
// in the same process. Medians of repeated runs, as a ratio. Run:
//   NODE_ENV=production node --import tsx scripts/bench-console-pane.tsx
import { EventEmitter } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import React, { useState } from 'react';
import { render, Text, useInput } from 'ink';
import { loadBank } from '../src/core/bank/load-dir.js';
import { ConsolePane } from '../src/tui/console/ConsolePane.js';
import { ConsoleRun } from '../src/tui/console/console-run.js';
import { CONSOLE_KEYMAP } from '../src/tui/console/keymap.js';

class Out extends EventEmitter {
  frames = 0;
  last = '';
  columns = 100;
  rows = 30;
  isTTY = false;
  write = (f: string) => {
    this.frames++;
    this.last = f;
    this.emit('frame');
    return true;
  };
}
class In extends EventEmitter {
  isTTY = true;
  private d: string | null = null;
  write = (d: string) => {
    this.d = d;
    this.emit('readable');
  };
  read = () => {
    const d = this.d;
    this.d = null;
    return d;
  };
  setEncoding() {}
  setRawMode() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
}

const turn = () => new Promise<void>((r) => setImmediate(r));
async function settle(out: Out) {
  let quiet = 0;
  while (quiet < 3) {
    const n = out.frames;
    await turn();
    quiet = out.frames === n ? quiet + 1 : 0;
  }
}
/** ms from writing `key` to the first frame that `done` accepts. */
function timeTo(stdin: In, out: Out, key: string, done: (f: string) => boolean): Promise<number> {
  return new Promise((resolve) => {
    const t0 = process.hrtime.bigint();
    const on = () => {
      if (!done(out.last)) return;
      out.off('frame', on);
      resolve(Number(process.hrtime.bigint() - t0) / 1e6);
    };
    out.on('frame', on);
    stdin.write(key);
  });
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function Echo() {
  const [shown, setShown] = useState(0);
  useInput((_i, k) => {
    if (k.return) setShown((n) => n + 1);
  });
  return <Text>{`echo ${shown}`}</Text>;
}

const RUNS = Number(process.env.RUNS ?? 30);
const WGET = 'kubectl exec -n netpol-test deploy/client -- wget -qO- --timeout=3 http://web';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bank = loadBank(path.join(root, 'exercises'));

async function main() {
  const echo: number[] = [];
  {
    const out = new Out();
    const stdin = new In();
    const app = render(<Echo />, { stdout: out as never, stdin: stdin as never, debug: true, patchConsole: false, exitOnCtrlC: false });
    await settle(out);
    for (let i = 1; i <= RUNS; i++) {
      echo.push(await timeTo(stdin, out, '\r', (f) => f.includes(`echo ${i}`)));
      await settle(out);
    }
    app.unmount();
  }
  const pane: number[] = [];
  {
    const out = new Out();
    const stdin = new In();
    const run = new ConsoleRun(bank.byId.get('exercise-1')!, 1);
    const app = render(<ConsolePane run={run} title="bench" keymap={CONSOLE_KEYMAP} width={100} height={29} isActive onLeave={() => {}} onHelp={() => {}} />,
      { stdout: out as never, stdin: stdin as never, debug: true, patchConsole: false, exitOnCtrlC: false });
    await settle(out);
    for (let i = 1; i <= RUNS; i++) {
      stdin.write(WGET);
      await settle(out);
      const before = run.transcript.length;
      pane.push(await timeTo(stdin, out, '\r', (f) => run.transcript.length > before + 20 && f.includes('</html>') && f.trimEnd().endsWith('controlplane:~$')));
      await settle(out);
    }
    app.unmount();
  }
  // The core alone: the same command on a console with no terminal (the pane's floor).
  const core: number[] = [];
  {
    const run = new ConsoleRun(bank.byId.get('exercise-1')!, 1);
    for (let i = 1; i <= RUNS; i++) {
      const t0 = process.hrtime.bigint();
      await run.enter(WGET);
      core.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  }
  const fmt = (xs: number[]) => `median ${median(xs).toFixed(2)} ms, min ${Math.min(...xs).toFixed(2)}, max ${Math.max(...xs).toFixed(2)}`;
  process.stdout.write(`bare Ink echo (Enter -> frame): ${fmt(echo)}\n`);
  process.stdout.write(`console pane, exec ... wget (Enter -> output frame): ${fmt(pane)}\n`);
  process.stdout.write(`console core alone, exec ... wget: ${fmt(core)}\n`);
  process.stdout.write(`ratio of medians: pane/echo ${(median(pane) / median(echo)).toFixed(1)}x, pane/core ${(median(pane) / median(core)).toFixed(2)}x (runs: ${RUNS})\n`);
}
void main();
