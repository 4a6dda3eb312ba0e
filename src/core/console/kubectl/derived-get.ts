// kubectl get for the derived kinds (derived-kinds.ts): tables, -o wide/name/yaml/json,
// names, -A, -l, --show-labels, --no-headers, and kubectl's NotFound and "No resources found".
import type { CommandIo } from '../shell-run.js';
import type { ApiServer } from '../api-server.js';
import type { Network } from '../network.js';
import { GET_TABLE, tabwrite } from '../tabwriter.js';
import { formatLabels, parseSelector, requirementsMatch } from '../selectors.js';
import { humanDuration } from './tables.js';
import { isoTime, listOf, toJson, toYaml } from './manifest-form.js';
import { jsonpath } from './jsonpath.js';
import { customColumns, parseCustomColumns } from './custom-columns.js';
import { derivedQualifiedPlural, derivedQualifiedSingular, findDerived, listDerived, type DerivedObject, type DerivedResource } from './derived-kinds.js';

export interface DerivedGetOptions {
  namespace: string;
  allNamespaces: boolean;
  output: string;
  showLabels: boolean;
  noHeaders: boolean;
  selector?: string;
  now: number;
  /** Several kinds in one get: names are written kind/name. */
  withKind: boolean;
  /** Stored kinds of the same get printed objects: no "No resources found". */
  othersFound?: boolean;
}

/** The table lines of one derived kind's objects. */
export function derivedTable(d: DerivedResource, objs: DerivedObject[], o: DerivedGetOptions): string[] {
  if (objs.length === 0) return [];
  const wide = o.output === 'wide';
  const head = [...d.head, ...(wide ? d.wideHead : [])];
  if (o.showLabels) head.push('LABELS');
  if (o.allNamespaces) head.unshift('NAMESPACE');
  const rows = objs.map((x) => {
    const row = [o.withKind ? `${derivedQualifiedSingular(d)}/${x.name}` : x.name, ...x.cells, humanDuration(o.now - x.created), ...(wide ? x.wideCells : [])];
    if (o.showLabels) row.push(formatLabels(x.labels));
    if (o.allNamespaces) row.unshift(x.namespace);
    return row;
  });
  return tabwrite((o.noHeaders ? rows : [head, ...rows]).map((r) => r.join('\t')).join('\n'), GET_TABLE);
}

function manifest(d: DerivedResource, x: DerivedObject): Record<string, unknown> {
  const metadata: Record<string, unknown> = { creationTimestamp: isoTime(x.created) };
  if (Object.keys(x.labels).length) metadata.labels = x.labels;
  metadata.name = x.name;
  metadata.namespace = x.namespace;
  return { apiVersion: d.group ? `${d.group}/v1` : 'v1', kind: d.kind, metadata };
}

