// A small, strict argument parser: known flags only, repeatable flags collect arrays.
// Usage mistakes become UsageError (exit status 2), never a stack trace.

export class UsageError extends Error {
  override name = 'UsageError';
  /** The command's own usage text, printed as it is below the one-line message. */
  readonly usage?: string;

  constructor(message: string, options: { usage?: string } = {}) {
    super(message);
    if (options.usage !== undefined) this.usage = options.usage;
  }
}

export interface FlagSpec {
  /** Takes a value (`--port 80/TCP`), else a boolean switch. */
  value: boolean;
  repeatable?: boolean;
  short?: string;
  /** The values it takes (shell completion offers them). */
  choices?: readonly string[];
  /** Its value is a file or directory (shell completion offers paths). */
  path?: boolean;
  /** Left out of completion (old spellings kept working). */
  hidden?: boolean;
}

export interface ParsedArgs {
  positionals: string[];
  flags: Record<string, string[] | boolean>;
}

export function parseArgs(argv: string[], specs: Record<string, FlagSpec>): ParsedArgs {
  const positionals: string[] = [];
  // No prototype: an option named like an Object member (--constructor) is just a name.
  const flags: Record<string, string[] | boolean> = Object.create(null);
  const byShort = new Map(Object.entries(specs).filter(([, s]) => s.short).map(([n, s]) => [s.short!, n]));
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    let name: string | undefined;
    let inline: string | undefined;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
      inline = eq >= 0 ? arg.slice(eq + 1) : undefined;
      if (!Object.hasOwn(specs, name)) throw new UsageError(`unknown option --${name}`);
    } else if (arg.startsWith('-') && arg.length > 1) {
      name = byShort.get(arg.slice(1, 2));
      if (!name) throw new UsageError(`unknown option ${arg}`);
      if (arg.length > 2) inline = arg[2] === '=' ? arg.slice(3) : arg.slice(2);
    } else {
      positionals.push(arg);
      continue;
    }
    const spec = specs[name];
    if (!spec.value) {
      if (inline !== undefined) throw new UsageError(`option --${name} takes no value`);
      flags[name] = true;
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined) throw new UsageError(`option --${name} needs a value`);
    const prev = flags[name];
    if (Array.isArray(prev)) {
      if (!spec.repeatable) throw new UsageError(`option --${name} given twice`);
      prev.push(value);
    } else flags[name] = [value];
  }
  return { positionals, flags };
}

export function flagValues(a: ParsedArgs, name: string): string[] {
  const v = a.flags[name];
  return Array.isArray(v) ? v : [];
}

export function flagValue(a: ParsedArgs, name: string): string | undefined {
  return flagValues(a, name)[0];
}

export function flagSet(a: ParsedArgs, name: string): boolean {
  return a.flags[name] === true;
}

/**
 * kubectl's -o names, the same in every command: the default human form has no name
 * (`text` and `table`, the names of old, still work), `json`/`yaml` print the data,
 * `wide` adds columns, `name` prints only the names.
 */
export type OutputFormat = 'default' | 'json' | 'yaml' | 'wide' | 'name';

export function outputSpec(formats: readonly Exclude<OutputFormat, 'default'>[]): FlagSpec {
  return { value: true, short: 'o', choices: formats };
}

export function outputFormat<T extends Exclude<OutputFormat, 'default'>>(a: ParsedArgs, formats: readonly T[]): 'default' | T {
  const v = flagValue(a, 'output');
  if (v === undefined || v === 'text' || v === 'table') return 'default';
  if (!(formats as readonly string[]).includes(v)) {
    throw new UsageError(`-o/--output must be one of ${formats.join(', ')} (or left out for the default), not "${v}"`);
  }
  return v as T;
}

/** The input flags shared by the commands that read manifests, with kubectl's letters. */
export const INPUT_FLAGS = {
  file: { value: true, repeatable: true, short: 'f', path: true },
  recursive: { value: false, short: 'R' },
} as const satisfies Record<string, FlagSpec>;

/** -n/-A/-l as kubectl has them: filter by namespace, all namespaces, a label selector. */
export const SCOPE_FLAGS = {
  namespace: { value: true, repeatable: true, short: 'n' },
  'all-namespaces': { value: false, short: 'A' },
  selector: { value: true, repeatable: true, short: 'l' },
} as const satisfies Record<string, FlagSpec>;

/** --output text|json style flags. */
export function choice<T extends string>(a: ParsedArgs, name: string, allowed: readonly T[], fallback: T): T {
  const v = flagValue(a, name);
  if (v === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(v)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')}, not "${v}"`);
  return v as T;
}
