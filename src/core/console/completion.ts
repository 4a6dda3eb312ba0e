// Tab completion at the console's prompt: commands, kubectl subcommands, resource types,
// the names of objects of that type in the namespace the line names, namespaces after -n,
// flags, and -o formats.
import type { Kind } from './objects.js';
import { RESOURCES, findResource } from './objects.js';
import { FLAGS } from './kubectl/flags.js';
import { DERIVED } from './kubectl/derived-kinds.js';

export interface CompletionSource {
  inPod: boolean;
  commands: readonly string[];
  subcommands: readonly string[];
  namespaces(): string[];
  currentNamespace(): string;
  names(kind: Kind, namespace: string | null): string[];
  files(): string[];
  aliases: Map<string, string>;
}

const OUTPUTS = ['wide', 'yaml', 'json', 'name', 'jsonpath=', 'custom-columns='];
const TYPE_WORDS = [...new Set(RESOURCES.flatMap((r) => [r.plural, r.singular, ...r.shortNames]))].sort();
/** Kinds `get` lists without storing them (daemonsets, configmaps, endpointslices ...). */
const DERIVED_WORDS = DERIVED.flatMap((d) => [d.plural, ...d.shortNames]);

function words(line: string): string[] {
  const out = line.split(/\s+/);
  return out;
}

export function completeLine(line: string, src: CompletionSource): { candidates: string[]; word: string } {
  // Only the last command of a pipeline or list matters.
  const segment = line.split(/\|\||&&|[|;]/).pop() ?? '';
  const ws = words(segment.replace(/^\s+/, ''));
  const word = ws[ws.length - 1] ?? '';
  const before = ws.slice(0, -1);
  const pick = (all: readonly string[]) => ({ candidates: [...new Set(all)].filter((c) => c.startsWith(word)).sort(), word });
  if (before.length === 0) return pick([...src.commands, ...src.aliases.keys()]);
  let cmd = before[0];
  const alias = src.aliases.get(cmd);
  if (alias) cmd = alias.split(/\s+/)[0];
  if (src.inPod || (cmd !== 'kubectl' && cmd !== 'k')) return pick(src.files().map((f) => f.replace(/^\/root\//, '')));

  const args = before.slice(1);
  const prev = args[args.length - 1];
  if (prev === '-n' || prev === '--namespace') return pick(src.namespaces());
  if (word.startsWith('--namespace=')) return { candidates: src.namespaces().map((n) => `--namespace=${n}`).filter((c) => c.startsWith(word)), word };
  if (prev === '-o' || prev === '--output') return pick(OUTPUTS);
  if (prev === '-f' || prev === '--filename') return pick(['-', ...src.files().map((f) => f.replace(/^\/root\//, ''))]);
  if (word.startsWith('-')) return pick(Object.entries(FLAGS).flatMap(([n, d]) => [`--${n}`, ...(d.short ? [`-${d.short}`] : [])]));

  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') break;
    if (a.startsWith('-')) {
      const name = a.replace(/^-+/, '').split('=')[0];
      const def = FLAGS[name] ?? Object.values(FLAGS).find((d) => d.short === name);
      if (def?.value && !a.includes('=') && a.length > 1 && !(a.startsWith('-') && !a.startsWith('--') && a.length > 2)) i++;
      continue;
    }
    positionals.push(a);
  }
  const nsIdx = args.findIndex((a) => a === '-n' || a === '--namespace');
  const ns = nsIdx >= 0 && args[nsIdx + 1] ? args[nsIdx + 1] : src.currentNamespace();
  if (positionals.length === 0) return pick(src.subcommands);
  const sub = positionals[0];
  if (['get', 'describe', 'delete', 'edit', 'label', 'expose'].includes(sub)) {
    if (positionals.length === 1) {
      if (word.includes('/')) {
        const r = findResource(word.split('/')[0]);
        if (r) return { candidates: src.names(r.kind, r.namespaced ? ns : null).map((n) => `${word.split('/')[0]}/${n}`).filter((c) => c.startsWith(word)), word };
      }
      return pick([...TYPE_WORDS, ...(sub === 'get' ? ['all', 'nodes', ...DERIVED_WORDS] : [])]);
    }
    const r = findResource(positionals[1]);
    if (!r) return { candidates: [], word };
    return pick(src.names(r.kind, r.namespaced ? ns : null));
  }
  if (sub === 'exec' || sub === 'logs') {
    if (word.includes('/')) {
      const r = findResource(word.split('/')[0]);
      if (r) return { candidates: src.names(r.kind, ns).map((n) => `${word.split('/')[0]}/${n}`).filter((c) => c.startsWith(word)), word };
    }
    return pick([...src.names('Pod', ns), 'deploy/', 'pod/']);
  }
  if (sub === 'create' && positionals.length === 1) return pick(['namespace', 'deployment', 'service', '-f']);
  if (sub === 'explain') return pick(['networkpolicy', 'networkpolicy.spec', 'networkpolicy.spec.ingress', 'networkpolicy.spec.egress', 'networkpolicy.spec.podSelector', 'networkpolicy.spec.policyTypes']);
  return { candidates: [], word };
}
