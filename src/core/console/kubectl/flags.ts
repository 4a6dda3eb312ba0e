// kubectl's command line as pflag reads it: long flags with = or a separate value,
// shorthand flags that may be combined (-it) or carry their value (-nfoo, -n=foo),
// flags anywhere among the arguments, everything after -- kept for the container.

export interface FlagDef {
  value: boolean;
  short?: string;
  /** A bool flag that also takes =value (--rm=true), or a value flag with a default when bare (--dry-run). */
  optionalValue?: string;
}

export const FLAGS: Record<string, FlagDef> = {
  namespace: { value: true, short: 'n' },
  'all-namespaces': { value: false, short: 'A' },
  output: { value: true, short: 'o' },
  selector: { value: true, short: 'l' },
  filename: { value: true, short: 'f' },
  'show-labels': { value: false },
  'no-headers': { value: false },
  watch: { value: false, short: 'w' },
  image: { value: true },
  replicas: { value: true },
  port: { value: true },
  'target-port': { value: true },
  protocol: { value: true },
  name: { value: true },
  labels: { value: true },
  'label-columns': { value: true, short: 'L' },
  restart: { value: true },
  rm: { value: false },
  stdin: { value: false, short: 'i' },
  tty: { value: false, short: 't' },
  attach: { value: false },
  command: { value: false },
  container: { value: true, short: 'c' },
  overwrite: { value: false },
  all: { value: false },
  list: { value: false },
  'dry-run': { value: true, optionalValue: 'unchanged' },
  'ignore-not-found': { value: false },
  'grace-period': { value: true },
  force: { value: false },
  now: { value: false },
  wait: { value: false },
  timeout: { value: true },
  type: { value: true },
  env: { value: true },
  'image-pull-policy': { value: true },
  recursive: { value: false, short: 'R' },
  'save-config': { value: false },
  validate: { value: true, optionalValue: 'true' },
  current: { value: false },
  tcp: { value: true },
  quiet: { value: false, short: 'q' },
  'request-timeout': { value: true },
  'field-selector': { value: true },
  'sort-by': { value: true },
  context: { value: true },
  cascade: { value: true, optionalValue: 'background' },
  tail: { value: true },
  follow: { value: false },
  previous: { value: false, short: 'p' },
  minify: { value: false },
  help: { value: false, short: 'h' },
};

export interface ParsedFlags {
  positionals: string[];
  /** Arguments after --. null when there was no --. */
  rest: string[] | null;
  values: Map<string, string[]>;
  bools: Set<string>;
}

export class FlagError extends Error {
  override name = 'FlagError';
}

const byShort = new Map(Object.entries(FLAGS).flatMap(([n, d]) => (d.short ? [[d.short, n] as const] : [])));

/**
 * Shorthands that mean another flag in some subcommands: run and expose take -l for
 * --labels (get, label and delete take it for --selector).
 */
export const SUBCOMMAND_SHORTHANDS: Record<string, Record<string, string>> = {
  run: { l: 'labels' },
  expose: { l: 'labels' },
};

export function parseFlags(argv: string[], shorthands: Record<string, string> = {}): ParsedFlags {
  const out: ParsedFlags = { positionals: [], rest: null, values: new Map(), bools: new Set() };
  const setValue = (name: string, v: string) => {
    const list = out.values.get(name) ?? [];
    list.push(v);
    out.values.set(name, list);
  };
  const setBool = (name: string, v: string | undefined) => {
    if (v === undefined || v === 'true') out.bools.add(name);
    else if (v === 'false') out.bools.delete(name);
    else throw new FlagError(`invalid argument "${v}" for "--${name}" flag: strconv.ParseBool: parsing "${v}": invalid syntax`);
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      out.rest = argv.slice(i + 1);
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      const inline = eq >= 0 ? a.slice(eq + 1) : undefined;
      const def = FLAGS[name];
      if (!def) throw new FlagError(`unknown flag: --${name}`);
      if (!def.value) setBool(name, inline);
      else if (inline !== undefined) setValue(name, inline);
      else if (def.optionalValue !== undefined) setValue(name, def.optionalValue);
      else {
        if (i + 1 >= argv.length) throw new FlagError(`flag needs an argument: --${name}`);
        setValue(name, argv[++i]);
      }
      continue;
    }
    if (a.startsWith('-') && a.length > 1 && !/^-\d/.test(a)) {
      for (let j = 1; j < a.length; j++) {
        const ch = a[j];
        const name = shorthands[ch] ?? byShort.get(ch);
        if (!name) throw new FlagError(`unknown shorthand flag: '${ch}' in ${a}`);
        const def = FLAGS[name];
        if (!def.value) {
          if (a[j + 1] === '=') {
            setBool(name, a.slice(j + 2));
            break;
          }
          out.bools.add(name);
          continue;
        }
        let v = a.slice(j + 1);
        if (v.startsWith('=')) v = v.slice(1);
        if (v === '') {
          if (i + 1 >= argv.length) throw new FlagError(`flag needs an argument: '${ch}' in -${ch}`);
          v = argv[++i];
        }
        setValue(name, v);
        break;
      }
      continue;
    }
    out.positionals.push(a);
  }
  return out;
}

export function value(f: ParsedFlags, name: string): string | undefined {
  const v = f.values.get(name);
  return v ? v[v.length - 1] : undefined;
}

export function values(f: ParsedFlags, name: string): string[] {
  return f.values.get(name) ?? [];
}

export function bool(f: ParsedFlags, name: string): boolean {
  return f.bools.has(name);
}
