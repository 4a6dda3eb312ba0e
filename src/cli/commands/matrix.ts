// `netpol-dojo matrix`: who can reach whom, per probe, as a grid or as JSON.
import type { Io } from '../io.js';
import { painter, useColor } from '../io.js';
import { BufferWriter, PIECE_BYTES } from '../buffer-writer.js';
import { BitSet } from '../../core/engine/bitset.js';
import { PROTOCOLS } from '../../core/model.js';
import { INPUT_FLAGS, SCOPE_FLAGS, flagSet, flagValue, flagValues, outputFormat, outputSpec, parseArgs, UsageError, type FlagSpec } from '../args.js';
import { writeData } from '../output.js';
import { readScope } from '../label-selector.js';
import { selectorMatches } from '../../core/labels.js';
import { matrixData } from '../../core/engine/matrix-data.js';
import { aggregateConnections, aggregateProbe, workloadsOf, type Workload } from '../../core/workload/workloads.js';
import { renderWorkloadConnections, renderWorkloadMatrix } from '../render-workloads.js';
import { loadInputs } from '../load-inputs.js';
import { parseExternalIp, parseProbe } from '../probes.js';
import { finishedPodsNotice, insideClusterIp } from '../../core/endpoint-names.js';
import { Engine, defaultProbes } from '../../core/engine/engine.js';
import { probeKey, type Probe } from '../../core/engine/types.js';
import { renderConnectionsTable, tableTooLarge, writeMatrixTable } from '../render-matrix.js';
import { ConnectionEvaluator } from '../../core/reach/connections.js';

const USAGE = `Usage: netpol-dojo matrix -f FILE|DIR... [-R] [-p PORT/PROTO ... | -c] [-n NS ... | -A] [-l SELECTOR] [-e IP ...] [-o json|yaml|wide]

The reachability matrix of the pods in the manifests (rows: from, columns: to).
  -f, --file FILE|DIR    manifests (multi-document YAML, kind: List or any *List, JSON); "-" reads
                         stdin; a directory gives its .yaml, .yml and .json files; repeatable
  -R, --recursive        with -f DIR, also the folders below it
  -p, --port P/PROTO     probe this port (80, 80/TCP, 53/UDP); repeatable; default: every declared port
  -c, --connections      per pair, the exact set of allowed connections over every port and
                         protocol (TCP 80,8000-9000; UDP 53 / all / none) instead of probes
  -n, --namespace NS     only pods of this namespace; repeatable
  -A, --all-namespaces   pods of every namespace (the default; wins over -n)
  -l, --selector SEL     only pods whose labels match (kubectl syntax: app=web,tier!=db,env in (a,b))
  -e, --external IP      add a host outside the cluster as a row and a column; repeatable
  --by pod|workload      rows and columns: pods (the default) or workloads (Deployment,
                         StatefulSet, DaemonSet, Job, bare pod) with their pod count; a cell
                         that differs between pods of one workload is marked mixed
  -o, --output FORMAT    json or yaml (the data), wide (the grid plus each pod's IP and labels);
                         default: the grid
`;

export const FLAGS: Record<string, FlagSpec> = {
  ...INPUT_FLAGS,
  port: { value: true, repeatable: true, short: 'p' },
  ...SCOPE_FLAGS,
  external: { value: true, repeatable: true, short: 'e' },
  by: { value: true, choices: ['pod', 'workload'] },
  output: outputSpec(['json', 'yaml', 'wide']),
  connections: { value: false, short: 'c' },
  help: { value: false, short: 'h' },
};

