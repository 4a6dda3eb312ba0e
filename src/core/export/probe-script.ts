// The probe script: `kubectl exec` into each source pod and `agnhost connect` to each
// destination pod's IP, for every graded connection, printing what it observed in the
// `matrix -o json` contract ({"pods", "probes", "results"}). Pod ids are those netpol-dojo
// gives the exported manifests, so `compare OBSERVED.json -f DIR` lines them up one to one.
import type { Probe } from '../engine/types.js';
import { probeKey } from '../engine/types.js';
import type { ExportedWorkload } from './manifests.js';

export interface ProbeEndpoint {
  /** The id in the exported manifests as netpol-dojo loads them ("ns/web-<hash>-<suffix>"). */
  id: string;
  workload: ExportedWorkload;
  /** 1-based: the k-th pod of the workload, by name. */
  ordinal: number;
  /** The container to exec in (every container is agnhost). */
  container: string;
}

export interface ProbeConnection {
  from: ProbeEndpoint;
  to: ProbeEndpoint;
  probe: Probe;
}

const sq = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

function selectorOf(w: ExportedWorkload): string {
  return Object.keys(w.labels)
    .sort()
    .map((k) => `${k}=${w.labels[k]}`)
    .join(',');
}

export function probeScript(title: string, connections: readonly ProbeConnection[]): string {
  const endpoints = new Map<string, ProbeEndpoint>();
  for (const c of connections) for (const e of [c.from, c.to]) endpoints.set(e.id, e);
  const vars = new Map([...endpoints.keys()].map((id, i) => [id, `P${i + 1}`]));
  const probes = [...new Map(connections.map((c) => [probeKey(c.probe), c.probe])).keys()];
  const lines = [
    '#!/usr/bin/env bash',
    `# ${title}`,
    '# Probes every graded connection on a real cluster and prints the observed results in the',
    '# `netpol-dojo matrix -o json` contract. Compare with: netpol-dojo compare observed.json -f .',
    '# Needs: kubectl on PATH (or $KUBECTL), the manifests of this folder applied and running.',
    'set -u',
    'KUBECTL="${KUBECTL:-kubectl}"',
    'TIMEOUT="${PROBE_TIMEOUT:-3s}"',
    '',
    '# The k-th pod (by name) of those matching a selector; a bare pod by its name.',
    'pod_of() {',
    '  "$KUBECTL" get pods -n "$1" -l "$2" -o \'jsonpath={range .items[*]}{.metadata.name}{"\\n"}{end}\' | LC_ALL=C sort | sed -n "$3p"',
    '}',
    'ip_of() {',
    '  local ip',
    '  ip="$("$KUBECTL" get pod -n "$1" "$2" -o \'jsonpath={.status.podIP}\')"',
    '  case "$ip" in *:*) printf \'[%s]\' "$ip" ;; *) printf \'%s\' "$ip" ;; esac',
    '}',
    'fail() { echo "probe.sh: $*" >&2; exit 2; }',
    '',
  ];
  for (const [id, e] of endpoints) {
    const v = vars.get(id)!;
    const w = e.workload;
    const name = w.kind === 'Pod' ? sq(w.name) : `"$(pod_of ${sq(w.namespace)} ${sq(selectorOf(w))} ${e.ordinal})"`;
    lines.push(`${v}=${name}; [ -n "$${v}" ] || fail ${sq(`no pod for ${id}`)}`);
    lines.push(`${v}_IP="$(ip_of ${sq(w.namespace)} "$${v}")"; [ -n "$${v}_IP" ] || fail ${sq(`no IP for ${id}`)}`);
  }
  lines.push(
    '',
    'first=1',
    '# probe FROM_NS FROM_POD CONTAINER TO_IP PORT PROTOCOL FROM_ID TO_ID',
    'probe() {',
    '  local allowed=false proto',
    '  proto="$(printf %s "$6" | tr A-Z a-z)"',
    '  if "$KUBECTL" exec -n "$1" "$2" -c "$3" -- /agnhost connect "$4:$5" --timeout="$TIMEOUT" --protocol="$proto" >/dev/null 2>&1; then allowed=true; fi',
    '  [ "$first" = 1 ] || printf \',\'',
    '  first=0',
    '  printf \'{"from":"%s","to":"%s","port":%s,"protocol":"%s","allowed":%s}\' "$7" "$8" "$5" "$6" "$allowed"',
    '}',
    '',
    `printf '{"pods":[%s],"probes":[%s],"results":[' ${sq([...endpoints.keys()].map((id) => JSON.stringify(id)).join(','))} ${sq(probes.map((p) => JSON.stringify(p)).join(','))}`,
  );
  for (const c of connections) {
    const f = vars.get(c.from.id)!;
    const t = vars.get(c.to.id)!;
    lines.push(`probe ${sq(c.from.workload.namespace)} "$${f}" ${sq(c.from.container)} "$${t}_IP" ${c.probe.port} ${c.probe.protocol} ${sq(c.from.id)} ${sq(c.to.id)}`);
  }
  lines.push("printf ']}\\n'", '');
  return lines.join('\n');
}
