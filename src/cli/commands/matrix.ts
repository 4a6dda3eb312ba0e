// `netpol-dojo matrix`: who can reach whom, per probe, as a grid or as JSON.
import type { Io } from '../io.js';
import { ChunkedWriter, painter, useColor } from '../io.js';
import { BufferWriter } from '../buffer-writer.js';
import { choice, flagSet, flagValues, parseArgs, UsageError } from '../args.js';
import { loadInputs } from '../load-inputs.js';
import { parseExternalIp, parseProbe } from '../probes.js';
import { insideClusterIp } from '../../core/endpoint-names.js';
import { Engine, defaultProbes } from '../../core/engine/engine.js';
import { probeKey, type Probe } from '../../core/engine/types.js';
import { renderConnectionsTable, tableTooLarge, writeMatrixTable } from '../render-matrix.js';
import { ConnectionEvaluator } from '../../core/reach/connections.js';

const USAGE = `Usage: netpol-dojo matrix -f FILE... [--port PORT/PROTO ... | --connections] [--namespace NS ...] [--external IP ...] [--output table|json]

The reachability matrix of the pods in the manifests (rows: from, columns: to).
  -c, --connections    per pair, the exact set of allowed connections over every port and
                       protocol (TCP 80,8000-9000; UDP 53 / all / none) instead of probes
  -f, --file FILE      manifests (multi-document YAML, kind: List, JSON); "-" reads stdin; repeatable
  -p, --port P/PROTO   probe this port (80, 80/TCP, 53/UDP); repeatable; default: every declared port
  -n, --namespace NS   only pods of this namespace; repeatable
  -e, --external IP    add a host outside the cluster as a row and a column; repeatable
  -o, --output FORMAT  table (default) or json
`;

const FLAGS = {
  file: { value: true, repeatable: true, short: 'f' },
  port: { value: true, repeatable: true, short: 'p' },
  namespace: { value: true, repeatable: true, short: 'n' },
  external: { value: true, repeatable: true, short: 'e' },
  output: { value: true, short: 'o' },
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
  const output = choice(args, 'output', ['table', 'json'] as const, 'table');
  const probesAsked = flagValues(args, 'port').map(parseProbe);
  const externals = flagValues(args, 'external').map(parseExternalIp);
  const namespaces = new Set(flagValues(args, 'namespace'));

  const { cluster, policies } = await loadInputs(flagValues(args, 'file'), io);
  for (const ip of externals) {
    // A ClusterIP or a pod's IP is no outside host: say what it is instead of inventing one.
    const known = insideClusterIp(cluster, ip);
    if (known) io.stderr.write(`netpol-dojo: --external ${ip}: ${known}; not added as an outside host\n`);
    else if (!cluster.externals.some((x) => x.ip === ip)) cluster.externals.push({ name: ip, ip, ports: [] });
  }
  const engine = new Engine(cluster, policies);
  if (flagSet(args, 'connections')) {
    if (probesAsked.length) throw new UsageError('--connections covers every port and protocol: leave out --port');
    const rows = endpointRows(engine, namespaces);
    if (output === 'json') await writeConnectionsJson(io, engine, rows);
    else {
      const tooLarge = tableTooLarge(rows.length, 1);
      if (tooLarge) throw new UsageError(tooLarge);
      io.stdout.write(renderConnectionsTable(engine, rows, painter(useColor(io))));
    }
    return 0;
  }

  const uniq = new Map<string, Probe>();
  for (const p of probesAsked.length ? probesAsked : defaultProbes(cluster)) uniq.set(probeKey(p), p);
  const probes = [...uniq.values()];
  if (probes.length === 0) io.stderr.write('netpol-dojo: no pod declares a container port; pass --port PORT/PROTO to probe one\n');
  for (const ns of namespaces) {
    if (!cluster.pods.some((p) => p.namespace === ns)) io.stderr.write(`netpol-dojo: warning: no pods in namespace "${ns}"\n`);
  }
  const rows = endpointRows(engine, namespaces);

  if (output === 'json') {
    await writeJson(io, engine, rows, probes);
    return 0;
  }
  const tooLarge = tableTooLarge(rows.length, probes.length);
  if (tooLarge) throw new UsageError(tooLarge);
  await writeMatrixTable(io.stdout, engine, rows, probes, painter(useColor(io)));
  return 0;
}

/** Endpoint indices to show: pods of the asked namespaces (all when none), and every outside host. */
function endpointRows(engine: Engine, namespaces: Set<string>): number[] {
  return engine.endpoints
    .map((e, i) => ({ e, i }))
    .filter(({ e }) => e.kind === 'external' || namespaces.size === 0 || namespaces.has(e.namespace!))
    .map(({ i }) => i);
}

/**
 * The connections contract: {"endpoints": [...], "connections": [{"from", "to", "allowed":
 * {"TCP": [[lo, hi], ...], "UDP": [...], "SCTP": [...]}}]}, one entry per ordered pair of
 * distinct endpoints; ranges inclusive, sorted and merged.
 */
async function writeConnectionsJson(io: Io, engine: Engine, rows: number[]): Promise<void> {
  const out = new ChunkedWriter(io.stdout);
  const ev = new ConnectionEvaluator(engine);
  const ids = rows.map((i) => JSON.stringify(engine.endpoints[i].id));
  await out.write(`{"endpoints":[${ids.join(',')}],"connections":[`);
  let first = true;
  for (let a = 0; a < rows.length; a++) {
    const parts: string[] = [];
    for (let b = 0; b < rows.length; b++) {
      if (a === b) continue;
      const set = ev.connections(rows[a], rows[b]);
      parts.push(`{"from":${ids[a]},"to":${ids[b]},"allowed":{"TCP":${JSON.stringify(set.TCP)},"UDP":${JSON.stringify(set.UDP)},"SCTP":${JSON.stringify(set.SCTP)}}}`);
    }
    if (parts.length === 0) continue;
    await out.write((first ? '' : ',') + parts.join(','));
    first = false;
  }
  await out.write(']}\n');
  await out.flush();
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
    for (let a = 0; a < rows.length; a++) {
      const reach = rowOf(rows[a]);
      const head = heads[a];
      for (let b = 0; b < rows.length; b++) {
        if (a === b) continue;
        const col = reach.has(rows[b]) ? yes[b] : no[b];
        if (!out.fits(head.length + col.length)) await out.flush();
        out.put(first ? head.subarray(1) : head);
        out.put(col);
        first = false;
      }
    }
  }
  await out.text(']}\n');
  await out.flush();
}
