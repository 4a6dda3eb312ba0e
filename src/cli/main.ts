// netpol-dojo's entry point: `netpol-dojo <command> [options]`. With no command it
// opens the TUI (loaded lazily, so scripted commands never pay for Ink and React).
import { UsageError, type FlagSpec } from './args.js';
import { InputError, formatFinding, oneLine } from '../core/findings.js';
import { safeIo, type Io } from './io.js';
import { safeText } from '../core/text/safe-text.js';
import { suggest } from './suggest.js';
import { prefetchTrainer } from '../tui/prefetch.js';

export type Command = (argv: string[], io: Io) => Promise<number>;

/** Each command lives in its own module, imported only when it runs. */
const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  matrix: { summary: 'reachability matrix of the pods in manifests', load: async () => (await import('./commands/matrix.js')).matrixCommand },
  why: { summary: 'why one connection is allowed or denied', load: async () => (await import('./commands/why.js')).whyCommand },
  explain: { summary: 'each NetworkPolicy in plain English', load: async () => (await import('./commands/explain.js')).explainCommand },
  stats: { summary: 'progress per topic, exam history, streak', load: async () => (await import('./commands/stats.js')).statsCommand },
  show: { summary: 'print an exercise\'s task (and hints or a solution)', load: async () => (await import('./commands/show.js')).showCommand },
  grade: { summary: 'grade an answer to an exercise (exit 0 passed, 1 failed)', load: async () => (await import('./commands/grade.js')).gradeCommand },
  list: { summary: 'the exercises, with your status', load: async () => (await import('./commands/list.js')).listCommand },
  exam: { summary: 'a timed mock exam in the trainer (resumes one still running)', load: async () => (await import('./commands/exam.js')).examCommand },
  review: { summary: 'your failed attempts with the reason, and the weak spots to drill', load: async () => (await import('./commands/review.js')).reviewCommand },
  console: { summary: 'a shell on a simulated cluster: kubectl, wget, nc, nslookup', load: async () => (await import('./commands/console.js')).consoleCommand },
  diff: { summary: 'connections a change of policies or labels adds and removes (exit 1 if any)', load: async () => (await import('./commands/diff.js')).diffCommand },
  export: { summary: 'an exercise as manifests and a probe script for a real cluster', load: async () => (await import('./commands/export.js')).exportCommand },
  compare: { summary: 'observed results from a real cluster against the simulation (exit 1 if any differ)', load: async () => (await import('./commands/compare.js')).compareCommand },
  version: { summary: 'the version of netpol-dojo and of Node.js', load: async () => (await import('./commands/version.js')).versionCommand },
  completion: { summary: 'a shell completion script: completion bash|zsh|fish', load: async () => (await import('./commands/completion.js')).completionCommand },
  help: { summary: 'help for a command: help COMMAND', load: async () => helpCommand },
  tui: { summary: 'open the trainer', load: async () => (await import('./commands/tui.js')).tuiCommand },
};

/** Each command's flags, for completion (loaded only when a completion script is written). */
export const COMMAND_FLAGS: Record<string, () => Promise<Record<string, FlagSpec>>> = {
  matrix: async () => (await import('./commands/matrix.js')).FLAGS,
  why: async () => (await import('./commands/why.js')).FLAGS,
  explain: async () => (await import('./commands/explain.js')).EXPLAIN_FLAGS,
  stats: async () => (await import('./commands/stats.js')).FLAGS,
  show: async () => (await import('./commands/show.js')).FLAGS,
  grade: async () => (await import('./commands/grade.js')).FLAGS,
  list: async () => (await import('./commands/list.js')).FLAGS,
  exam: async () => (await import('./commands/exam.js')).FLAGS,
  review: async () => (await import('./commands/review.js')).FLAGS,
  version: async () => (await import('./commands/version.js')).FLAGS,
  diff: async () => (await import('./commands/diff.js')).FLAGS,
  export: async () => (await import('./commands/export.js')).FLAGS,
  compare: async () => (await import('./commands/compare.js')).FLAGS,
  console: async () => (await import('./commands/console.js')).FLAGS,
  completion: async () => (await import('./commands/completion.js')).FLAGS,
};

/** The commands a user types (not the internal `tui`). */
export function commandNames(): string[] {
  return Object.keys(COMMANDS).filter((n) => n !== 'tui');
}

export function commandSummary(name: string): string {
  return Object.hasOwn(COMMANDS, name) ? COMMANDS[name].summary : '';
}

function lookup(name: string): { summary: string; load: () => Promise<Command> } {
  // Own keys only: "constructor" or "__proto__" is an unknown command, not Object's.
  if (Object.hasOwn(COMMANDS, name)) return COMMANDS[name];
  const near = suggest(name, commandNames());
  throw new UsageError(`unknown command "${name}"${near.length ? `; did you mean ${near.map((n) => `"${n}"`).join(' or ')}?` : ''} (try --help)`);
}