export function getDerived(types: DerivedResource[], names: string[], o: DerivedGetOptions, api: ApiServer, net: Network, io: CommandIo): number {
  let matches: (labels: Record<string, string>) => boolean = () => true;
  if (o.selector !== undefined) {
    const reqs = parseSelector(o.selector);
    if (typeof reqs === 'string') {
      io.err(`error: ${reqs}\n`);
      return 1;
    }
    matches = (labels) => requirementsMatch(reqs, labels);
  }
  // The API server's deprecation warning for any request that touches v1 Endpoints.
  if (types.some((d) => d.kind === 'Endpoints')) io.err('Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n');
  const found: { d: DerivedResource; objs: DerivedObject[] }[] = [];
  const errors: string[] = [];
  for (const d of types) {
    const all = listDerived(d, api, net, o.allNamespaces ? null : o.namespace).filter((x) => matches(x.labels));
    if (names.length === 0) {
      found.push({ d, objs: all });
      continue;
    }
    const objs: DerivedObject[] = [];
    for (const n of names) {
      const hit = all.find((x) => x.name === n);
      if (hit) objs.push(hit);
      else errors.push(`Error from server (NotFound): ${derivedQualifiedPlural(d)} "${n}" not found`);
    }
    found.push({ d, objs });
  }
  const count = found.reduce((n, f) => n + f.objs.length, 0);
  const structured = o.output === 'yaml' || o.output === 'json' || o.output.startsWith('jsonpath=');
  if (structured && !(names.length && count === 0)) {
    const items = found.flatMap((f) => f.objs.map((x) => manifest(f.d, x)));
    const value = names.length === 1 && types.length === 1 && items.length === 1 ? items[0] : listOf(items);
    if (o.output === 'yaml') io.out(toYaml(value));
    else if (o.output === 'json') io.out(toJson(value));
    else io.out(jsonpath(o.output.slice('jsonpath='.length), value));
  } else if (o.output.startsWith('custom-columns=')) {
    const cols = parseCustomColumns(o.output.slice('custom-columns='.length));
    if (typeof cols === 'string') {
      io.err(`error: ${cols}\n`);
      return 1;
    }
    const items = found.flatMap((f) => f.objs.map((x) => manifest(f.d, x)));
    if (items.length) for (const l of customColumns(cols, items, o.noHeaders)) io.out(`${l}\n`);
  } else if (o.output === 'name') {
    for (const f of found) for (const x of f.objs) io.out(`${derivedQualifiedSingular(f.d)}/${x.name}\n`);
  } else if (!structured) {
    const blocks = found.map((f) => derivedTable(f.d, f.objs, o)).filter((b) => b.length);
    io.out(blocks.map((b) => b.join('\n') + '\n').join('\n'));
  }
  for (const e of errors) io.err(`${e}\n`);
  if (count === 0 && errors.length === 0 && !structured && !o.othersFound) io.err(o.allNamespaces ? 'No resources found\n' : `No resources found in ${o.namespace} namespace.\n`);
  return errors.length ? 1 : 0;
}

/** kubectl get of the stored kinds, for a list that mixes them with derived ones. */
export interface StoredGet {
  /** Lists the stored kinds of `positionals`; withKinds writes names kind/name. */
  get(positionals: string[], io: CommandIo, withKinds: boolean): number;
  /** Throws kubectl's error for a word that is no kind at all. */
  checkType(type: string): void;
}

/**
 * get for a list with a derived kind: TYPE/NAME pairs in the order typed, or TYPE[,TYPE] NAME...
 * with the stored kinds' tables first, one blank line between kinds and "No resources found"
 * said once for the whole list.
 */
export function getWithDerivedKinds(positionals: string[], o: DerivedGetOptions, api: ApiServer, net: Network, stored: StoredGet, io: CommandIo): number {
  const slashed = positionals.every((p) => p.includes('/'));
  const types = slashed ? positionals.map((p) => p.slice(0, p.indexOf('/'))) : positionals[0].split(',').filter(Boolean);
  const names = slashed ? [] : positionals.slice(1);
  for (const t of types) if (!findDerived(t)) stored.checkType(t);
  const options = { ...o, withKind: types.length > 1 || slashed };
  let status = 0;
  if (slashed) {
    for (const p of positionals) {
      const d = findDerived(p.slice(0, p.indexOf('/')));
      status = Math.max(status, d ? getDerived([d], [p.slice(p.indexOf('/') + 1)], options, api, net, io) : stored.get([p], io, false));
    }
    return status;
  }
  const regular = types.filter((t) => !findDerived(t));
  let printed = false;
  const quiet: CommandIo = { ...io, out: (t) => ((printed ||= t !== ''), io.out(t)), err: (t) => void (/^No resources found/.test(t) || io.err(t)) };
  if (regular.length) status = stored.get([regular.join(','), ...names], quiet, true);
  const derived = [...new Set(types.map((t) => findDerived(t)).filter((d) => d !== undefined))];
  const after: CommandIo = { ...io, out: (t) => (t !== '' && printed && ((printed = false), io.out('\n')), io.out(t)) };
  return Math.max(status, getDerived(derived, names, { ...options, othersFound: printed }, api, net, after));
}
