// `netpol-dojo why`: one connection's verdict, with the policies and rules behind it.
import type { Io } from '../io.js';
import { painter, useColor } from '../io.js';
import { choice, flagSet, flagValues, parseArgs, UsageError } from '../args.js';
import { loadInputs } from '../load-inputs.js';
import { parseProbe } from '../probes.js';
import { Engine } from '../../core/engine/engine.js';
import { explainVerdict, verdictLines } from '../../core/engine/reasons.js';
import { ConnectionEvaluator, connectionSegments } from '../../core/reach/connections.js';
import { connectionText } from '../../core/reach/ports.js';
import { parseIp } from '../../core/ip.js';
import type { Cluster } from '../../core/model.js';
import { podId } from '../../core/model.js';

const USAGE = `Usage: netpol-dojo why -f FILE... FROM TO [PORT[/PROTO]] [--output text|json]

Whether FROM can reach TO on PORT/PROTO, and why: which policies isolate the destination
for ingress and the source for egress, and which rule (policy, direction, rule index,
peer index) admits the traffic, or that none does.
Without PORT: the exact set of connections FROM may open to TO over every port and
protocol, and for each stretch of ports the rules that decide it.
FROM and TO are pods as NAMESPACE/NAME (or NAME when unique), or IP addresses (a pod's IP,
or a host outside the cluster).
`;

const FLAGS = {
  file: { value: true, repeatable: true, short: 'f' },
  output: { value: true, short: 'o' },
  help: { value: false, short: 'h' },
};

/** Resolves FROM/TO to an endpoint id, adding an outside host for an unknown IP. */
export function resolveEndpoint(cluster: Cluster, text: string): string {
  if (text.includes('/')) {
    if (cluster.pods.some((p) => podId(p) === text)) return text;
    throw new UsageError(`no pod "${text}" in the manifests`);
  }
  if (parseIp(text)) {
    const pod = cluster.pods.find((p) => p.ips.includes(text));
    if (pod) return podId(pod);
    if (!cluster.externals.some((x) => x.name === text)) cluster.externals.push({ name: text, ip: text, ports: [] });
    return text;
  }
  const named = cluster.pods.filter((p) => p.name === text);
  if (named.length === 1) return podId(named[0]);
  if (named.length > 1) throw new UsageError(`"${text}" is ambiguous: ${named.map(podId).join(', ')}; use NAMESPACE/NAME`);
  const external = cluster.externals.find((x) => x.name === text);
  if (external) return external.name;
  throw new UsageError(`no pod named "${text}" in the manifests (use NAMESPACE/NAME or an IP)`);
}

export async function whyCommand(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv, FLAGS);
  if (flagSet(args, 'help')) {
    io.stdout.write(USAGE);
    return 0;
  }
  const output = choice(args, 'output', ['text', 'json'] as const, 'text');
  if (args.positionals.length !== 3 && args.positionals.length !== 2) throw new UsageError('why needs FROM TO [PORT/PROTO] (see netpol-dojo why --help)');
  const [fromText, toText, probeText] = args.positionals;
  const probe = probeText === undefined ? undefined : parseProbe(probeText);
  const { cluster, policies } = await loadInputs(flagValues(args, 'file'), io);
  const from = resolveEndpoint(cluster, fromText);
  const to = resolveEndpoint(cluster, toText);
  const engine = new Engine(cluster, policies);
  if (!probe) {
    writeConnections(io, engine, from, to, output);
    return 0;
  }
  const verdict = engine.verdict(from, to, probe);
  if (output === 'json') {
    io.stdout.write(JSON.stringify(verdict, null, 2) + '\n');
    return 0;
  }
  const paint = painter(useColor(io));
  const [head, ...rest] = verdictLines(engine, verdict);
  io.stdout.write(paint(verdict.allowed ? 'green' : 'red', head) + '\n' + rest.join('\n') + '\n');
  return 0;
}

/** `why FROM TO` without a port: the connection set, then what decides each stretch of ports. */
function writeConnections(io: Io, engine: Engine, from: string, to: string, output: 'text' | 'json'): void {
  const set = new ConnectionEvaluator(engine).connections(engine.indexOf(from), engine.indexOf(to));
  const segments = connectionSegments(engine, from, to);
  if (output === 'json') {
    const json = { from, to, allowed: set, segments: segments.map((s) => ({ protocol: s.protocol, ports: [s.lo, s.hi], allowed: s.allowed, verdict: s.verdict })) };
    io.stdout.write(JSON.stringify(json, null, 2) + '\n');
    return;
  }
  const paint = painter(useColor(io));
  const text = connectionText(set);
  const lines = [paint(text === 'none' ? 'red' : 'green', `${from} -> ${to}: ${text === 'none' ? 'nothing is allowed' : text === 'all' ? 'every port and protocol is allowed' : `allowed ${text}`}`)];
  for (const s of segments) {
    const ports = s.lo === 1 && s.hi === 65535 ? 'every port' : s.lo === s.hi ? `port ${s.lo}` : `ports ${s.lo}-${s.hi}`;
    lines.push(`  ${s.protocol} ${ports}: ${explainVerdict(engine, s.verdict)}`);
  }
  io.stdout.write(lines.join('\n') + '\n');
}