export async function matrixCommand(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv, FLAGS);
  if (flagSet(args, 'help')) {
    io.stdout.write(USAGE);
    return 0;
  }
  if (args.positionals.length) throw new UsageError(`matrix takes no positional arguments (got "${args.positionals[0]}"); use -f FILE`);
  const output = outputFormat(args, ['json', 'yaml', 'wide'] as const);
  const probesAsked = flagValues(args, 'port').map(parseProbe);
  const externals = flagValues(args, 'external').map(parseExternalIp);
  const scope = readScope(flagValues(args, 'namespace'), flagSet(args, 'all-namespaces'), flagValues(args, 'selector'));

  const { cluster, policies } = await loadInputs(flagValues(args, 'file'), io, { recursive: flagSet(args, 'recursive') });
  for (const ip of externals) {
    // A ClusterIP or a pod's IP is no outside host: say what it is instead of inventing one.
    const known = insideClusterIp(cluster, ip);
    if (known) io.stderr.write(`netpol-dojo: --external ${ip}: ${known}; not added as an outside host\n`);
    else if (!cluster.externals.some((x) => x.ip === ip)) cluster.externals.push({ name: ip, ip, ports: [] });
  }
  const finished = finishedPodsNotice(cluster);
  if (finished) io.stderr.write(`netpol-dojo: ${finished}\n`);
  const engine = new Engine(cluster, policies);
  for (const ns of scope.namespaces ?? []) {
    if (!cluster.pods.some((p) => p.namespace === ns)) io.stderr.write(`netpol-dojo: warning: no pods in namespace "${ns}"\n`);
  }
  // Endpoints are the pods (in order), then the external hosts.
  const inScope = (i: number): boolean => {
    const pod = cluster.pods[i];
    if (!pod) return true;
    if (scope.namespaces && !scope.namespaces.has(pod.namespace)) return false;
    return !scope.selector || selectorMatches(scope.selector, pod.labels);
  };
  const rows = engine.endpoints.map((_, i) => i).filter(inScope);
  if (scope.selector && !rows.some((i) => i < cluster.pods.length)) io.stderr.write('netpol-dojo: warning: no pods match the selector\n');

  const by = flagValue(args, 'by') ?? 'pod';
  if (by !== 'pod' && by !== 'workload') throw new UsageError(`--by must be pod or workload, not "${by}"`);
  if (by === 'workload') {
    if (flagSet(args, 'connections') && probesAsked.length) throw new UsageError('--connections covers every port and protocol: leave out --port');
    const workloads = workloadsOf(engine, rows);
    const paint = painter(useColor(io));
    if (flagSet(args, 'connections')) {
      if (output === 'json' || output === 'yaml') await writeData(io, output, workloadConnectionsData(engine, workloads));
      else io.stdout.write(renderWorkloadConnections(engine, workloads, paint));
      return 0;
    }
    const probes = uniqueProbes(probesAsked.length ? probesAsked : defaultProbes(cluster));
    if (output === 'json' || output === 'yaml') await writeData(io, output, workloadMatrixData(engine, workloads, probes));
    else io.stdout.write(renderWorkloadMatrix(engine, workloads, probes, paint));
    return 0;
  }
  if (flagSet(args, 'connections')) {
    if (probesAsked.length) throw new UsageError('--connections covers every port and protocol: leave out --port');
    if (output === 'json') await writeConnectionsJson(io, engine, rows);
    else if (output === 'yaml') await writeData(io, 'yaml', connectionsData(engine, rows));
    else {
      const tooLarge = tableTooLarge(rows.length, 1);
      if (tooLarge) throw new UsageError(tooLarge);
      io.stdout.write(renderConnectionsTable(engine, rows, painter(useColor(io))) + (output === 'wide' ? endpointTable(engine, rows) : ''));
    }
    return 0;
  }

  const uniq = new Map<string, Probe>();
  for (const p of probesAsked.length ? probesAsked : defaultProbes(cluster)) uniq.set(probeKey(p), p);
  const probes = [...uniq.values()];
  if (probes.length === 0) io.stderr.write('netpol-dojo: no pod declares a container port; pass --port PORT/PROTO to probe one\n');
  if (output === 'json') {
    await writeJson(io, engine, rows, probes);
    return 0;
  }
  if (output === 'yaml') {
    await writeData(io, 'yaml', matrixData(engine, rows, probes));
    return 0;
  }
  const tooLarge = tableTooLarge(rows.length, probes.length);
  if (tooLarge) throw new UsageError(tooLarge);
  await writeMatrixTable(io.stdout, engine, rows, probes, painter(useColor(io)));
  if (output === 'wide') io.stdout.write(endpointTable(engine, rows));
  return 0;
}

