// `netpol-dojo why`: one connection's verdict, with the policies and rules behind it.
import type { Io } from '../io.js';
import { painter, useColor } from '../io.js';
import { INPUT_FLAGS, flagSet, flagValue, flagValues, outputFormat, outputSpec, parseArgs, UsageError, type FlagSpec } from '../args.js';
import { writeData } from '../output.js';
import { loadInputs } from '../load-inputs.js';
import { parseProbe } from '../probes.js';
import { Engine } from '../../core/engine/engine.js';
import { explainVerdict, verdictLines } from '../../core/engine/reasons.js';
import { ConnectionEvaluator, connectionSegments } from '../../core/reach/connections.js';
import { connectionText } from '../../core/reach/ports.js';
import type { Probe } from '../../core/engine/types.js';
import { backendPort, resolveEndpointName, servicePort } from '../../core/endpoint-names.js';
import type { Cluster, Pod, Service } from '../../core/model.js';
import type { Family } from '../../core/ip.js';
import { addressFamily, addressesOf, familyName, primaryDiffers, withConnectionFamily } from '../../core/reach/family.js';
import { podId } from '../../core/model.js';

const USAGE = `Usage: netpol-dojo why -f FILE|DIR... [-R] [-n NS] FROM TO [PORT[/PROTO]] [-o json|yaml] [--exit-code]

Whether FROM can reach TO on PORT/PROTO, and why: which policies isolate the destination
for ingress and the source for egress, and which rule (policy, direction, rule index,
peer index) admits the traffic, or that none does.
Without PORT: the exact set of connections FROM may open to TO over every port and
protocol, and for each stretch of ports the rules that decide it.
FROM and TO are pods as NAMESPACE/NAME (or NAME, or the start of a name, when unique),
workloads as deploy/NAME, sts/NAME, ds/NAME, rs/NAME or job/NAME (their pods), Services as
svc/NAME (NAMESPACE/svc/NAME when the name repeats), or IP addresses. A Service, by name or
by ClusterIP, means its backend pods with the Service port mapped to the targetPort: kube-proxy
DNATs the traffic before any policy sees it. Any other IP is a pod's (a hostNetwork pod's is
its node's) or a host outside the cluster.
  -f, --file FILE|DIR  manifests; "-" reads stdin; a directory gives its .yaml/.yml/.json files
  -R, --recursive      with -f DIR, also the folders below it
  -n, --namespace NS   look up bare pod names in NS first (as kubectl's -n)
  -o, --output FMT     json or yaml (default: text for people)
  --exit-code          exit 1 when denied (any of the pairs, for a Service or a workload; without
                       PORT: when nothing at all is allowed), 0 otherwise; for scripts
`;

export const FLAGS: Record<string, FlagSpec> = {
  ...INPUT_FLAGS,
  namespace: { value: true, short: 'n' },
  output: outputSpec(['json', 'yaml']),
  'exit-code': { value: false },
  help: { value: false, short: 'h' },
};

/** FROM or TO resolved: the endpoint ids it stands for, and what to say about it. */
export interface ResolvedEndpoint {
  ids: string[];
  /** Said before the verdicts when the argument was not one plain pod (a Service, a workload, a shared node IP). */
  note?: string;
  /** A Service: each backend is reached on the targetPort of the Service port asked for. */
  service?: Service;
  /** The IP the argument was (a pod's, a ClusterIP, an outside host's): the connection is of its family. */
  address?: string;
}

/** Resolves FROM/TO (core/endpoint-names.ts), adding an outside host for an unknown IP. */
export function resolveEndpoint(cluster: Cluster, text: string, namespace?: string): ResolvedEndpoint {
  // -n NS: names without a namespace (pods, prefixes, deploy/NAME, svc/NAME) are looked up in NS.
  const r = resolveEndpointName(cluster, text, namespace);
  if (r.kind === 'error') throw new UsageError(r.message);
  if (r.kind === 'external') {
    if (!cluster.externals.some((x) => x.name === r.ip)) cluster.externals.push({ name: r.ip, ip: r.ip, ports: [] });
    return { ids: [r.ip], address: r.ip };
  }
  const out: ResolvedEndpoint = { ids: r.ids };
  if (r.note) out.note = r.note;
  if (r.service) out.service = r.service.service;
  if (r.address) out.address = r.address;
  return out;
}

/**
 * The address family the arguments ask for (an IP given for FROM or TO), checked against the
 * pods on both ends; undefined when neither is an IP. A Service named by its IPv6 ClusterIP
 * keeps the backends that have an IPv6 address (kube-proxy's EndpointSlices are per family).
 */
