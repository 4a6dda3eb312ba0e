// `netpol-dojo console [EXERCISE] [--step N] [-f SCRIPT] [--cni calico|flannel] [--real-time]`
// A shell on a simulated cluster. With a script (-f, or standard input that is not a
// terminal) it plays the commands in order, printing "$ COMMAND" before each one's output,
// and exits 0 at the end. On a terminal it is a prompt with history and Tab completion.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import type { Io } from '../io.js';
import { UsageError, choice, flagSet, flagValue, parseArgs, type FlagSpec } from '../args.js';
import { bankFor, findScenario } from './grade.js';
import { readInput } from '../load-inputs.js';
import { Console, PromptSession, runScript } from '../../core/console/index.js';
import type { ConsoleOptions } from '../../core/console/index.js';

const USAGE = `Usage: netpol-dojo console [EXERCISE] [--step N] [-f SCRIPT] [--cni calico|flannel] [--real-time]

A shell on a simulated cluster: kubectl, and wget/nc/nslookup/curl inside pods.
  EXERCISE         start on that exercise's cluster (default: a fresh cluster)
  --step N         the exercise's cluster as it stands at step N (default 1)
  -f SCRIPT        run the commands of SCRIPT ("-" for stdin) and exit
  --cni NAME       calico (policies are enforced) or flannel (accepted, not enforced);
                   default: the exercise's own CNI, else calico
  --real-time      time-outs and sleep take their real time (also NETPOL_DOJO_REAL_TIME=1)
Without a terminal on standard input, the commands are read from it as with -f -.
Each command is echoed as "$ COMMAND" before its output; exit status 0 when the script ran to the end.
`;

/** Exported for shell completion. */
export const FLAGS: Record<string, FlagSpec> = {
  step: { value: true },
  file: { value: true, short: 'f', path: true },
  cni: { value: true, choices: ['calico', 'flannel'] },
  'real-time': { value: false },
  help: { value: false, short: 'h' },
};

export async function consoleCommand(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv, FLAGS);
  if (flagSet(args, 'help')) {
    io.stdout.write(USAGE);
    return 0;
  }
  if (args.positionals.length > 1) throw new UsageError('console takes at most one EXERCISE', { usage: USAGE });
  // Without --cni an exercise's console runs its own CNI (the scenario's `cni`), else Calico.
  const cni = flagValue(args, 'cni') === undefined ? undefined : choice(args, 'cni', ['calico', 'flannel'] as const, 'calico');
  const options: ConsoleOptions = {
    ...(cni ? { cni } : {}),
    realTime: flagSet(args, 'real-time') || io.env.NETPOL_DOJO_REAL_TIME === '1',
    readHostFile: (p) => readHostFile(io.cwd, p),
    editor: (text, name) => Promise.resolve(runEditor(io, text, name)),
  };
  const [id] = args.positionals;
  const stepText = flagValue(args, 'step');
  if (stepText !== undefined && !id) throw new UsageError('--step needs an EXERCISE');
  if (id) {
    const scenario = findScenario(bankFor(io), id);
    let step = 1;
    if (stepText !== undefined) {
      if (!/^\d+$/.test(stepText)) throw new UsageError(`--step must be a step number, not "${stepText}"`);
      step = Number(stepText);
      if (step < 1 || step > scenario.steps.length) throw new UsageError(`${id} has ${scenario.steps.length} step${scenario.steps.length === 1 ? '' : 's'}: --step must be 1..${scenario.steps.length}`);
    }
    options.scenario = { scenario, step };
  }
  const shell = new Console(options);
  const file = flagValue(args, 'file');
  const interactive = file === undefined && process.stdin.isTTY === true;
  if (!interactive) {
    const script = await readInput(file ?? '-', io);
    await runScript(shell, script, (s) => {
      if (s.command) io.stdout.write(`$ ${s.command.split('\n')[0]}\n`);
      for (const l of s.lines) io.stdout.write(`${l}\n`);
    });
    return 0;
  }
  return interactiveSession(shell, io);
}

function readHostFile(cwd: string, p: string): string | undefined {
  try {
    const full = path.resolve(cwd, p.replace(/^~(?=\/)/, os.homedir()));
    const st = fs.statSync(full);
    if (!st.isFile() || st.size > 5 * 1024 * 1024) return undefined;
    return fs.readFileSync(full, 'utf8');
  } catch {
    return undefined;
  }
}

/** $KUBE_EDITOR or $EDITOR on a temporary file, with the terminal handed over. */
function runEditor(io: Io, text: string, name: string): string | null {
  const editor = io.env.KUBE_EDITOR || io.env.EDITOR || 'vi';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-dojo-edit-'));
  const file = path.join(dir, path.basename(name) || 'edit.yaml');
  try {
    fs.writeFileSync(file, text);
    const r = spawnSync('sh', ['-c', `${editor} "$1"`, 'sh', file], { stdio: 'inherit' });
    if (r.status !== 0) return null;
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function interactiveSession(shell: Console, io: Io): Promise<number> {
  const session = new PromptSession(shell);
  const rl = readline.createInterface({
    input: process.stdin,
    output: process.stdout,
    terminal: true,
    historySize: 1000,
    removeHistoryDuplicates: true,
    completer: (line: string) => {
      const { candidates, word } = shell.complete(line);
      return [candidates, word];
    },
  });
  io.stdout.write('netpol-dojo console: a simulated cluster (type help; exit or Ctrl-D to leave)\n');
  const promptNow = () => {
    rl.setPrompt(session.prompt());
    rl.prompt();
  };
  return new Promise<number>((resolve) => {
    let busy = Promise.resolve();
    rl.on('line', (line) => {
      busy = busy.then(async () => {
        rl.pause();
        const { result, lines } = await session.enter(line);
        if (!result) {
          rl.resume();
          return promptNow();
        }
        // A here-document's body and continued lines are not commands of their own: keep
        // the first line in readline's history (newest first), as the entry to come back to.
        const hist = (rl as unknown as { history?: string[] }).history;
        if (hist && lines > 1) hist.splice(0, lines - 1);
        if (result.clear) process.stdout.write('\x1b[H\x1b[2J'); // our own escape, past safeIo
        for (const l of result.lines) io.stdout.write(`${l}\n`);
        if (result.exit) {
          rl.close();
          return;
        }
        rl.resume();
        promptNow();
      });
    });
    rl.on('SIGINT', () => {
      session.cancel();
      io.stdout.write('^C\n');
      promptNow();
    });
    rl.on('close', () => {
      const r = shell.detach();
      for (const l of r.lines) io.stdout.write(`${l}\n`);
      io.stdout.write('\n');
      resolve(0);
    });
    promptNow();
  });
}
