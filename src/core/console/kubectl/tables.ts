// kubectl get's tables: the server-side columns of each kind (NAME READY STATUS ...),
// -o wide's extra columns, --show-labels, -A's NAMESPACE column, and ages as
// k8s.io/apimachinery's duration.HumanDuration writes them.
import type { ApiObject, DeploymentObject, PodObject, ReplicaSetObject } from '../objects.js';
import { formatLabelSelector, formatLabels } from '../selectors.js';
import { GET_TABLE, tabwrite } from '../tabwriter.js';
import { podRunsForever } from '../images.js';

export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.floor(hours / 24) % 365;
    const y = Math.floor(hours / 24 / 365);
    return dy === 0 ? `${y}y` : `${y}y${dy}d`;
  }
  return `${Math.floor(hours / 24 / 365)}y`;
}

export interface TableOptions {
  wide: boolean;
  showLabels: boolean;
  allNamespaces: boolean;
  /** Prefix names with kind/ (several kinds in one get). */
  withKind: string | null;
  noHeaders: boolean;
  now: number;
  /** -L KEY: a column per label key, headed by the key's last path segment, upper-cased (cli-runtime's formatLabelHeaders). */
  labelColumns?: string[];
}

function podStatus(p: PodObject): { ready: string; status: string } {
  const n = p.containers.length;
  if (p.waitingReason) return { ready: `0/${n}`, status: p.waitingReason };
  if (p.phase === 'Succeeded') return { ready: `0/${n}`, status: 'Completed' };
  if (p.phase === 'Failed') return { ready: `0/${n}`, status: 'Error' };
  return { ready: `${n}/${n}`, status: p.phase };
}

function readyCount(o: DeploymentObject | ReplicaSetObject): number {
  return podRunsForever(o.template.containers) ? o.replicas : 0;
}

function columns(o: ApiObject, opts: TableOptions): { head: string[]; row: string[]; wideHead: string[]; wideRow: string[] } {
  const age = humanDuration(opts.now - o.meta.created);
  switch (o.kind) {
    case 'Pod': {
      const s = podStatus(o);
      const restarts = o.restarts ? `${o.restarts} (${humanDuration(Math.min(opts.now - o.meta.created, 40000))} ago)` : '0';
      return {
        head: ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'],
        row: [o.meta.name, s.ready, s.status, restarts, age],
        wideHead: ['IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'],
        wideRow: [o.ip || '<none>', o.nodeName, '<none>', '<none>'],
      };
    }
    case 'Namespace':
      return { head: ['NAME', 'STATUS', 'AGE'], row: [o.meta.name, 'Active', age], wideHead: [], wideRow: [] };
    case 'Service': {
      const ports = o.ports.map((p) => `${p.port}/${p.protocol}`).join(',') || '<none>';
      return {
        head: ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'],
        row: [o.meta.name, 'ClusterIP', o.clusterIP, '<none>', ports, age],
        wideHead: ['SELECTOR'],
        wideRow: [Object.keys(o.selector).length ? formatLabels(o.selector) : '<none>'],
      };
    }
    case 'Deployment': {
      const ready = readyCount(o);
      return {
        head: ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'],
        row: [o.meta.name, `${ready}/${o.replicas}`, String(o.replicas), String(ready), age],
        wideHead: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
        wideRow: [o.template.containers.map((c) => c.name).join(','), o.template.containers.map((c) => c.image).join(','), formatLabels(o.selector)],
      };
    }
    case 'ReplicaSet': {
      const ready = readyCount(o);
      return {
        head: ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE'],
        row: [o.meta.name, String(o.replicas), String(o.replicas), String(ready), age],
        wideHead: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
        wideRow: [o.template.containers.map((c) => c.name).join(','), o.template.containers.map((c) => c.image).join(','), formatLabels(o.selector)],
      };
    }
    case 'NetworkPolicy':
      return { head: ['NAME', 'POD-SELECTOR', 'AGE'], row: [o.meta.name, formatLabelSelector(o.policy.podSelector), age], wideHead: [], wideRow: [] };
  }
}

/** The table lines for objects of one kind. */
export function table(objects: ApiObject[], opts: TableOptions): string[] {
  if (objects.length === 0) return [];
  const rows: string[][] = [];
  let head: string[] = [];
  for (const o of objects) {
    const c = columns(o, opts);
    head = [...c.head, ...(opts.wide ? c.wideHead : [])];
    const row = [...c.row, ...(opts.wide ? c.wideRow : [])];
    if (opts.withKind) row[0] = `${opts.withKind}/${row[0]}`;
    for (const key of opts.labelColumns ?? []) row.push(o.meta.labels[key] ?? '');
    if (opts.showLabels) row.push(formatLabels(o.meta.labels) === '<none>' ? '<none>' : formatLabels(o.meta.labels));
    if (opts.allNamespaces) row.unshift(o.meta.namespace);
    rows.push(row);
  }
  for (const key of opts.labelColumns ?? []) head.push(key.split('/').pop()!.toUpperCase());
  if (opts.showLabels) head.push('LABELS');
  if (opts.allNamespaces) head.unshift('NAMESPACE');
  const all = opts.noHeaders ? rows : [head, ...rows];
  return tabwrite(all.map((r) => r.join('\t')).join('\n'), GET_TABLE);
}