function askedFamily(cluster: Cluster, fromText: string, from: ResolvedEndpoint, toText: string, to: ResolvedEndpoint): Family | undefined {
  const fromFamily = addressFamily(from.address);
  const toFamily = addressFamily(to.address);
  if (fromFamily && toFamily && fromFamily !== toFamily) {
    throw new UsageError(`${fromText} is an ${familyName(fromFamily)} address and ${toText} an ${familyName(toFamily)} one: a connection has one address family`);
  }
  const family = toFamily ?? fromFamily;
  if (!family) return undefined;
  const pod = (id: string) => cluster.pods.find((p) => podId(p) === id);
  if (to.service) {
    const kept = to.ids.filter((id) => { const p = pod(id); return !p || addressesOf(p, family).length > 0; });
    if (kept.length === 0) throw new UsageError(`no backend of ${toText} has an ${familyName(family)} address, so an ${familyName(family)} connection to it goes nowhere`);
    const dropped = to.ids.filter((id) => !kept.includes(id));
    if (dropped.length > 0) {
      const one = dropped.length === 1;
      to.note = `${to.note ?? toText}; ${dropped.join(', ')} ${one ? 'has' : 'have'} no ${familyName(family)} address, so ${one ? 'it is' : 'they are'} no endpoint of this ${familyName(family)} connection`;
    }
    to.ids = kept;
  }
  for (const id of [...from.ids, ...to.ids]) {
    const p = pod(id);
    if (p && addressesOf(p, family).length === 0) {
      throw new UsageError(`${id} has no ${familyName(family)} address (its IPs: ${p.ips.join(', ')}), so it takes no part in an ${familyName(family)} connection`);
    }
  }
  return family;
}

/** What a connection of the asked family means when it is not the destinations' primary one. */
function familyNote(cluster: Cluster, family: Family, given: string, fromIds: string[], toIds: string[]): string | undefined {
  const pods = new Map(cluster.pods.map((p) => [podId(p), p]));
  const other = toIds.map((id) => pods.get(id)).filter((p): p is Pod => p !== undefined && primaryDiffers(p, family));
  if (other.length === 0) return undefined;
  const name = familyName(family);
  const ends = [...new Set([...fromIds, ...toIds])].flatMap((id) => {
    const p = pods.get(id);
    return p ? [`${id} ${addressesOf(p, family)[0]}`] : [];
  });
  const shown = ends.length <= 4 ? ends.join(', ') : `${ends.slice(0, 4).join(', ')} and ${ends.length - 4} more`;
  const primaries = other.slice(0, 4).map((p) => `${podId(p)}: ${p.ips[0]}`).join(', ');
  return `the connection is ${name}, the family of ${given}, not that of the primary IP (${primaries}): ipBlocks match each end by its ${name} address (${shown})`;
}

/** The probe a backend pod sees for `probe` sent to a Service; undefined when the pod serves no such port. */
function probeAtBackend(cluster: Cluster, svc: Service, podIdText: string, probe: Probe): Probe | undefined {
  const sp = servicePort(svc, probe.port, probe.protocol);
  const pod = cluster.pods.find((p) => podId(p) === podIdText);
  if (!sp || !pod) return undefined;
  const port = backendPort(pod, sp);
  return port === undefined ? undefined : { port, protocol: sp.protocol };
}