function uniqueProbes(list: Probe[]): Probe[] {
  const uniq = new Map<string, Probe>();
  for (const p of list) uniq.set(probeKey(p), p);
  return [...uniq.values()];
}

function workloadInfo(w: Workload) {
  return { id: w.id, kind: w.kind, ...(w.namespace ? { namespace: w.namespace } : {}), name: w.name, pods: w.members.length };
}

/** --by workload -o json: {workloads, probes, results: [{from, to, port, protocol, allowed: true|false|"mixed"}]}. */
function workloadMatrixData(engine: Engine, workloads: Workload[], probes: Probe[]) {
  const results = [];
  for (const probe of probes) {
    for (const from of workloads) {
      for (const to of workloads) {
        const v = aggregateProbe(engine, from, to, probe);
        if (v !== undefined) results.push({ from: from.id, to: to.id, port: probe.port, protocol: probe.protocol, allowed: v === 'mixed' ? 'mixed' : v === 'allowed' });
      }
    }
  }
  return { workloads: workloads.map(workloadInfo), probes: probes.map(probeKey), results };
}

/** --by workload --connections -o json: per pair, what every pod pair gets and what some get. */
function workloadConnectionsData(engine: Engine, workloads: Workload[]) {
  const ev = new ConnectionEvaluator(engine);
  const connections = [];
  for (const from of workloads) {
    for (const to of workloads) {
      const agg = aggregateConnections(ev, from, to);
      if (agg) connections.push({ from: from.id, to: to.id, mixed: agg.mixed, allowed: agg.all, allowedForSome: agg.some });
    }
  }
  return { workloads: workloads.map(workloadInfo), connections };
}

/** The connections contract as one value (for -o yaml). */
function connectionsData(engine: Engine, rows: number[]) {
  const ev = new ConnectionEvaluator(engine);
  const connections = rows.flatMap((a) => rows.filter((b) => b !== a).map((b) => ({ from: engine.endpoints[a].id, to: engine.endpoints[b].id, allowed: ev.connections(a, b) })));
  return { endpoints: rows.map((i) => engine.endpoints[i].id), connections };
}

/**
 * The connections contract: {"endpoints": [...], "connections": [{"from", "to", "allowed":
 * {"TCP": [[lo, hi], ...], "UDP": [...], "SCTP": [...]}}]}, one entry per ordered pair of
 * distinct endpoints; ranges inclusive, sorted and merged.
 */
async function writeConnectionsJson(io: Io, engine: Engine, rows: number[]): Promise<void> {
  const out = new BufferWriter(io.stdout);
  const ev = new ConnectionEvaluator(engine);
  const ids = rows.map((i) => JSON.stringify(engine.endpoints[i].id));
  await out.text(`{"endpoints":[${ids.join(',')}],"connections":[`);
  const heads = ids.map((id) => Buffer.from(`,{"from":${id},"to":`));
  const tos = ids.map((id) => Buffer.from(`${id},"allowed":`));
  // One probe per atom decides the atom: a pair's set is its atoms' verdicts, so pairs with
  // the same verdicts share one encoded set. Rows per atom, unless they would take too much memory.
  const probes = PROTOCOLS.flatMap((protocol) => ev.atoms[protocol].map((port) => ({ port, protocol })));
  const n = engine.endpoints.length;
  const rowFns = probes.length * n * n <= 2 ** 31 ? probes.map((p) => engine.rowsForProbe(p)) : undefined;
  const encoded = new Map<string, Buffer>();
  let first = true;
  for (let a = 0; a < rows.length; a++) {
    const from = rows[a];
    const reach = rowFns?.map((rowOf) => rowOf(from));
    const head = heads[a];
    for (let b = 0; b < rows.length; b++) {
      if (a === b) continue;
      const to = rows[b];
      let key = '';
      if (reach) for (let k = 0; k < reach.length; k++) key += reach[k].has(to) ? '1' : '0';
      let piece = reach ? encoded.get(key) : undefined;
      if (!piece) {
        const set = ev.connections(from, to);
        piece = Buffer.from(`{"TCP":${JSON.stringify(set.TCP)},"UDP":${JSON.stringify(set.UDP)},"SCTP":${JSON.stringify(set.SCTP)}}}`);
        if (reach && encoded.size < 4096) encoded.set(key, piece);
      }
      const col = tos[b];
      if (!out.fits(head.length + col.length + piece.length)) await out.flush();
      if (piece.length + head.length + col.length > PIECE_BYTES) {
        await out.bytes(first ? head.subarray(1) : head);
        await out.bytes(col);
        await out.bytes(piece);
      } else {
        out.put(first ? head.subarray(1) : head);
        out.put(col);
        out.put(piece);
      }
      first = false;
    }
  }
  await out.text(']}\n');
  await out.flush();
}

