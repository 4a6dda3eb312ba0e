// `netpol-dojo completion bash|zsh|fish`: a completion script made from the command table and
// each command's flags, so it never falls behind. Exercise ids come from `list -o name` when
// the user presses Tab, file flags complete paths, -o offers the command's formats.
import type { Io } from '../io.js';
import { UsageError, flagSet, parseArgs, type FlagSpec } from '../args.js';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

export const FLAGS = { help: { value: false, short: 'h' } } as const;

const USAGE = `Usage: netpol-dojo completion bash|zsh|fish

Prints a shell completion script. Load it:
  bash   source <(netpol-dojo completion bash)          (or save it in ~/.local/share/bash-completion/completions/netpol-dojo)
  zsh    source <(netpol-dojo completion zsh)           (or save it as _netpol-dojo on your $fpath)
  fish   netpol-dojo completion fish | source           (or save it in ~/.config/fish/completions/netpol-dojo.fish)
`;

export interface CommandInfo {
  name: string;
  summary: string;
  flags: Record<string, FlagSpec>;
  /** Its first argument is an exercise id. */
  takesExercise: boolean;
}

/** Commands whose first positional argument is an exercise id. */
const EXERCISE_COMMANDS = new Set(['show', 'grade', 'export', 'console']);

export async function commandInfos(): Promise<CommandInfo[]> {
  const { COMMAND_FLAGS, commandNames, commandSummary } = await import('../main.js');
  const out: CommandInfo[] = [];
  for (const name of commandNames()) {
    const flags = Object.hasOwn(COMMAND_FLAGS, name) ? await COMMAND_FLAGS[name]() : {};
    out.push({ name, summary: commandSummary(name), flags, takesExercise: EXERCISE_COMMANDS.has(name) });
  }
  return out;
}

const visible = (flags: Record<string, FlagSpec>) => Object.entries(flags).filter(([, s]) => !s.hidden);

function flagWords(flags: Record<string, FlagSpec>): string[] {
  return visible(flags).flatMap(([n, s]) => [`--${n}`, ...(s.short ? [`-${s.short}`] : [])]);
}

/** A word safe inside single quotes in every shell we write for. */
function quote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

export function bashScript(commands: CommandInfo[]): string {
  const names = [...commands.map((c) => c.name), '--help', '--version', '--no-color'].join(' ');
  const cases = commands.map((c) => {
    const valueCases = visible(c.flags)
      .filter(([, s]) => s.value)
      .map(([n, s]) => {
        const pattern = [`--${n}`, ...(s.short ? [`-${s.short}`] : [])].join('|');
        const action = s.choices ? `COMPREPLY=($(compgen -W ${quote(s.choices.join(' '))} -- "$cur"))` : s.path ? 'COMPREPLY=($(compgen -f -- "$cur")); compopt -o filenames 2>/dev/null' : 'COMPREPLY=()';
        return `        ${pattern}) ${action}; return ;;`;
      });
    const positional =
      c.name === 'completion'
        ? `COMPREPLY=($(compgen -W ${quote(SHELLS.join(' '))} -- "$cur")); return`
        : c.name === 'help'
          ? `COMPREPLY=($(compgen -W ${quote(commands.map((x) => x.name).join(' '))} -- "$cur")); return`
          : c.takesExercise
            ? `if [[ $COMP_CWORD -eq 2 ]]; then COMPREPLY=($(compgen -W "$(netpol-dojo list -o name 2>/dev/null)" -- "$cur")); return; fi`
            : ':';
    return [
      `    ${c.name})`,
      ...(valueCases.length ? ['      case "$prev" in', ...valueCases, '      esac'] : []),
      `      if [[ "$cur" == -* ]]; then COMPREPLY=($(compgen -W ${quote(flagWords(c.flags).join(' '))} -- "$cur")); return; fi`,
      `      ${positional}`,
      `      COMPREPLY=($(compgen -f -- "$cur"))`,
      '      ;;',
    ].join('\n');
  });
  return `# netpol-dojo completion for bash. Load it with: source <(netpol-dojo completion bash)
_netpol_dojo() {
  local cur prev cmd
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  if [[ $COMP_CWORD -eq 1 ]]; then
    COMPREPLY=($(compgen -W ${quote(names)} -- "$cur"))
    return
  fi
  cmd="\${COMP_WORDS[1]}"
  case "$cmd" in
${cases.join('\n')}
  esac
}
complete -F _netpol_dojo netpol-dojo
`;
}

/** zsh runs the bash function through bashcompinit (part of every zsh since 4.2). */
export function zshScript(commands: CommandInfo[]): string {
  return `#compdef netpol-dojo
# netpol-dojo completion for zsh. Load it with: source <(netpol-dojo completion zsh)
autoload -U +X compinit && { (( $+functions[compdef] )) || compinit; }
autoload -U +X bashcompinit && bashcompinit
${bashScript(commands).split('\n').slice(1).join('\n')}`;
}

export function fishScript(commands: CommandInfo[]): string {
  const lines = ['# netpol-dojo completion for fish. Load it with: netpol-dojo completion fish | source', 'complete -c netpol-dojo -f'];
  const subs = commands.map((c) => c.name).join(' ');
  for (const c of commands) lines.push(`complete -c netpol-dojo -n "not __fish_seen_subcommand_from ${subs}" -a ${c.name} -d ${quote(c.summary)}`);
  lines.push(`complete -c netpol-dojo -n "not __fish_seen_subcommand_from ${subs}" -l no-color -d 'no colour'`);
  lines.push(`complete -c netpol-dojo -n "not __fish_seen_subcommand_from ${subs}" -l version -d 'the version'`);
  for (const c of commands) {
    const when = `-n "__fish_seen_subcommand_from ${c.name}"`;
    for (const [n, s] of visible(c.flags)) {
      const short = s.short ? ` -s ${s.short}` : '';
      const value = !s.value ? '' : s.choices ? ` -x -a ${quote(s.choices.join(' '))}` : s.path ? ' -r -F' : ' -x';
      lines.push(`complete -c netpol-dojo ${when}${short} -l ${n}${value}`);
    }
    if (c.name === 'completion') lines.push(`complete -c netpol-dojo ${when} -a ${quote(SHELLS.join(' '))}`);
    if (c.name === 'help') lines.push(`complete -c netpol-dojo ${when} -a ${quote(commands.map((x) => x.name).join(' '))}`);
    if (c.takesExercise) lines.push(`complete -c netpol-dojo ${when} -a '(netpol-dojo list -o name 2>/dev/null)'`);
  }
  return lines.join('\n') + '\n';
}

export async function completionCommand(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv, FLAGS);
  if (flagSet(args, 'help')) {
    io.stdout.write(USAGE);
    return 0;
  }
  if (args.positionals.length !== 1) throw new UsageError('completion needs the shell: completion bash|zsh|fish');
  const shell = args.positionals[0];
  if (!(SHELLS as readonly string[]).includes(shell)) throw new UsageError(`completion: unsupported shell "${shell}" (bash, zsh or fish)`);
  const commands = await commandInfos();
  io.stdout.write(shell === 'bash' ? bashScript(commands) : shell === 'zsh' ? zshScript(commands) : fishScript(commands));
  return 0;
}