export async function whyCommand(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv, FLAGS);
  if (flagSet(args, 'help')) {
    io.stdout.write(USAGE);
    return 0;
  }
  const output = outputFormat(args, ['json', 'yaml'] as const);
  const exitCode = flagSet(args, 'exit-code');
  if (args.positionals.length !== 3 && args.positionals.length !== 2) throw new UsageError('why needs FROM TO [PORT/PROTO] (see netpol-dojo why --help)');
  const [fromText, toText, probeText] = args.positionals;
  const probe = probeText === undefined ? undefined : parseProbe(probeText);
  const { cluster, policies } = await loadInputs(flagValues(args, 'file'), io, { recursive: flagSet(args, 'recursive') });
  const namespace = flagValue(args, 'namespace');
  const fromEnd = resolveEndpoint(cluster, fromText, namespace);
  const toEnd = resolveEndpoint(cluster, toText, namespace);
  const family = askedFamily(cluster, fromText, fromEnd, toText, toEnd);
  const asked = family === undefined ? undefined : familyNote(cluster, family, toEnd.address ?? fromEnd.address!, fromEnd.ids, toEnd.ids);
  const svc = toEnd.service;
  if (svc && probe && !servicePort(svc, probe.port, probe.protocol)) {
    const ports = svc.ports.map((p) => `${p.port}/${p.protocol}`).join(', ') || 'none';
    throw new UsageError(`Service ${svc.namespace}/${svc.name} has no port ${probe.port}/${probe.protocol} (its ports: ${ports})`);
  }
  // The engine judges a connection in the family of the destination's first IP: put the asked one first.
  const engine = new Engine(family === undefined ? cluster : withConnectionFamily(cluster, toEnd.ids, family), policies);
  // One pair per source and destination pod: a Service or a workload stands for several.
  const pairs: { from: string; to: string; probe?: Probe }[] = [];
  for (const from of fromEnd.ids) {
    for (const to of toEnd.ids) {
      if (!probe) pairs.push({ from, to });
      else {
        const at = svc ? probeAtBackend(cluster, svc, to, probe) : probe;
        if (at) pairs.push({ from, to, probe: at });
      }
    }
  }
  if (pairs.length === 0) throw new UsageError(`no backend of ${toText} serves port ${probe!.port}/${probe!.protocol} (its targetPort names no container port of theirs)`);
  const single = pairs.length === 1 && !fromEnd.note && !toEnd.note && !asked;
  const notes = [fromEnd.note, toEnd.note, asked].filter((n): n is string => n !== undefined);
  if (!probe) {
    if (output === 'default') for (const n of notes) io.stdout.write(`${n}\n`);
    let none = false;
    for (const pair of pairs) none = (await writeConnections(io, engine, pair.from, pair.to, output)) || none;
    return exitCode && none ? 1 : 0;
  }
  const verdicts = pairs.map((pair) => engine.verdict(pair.from, pair.to, pair.probe!));
  // Like `git diff --exit-code`: the answer in the status, for `if netpol-dojo why ...; then`.
  const status = exitCode && verdicts.some((v) => !v.allowed) ? 1 : 0;
  if (output !== 'default') {
    const body = single ? verdicts[0] : { from: fromText, to: toText, notes, verdicts };
    await writeData(io, output, body);
    return status;
  }
  const paint = painter(useColor(io));
  const out: string[] = [...notes];
  for (const verdict of verdicts) {
    const [head, ...rest] = verdictLines(engine, verdict);
    // The engine's own family note would call the reordered address primary: the note above says it.
    out.push(paint(verdict.allowed ? 'green' : 'red', head), ...(asked ? rest.filter((l) => !l.startsWith('  note: the connection is IPv')) : rest));
  }
  io.stdout.write(out.join('\n') + '\n');
  return status;
}

/** `why FROM TO` without a port: the connection set, then what decides each stretch of ports. */
/** Returns true when nothing at all is allowed (for --exit-code). */
async function writeConnections(io: Io, engine: Engine, from: string, to: string, output: 'default' | 'json' | 'yaml'): Promise<boolean> {
  const set = new ConnectionEvaluator(engine).connections(engine.indexOf(from), engine.indexOf(to));
  const segments = connectionSegments(engine, from, to);
  const text = connectionText(set);
  if (output !== 'default') {
    const data = { from, to, allowed: set, segments: segments.map((s) => ({ protocol: s.protocol, ports: [s.lo, s.hi], allowed: s.allowed, verdict: s.verdict })) };
    await writeData(io, output, data);
    return text === 'none';
  }
  const paint = painter(useColor(io));
  const lines = [paint(text === 'none' ? 'red' : 'green', `${from} -> ${to}: ${text === 'none' ? 'nothing is allowed' : text === 'all' ? 'every port and protocol is allowed' : `allowed ${text}`}`)];
  for (const s of segments) {
    const ports = s.lo === 1 && s.hi === 65535 ? 'every port' : s.lo === s.hi ? `port ${s.lo}` : `ports ${s.lo}-${s.hi}`;
    // The verdict is the stretch's first port; every port of the stretch gets the same one.
    const said = explainVerdict(engine, s.verdict);
    // Only the probe's own port becomes the stretch: "1/TCP" inside a rule's "50051/TCP" stays.
    const probe = new RegExp(`(?<![\\d-])${s.lo}/${s.protocol}`, 'g');
    const stretch = s.lo === s.hi ? said : said.replace(probe, `${s.lo}-${s.hi}/${s.protocol}`);
    lines.push(`  ${s.protocol} ${ports}: ${stretch}`);
  }
  io.stdout.write(lines.join('\n') + '\n');
  return text === 'none';
}