/** -o wide: each row's number, id, IPs and labels, as `kubectl get pods -o wide --show-labels`. */
function endpointTable(engine: Engine, rows: number[]): string {
  const lines = rows.map((i, k) => {
    const pod = engine.cluster.pods[i];
    const e = engine.endpoints[i];
    const labels = pod ? Object.keys(pod.labels).sort().map((key) => `${key}=${pod.labels[key]}`).join(',') || '<none>' : '<outside the cluster>';
    return [String(k + 1), e.id, pod ? pod.ips.join(',') : e.ip, labels];
  });
  const head = ['#', 'NAME', 'IP', 'LABELS'];
  const widths = head.map((h, c) => Math.max(h.length, ...lines.map((l) => l[c].length)));
  const fmt = (cells: string[]) => cells.map((x, c) => (c === cells.length - 1 ? x : x.padEnd(widths[c]))).join('   ');
  return '\n' + [fmt(head), ...lines.map(fmt)].join('\n') + '\n';
}

/** The JSON contract: {"pods": [...], "probes": [...], "results": [{from,to,port,protocol,allowed}]}, streamed. */
async function writeJson(io: Io, engine: Engine, rows: number[], probes: Probe[]): Promise<void> {
  const out = new BufferWriter(io.stdout);
  const ids = rows.map((i) => JSON.stringify(engine.endpoints[i].id));
  await out.text(`{"pods":[${ids.join(',')}],"probes":[${probes.map((p) => JSON.stringify(probeKey(p))).join(',')}],"results":[`);
  // Each cell is two pre-encoded pieces: the row's `,{"from":A,"to":` and the column's
  // `B,"port":P,"protocol":"X","allowed":V}` for V true or false.
  const heads = ids.map((id) => Buffer.from(`,{"from":${id},"to":`));
  let first = true;
  for (const probe of probes) {
    const tail = `,"port":${probe.port},"protocol":"${probe.protocol}","allowed":`;
    const yes = ids.map((id) => Buffer.from(`${id}${tail}true}`));
    const no = ids.map((id) => Buffer.from(`${id}${tail}false}`));
    const rowOf = engine.rowsForProbe(probe);
    const reach = new BitSet(engine.endpoints.length);
    for (let a = 0; a < rows.length; a++) {
      const words = rowOf(rows[a], reach).words;
      const head = first ? heads[a].subarray(1) : heads[a];
      const rest = heads[a];
      // The hot loop copies straight into the writer's piece (two copies and a bit test per cell).
      let buf = out.buf;
      let pos = out.pos;
      let h = head;
      for (let b = 0; b < rows.length; b++) {
        if (a === b) continue;
        const to = rows[b];
        const col = (words[to >>> 5] & (1 << (to & 31))) !== 0 ? yes[b] : no[b];
        if (pos + h.length + col.length > out.size) {
          out.pos = pos;
          await out.flush();
          buf = out.buf;
          pos = 0;
        }
        buf.set(h, pos);
        pos += h.length;
        buf.set(col, pos);
        pos += col.length;
        h = rest;
        first = false;
      }
      out.pos = pos;
    }
  }
  await out.text(']}\n');
  await out.flush();
}