/** `help COMMAND` is `COMMAND --help`, as in kubectl. */
async function helpCommand(argv: string[], io: Io): Promise<number> {
  if (argv.length === 0) {
    io.stdout.write(HELP);
    return 0;
  }
  if (argv.length > 1) throw new UsageError('help takes one command name (help COMMAND)');
  const cmd = lookup(argv[0]);
  return (await cmd.load())(['--help'], io);
}

export const HELP = `netpol-dojo: practise Kubernetes NetworkPolicies for the CKA, no cluster needed

Usage:
  netpol-dojo                      open the trainer (full-screen terminal UI)
  netpol-dojo <command> [options]

Commands:
${Object.entries(COMMANDS)
  .filter(([n]) => n !== 'tui')
  .map(([n, c]) => `  ${n.padEnd(11)} ${c.summary}`)
  .join('\n')}

Global options:
  --no-color       no colour (as NO_COLOR=1); colour is off anyway when the output is not a terminal
  -h, --help       this help; "netpol-dojo help COMMAND" or "COMMAND --help" for a command's options
  --version        the version

Run "netpol-dojo help <command>" for a command's options.
Exit status: 0 success, 1 a graded answer failed, a connection is denied (why --exit-code) or
something changed (diff), 2 bad input or usage.
`;

/** Takes the global --no-color out of argv (before any `--`), as NO_COLOR=1 for everything after. */
function globalOptions(argv: string[], io: Io): { argv: string[]; io: Io } {
  const end = argv.indexOf('--');
  const head = end < 0 ? argv : argv.slice(0, end);
  if (!head.includes('--no-color')) return { argv, io };
  const rest = [...head.filter((a) => a !== '--no-color'), ...(end < 0 ? [] : argv.slice(end))];
  // The TUI reads process.env (chalk decides when Ink loads): set it there too.
  if (io.env === process.env) process.env.NO_COLOR = '1';
  return { argv: rest, io: { ...io, env: { ...io.env, NO_COLOR: '1' } } };
}

export async function runCli(rawArgv: string[], rawIo: Io): Promise<number> {
  const global = globalOptions(rawArgv, rawIo);
  const argv = global.argv;
  // The one place output is made safe: every command, message and notice writes through this.
  const io = safeIo(global.io);
  const [name, ...rest] = argv;
  try {
    if (name === undefined) {
      // The trainer: its screens and the store's module load while the command's modules do.
      if (rawIo.env === process.env) {
        prefetchTrainer(process.env);
        import('../store/progress-store.js').catch(() => undefined);
      }
      if (COMMANDS.tui) return await (await COMMANDS.tui.load())(rest, io);
      io.stdout.write(HELP);
      return 0;
    }
    if (name === '--help' || name === '-h') {
      io.stdout.write(HELP);
      return 0;
    }
    if (name === '--version') {
      const { packageVersion } = await import('../repo-root.js');
      io.stdout.write(`netpol-dojo ${packageVersion()}\n`);
      return 0;
    }
    if (name.startsWith('-')) throw new UsageError(`unknown option ${name} (options go after the command; try --help)`);
    return await (await lookup(name).load())(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      // Names typed or read (`why 'a<newline>b' ...`) are quoted raw in messages: still one line.
      io.stderr.write(`netpol-dojo: ${oneLine(e.message)}\n${e.usage ?? ''}`);
      return 2;
    }
    if (e instanceof InputError) {
      for (const f of e.findings) io.stderr.write(formatFinding(f) + '\n');
      return 2;
    }
    // The progress store on a full disk, in a read-only folder, locked by a stopped process.
    if (e instanceof Error && e.name.endsWith('StoreError') || (e as Error)?.name === 'LockTimeoutError') {
      io.stderr.write(`netpol-dojo: ${(e as Error).message}\n`);
      return 2;
    }
    throw e;
  }
}

export function processIo(): Io {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    readStdin: async (maxBytes) => {
      // Count every chunk and stop at the cap: `< /dev/zero` or an endless pipe never ends.
      const chunks: Buffer[] = [];
      let total = 0;
      for await (const c of process.stdin) {
        chunks.push(c as Buffer);
        total += (c as Buffer).length;
        if (total > maxBytes) {
          process.stdin.destroy();
          break;
        }
      }
      return Buffer.concat(chunks, total);
    },
  };
}

/** The process entry point (called by bin/netpol-dojo.js). */
export async function main(): Promise<void> {
  // `netpol-dojo matrix ... | head` closes the pipe early: stop quietly, as Unix tools do.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(0);
      throw e;
    });
  }
  try {
    process.exitCode = await runCli(process.argv.slice(2), processIo());
  } catch (e) {
    // A bug of ours, not a user mistake: say so in one line, keep the detail for debugging.
    process.stderr.write(safeText(`netpol-dojo: internal error: ${e instanceof Error ? e.message : String(e)}`) + '\n');
    if (process.env.NETPOL_DOJO_DEBUG) process.stderr.write(`${e instanceof Error ? e.stack : ''}\n`);
    process.exitCode = 70;
  }
}
