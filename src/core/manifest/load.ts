// Public entry of the manifest layer: files of YAML (or JSON) as `kubectl apply -f` and
// `kubectl get -o yaml` use them -> Cluster + NetworkPolicy[] + located findings.
// Callers refuse the result when any finding has severity 'error'.
import type { Finding } from '../findings.js';
import type { Cluster, SourcePos } from '../model.js';
import type { NetworkPolicy } from '../policy.js';
import { buildCluster } from './cluster.js';
import {
  decodeNamespace,
  decodePod,
  decodeService,
  decodeWorkload,
  type DecodedObject,
  type WorkloadKind,
} from './objects.js';
import { Reporter } from './report.js';
import { checkSchema, isPlainObject, listSchema } from './schema.js';
import { parseNetworkPolicy } from './validate-policy.js';
import { parseYamlDocuments, prefixedLocator, type Locator } from './yaml-documents.js';

export interface ManifestInput {
  /** Name to show in findings; "-" conventionally means stdin. */
  file: string;
  text: string;
}

export interface LoadedObject {
  kind: string;
  apiVersion: string;
  /** '' for Namespace objects. */
  namespace: string;
  name: string;
  source: SourcePos;
}

/** An object passed over: a kind not read here, or a policy of another API (Calico, Cilium, ...). */
export interface SkippedObject {
  kind: string;
  apiVersion: string;
  source: SourcePos;
  /** A policy API of a CNI or of sig-network: it filters traffic the engine does not model. */
  filtersTraffic: boolean;
}

export interface LoadResult {
  cluster: Cluster;
  policies: NetworkPolicy[];
  objects: LoadedObject[];
  /** Every object skipped, one by one (findings hold one summary line instead). */
  skipped: SkippedObject[];
  findings: Finding[];
}

export interface LoadOptions {
  /** Pod CIDR for pods without status.podIP; default 10.244.0.0/16. */
  podCidr?: string;
}

/** The apiVersion each kind we read must carry. */
export const KIND_API_VERSIONS: Readonly<Record<string, string>> = {
  Namespace: 'v1',
  Pod: 'v1',
  Service: 'v1',
  List: 'v1',
  NetworkPolicy: 'networking.k8s.io/v1',
  Deployment: 'apps/v1',
  ReplicaSet: 'apps/v1',
  StatefulSet: 'apps/v1',
  DaemonSet: 'apps/v1',
  Job: 'batch/v1',
};

/**
 * Policy APIs besides networking.k8s.io/v1 that a cluster may enforce: their *Policy kinds
 * filter traffic too (Calico tiers can even allow what a Kubernetes policy denies).
 */
export const OTHER_POLICY_APIS: Readonly<Record<string, string>> = {
  'projectcalico.org': 'Calico',
  'crd.projectcalico.org': 'Calico',
  'crd.antrea.io': 'Antrea',
  'security.antrea.tanzu.vmware.com': 'Antrea',
  'cilium.io': 'Cilium',
  'policy.networking.k8s.io': 'AdminNetworkPolicy',
};

/** The API group of an apiVersion: "" for the core group ("v1"). */
export function apiGroup(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** Groups of Kubernetes itself: a kind of ours under another of their versions is a mistake, not a CRD. */
function isKubernetesGroup(group: string): boolean {
  return group === '' || !group.includes('.') || (group.endsWith('.k8s.io') && !Object.hasOwn(OTHER_POLICY_APIS, group));
}

/** Whether a skipped kind is an enforced policy (Calico's Staged* policies only preview, never enforce). */
function filtersTraffic(kind: string, group: string): boolean {
  if (!kind.endsWith('Policy') || kind.startsWith('Staged')) return false;
  return Object.hasOwn(OTHER_POLICY_APIS, group) || kind.endsWith('NetworkPolicy');
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** One line per policy kind of another API, one line for everything else that was skipped. */
export function skippedFindings(skipped: readonly SkippedObject[]): Finding[] {
  const out: Finding[] = [];
  const at = (src: SourcePos, path: string, message: string): Finding => ({ severity: 'warning', file: src.file, line: src.line, col: src.col, path, message });
  const policies = new Map<string, SkippedObject[]>();
  const others = new Map<string, SkippedObject[]>();
  for (const o of skipped) {
    const into = o.filtersTraffic ? policies : others;
    const key = o.filtersTraffic ? `${o.kind} (${o.apiVersion})` : o.kind;
    const list = into.get(key);
    if (list) list.push(o);
    else into.set(key, [o]);
  }
  for (const [key, list] of policies) {
    const api = OTHER_POLICY_APIS[apiGroup(list[0].apiVersion)] ?? apiGroup(list[0].apiVersion);
    out.push(
      at(
        list[0].source,
        'kind',
        `skipped ${plural(list.length, key.replace(' (', ' object ('), key.replace(' (', ' objects ('))}: ${api} policies also filter traffic, and netpol-dojo does not model them, so the cluster may allow or deny differently from what is shown here`,
      ),
    );
  }
  const total = [...others.values()].reduce((n, l) => n + l.length, 0);
  if (total === 1) {
    const [o] = [...others.values()][0];
    out.push(at(o.source, 'kind', `skipping kind ${o.kind}`));
  } else if (total > 1) {
    const first = [...others.values()].map((l) => l[0]).sort((a, b) => skipped.indexOf(a) - skipped.indexOf(b))[0];
    const kinds = [...others.entries()].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1)).map(([k, l]) => `${k} (${l.length})`);
    out.push(at(first.source, '', `skipped ${total} objects of kinds netpol-dojo does not read: ${kinds.join(', ')}`));
  }
  return out;
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}

interface Entry {
  loaded: LoadedObject;
  decoded?: DecodedObject;
  policy?: NetworkPolicy;
}

export function loadManifests(inputs: ManifestInput[], options: LoadOptions = {}): LoadResult {
  const findings: Finding[] = [];
  // Keyed by kind/namespace/name: a later definition replaces an earlier one, as a second
  // `kubectl apply` would. Map keeps insertion order; replaced entries move to the end.
  const entries = new Map<string, Entry>();
  const skipped: SkippedObject[] = [];

  const add = (entry: Entry, r: Reporter): void => {
    const { kind, namespace, name } = entry.loaded;
    const key = `${kind}/${namespace}/${name}`;
    const earlier = entries.get(key);
    if (earlier) {
      const s = earlier.loaded.source;
      const id = namespace ? `${namespace}/${name}` : name;
      r.warning(['metadata', 'name'], `${kind} ${id} is defined twice: this definition replaces the one at ${s.file}:${s.line}:${s.col}`);
      entries.delete(key);
    }
    entries.set(key, entry);
  };

  /** `defaults`: the kind and apiVersion a typed list's items leave out (NetworkPolicyList items). */
  const handle = (data: unknown, locator: Locator, file: string, insideList: boolean, defaults?: { kind: string; apiVersion: string }): void => {
    const r = new Reporter(file, locator);
    try {
      if (!isPlainObject(data)) {
        r.error([], 'not a Kubernetes object: expected a mapping with apiVersion and kind');
        return;
      }
      const kind = data.kind ?? defaults?.kind;
      const apiVersion = data.apiVersion ?? defaults?.apiVersion;
      if (kind === undefined || kind === null || kind === '') return r.required(['kind'], 'kind not set');
      if (typeof kind !== 'string') return r.invalid(['kind'], kind, 'must be a string');
      if (apiVersion === undefined || apiVersion === null || apiVersion === '') return r.required(['apiVersion'], 'apiVersion not set');
      if (typeof apiVersion !== 'string') return r.invalid(['apiVersion'], apiVersion, 'must be a string');

      const group = apiGroup(apiVersion);
      // kind: List, or a typed list (NetworkPolicyList, PodList, ...) as the raw API and client
      // libraries return them; a typed list's items may leave out kind and apiVersion.
      const typedList = kind !== 'List' && kind.endsWith('List') && kind.length > 4 && Array.isArray(data.items);
      if (kind === 'List' || typedList) {
        if (kind === 'List' && apiVersion !== 'v1') return r.error(['apiVersion'], `no matches for kind "List" in version "${apiVersion}" (use v1)`);
        if (insideList) return r.error(['kind'], 'a List inside a List is not supported');
        if (!checkSchema(data, listSchema, [], r)) return;
        const items = Array.isArray(data.items) ? data.items : [];
        const itemDefaults = typedList ? { kind: kind.slice(0, -'List'.length), apiVersion } : undefined;
        items.forEach((item, i) => handle(item, prefixedLocator(locator, ['items', i]), file, true, itemDefaults));
        return;
      }

      const skip = (traffic: boolean): void => {
        skipped.push({ kind, apiVersion, source: locator.value(data.kind === undefined ? [] : ['kind']), filtersTraffic: traffic });
      };
      // Another API's policy (Calico, Antrea, Cilium, AdminNetworkPolicy): read by the kind's
      // name alone, a Calico NetworkPolicy would fail the whole input.
      if (!isKubernetesGroup(group)) return skip(filtersTraffic(kind, group));
      // Own keys only: `kind: __proto__` or `kind: constructor` must not find Object's members.
      const expected = Object.hasOwn(KIND_API_VERSIONS, kind) ? KIND_API_VERSIONS[kind] : undefined;
      if (!expected) return skip(false);
      if (apiVersion !== expected) {
        return r.error(['apiVersion'], `no matches for kind "${kind}" in version "${apiVersion}" (use ${expected})`);
      }

      const source = locator.value([]);
      if (kind === 'NetworkPolicy') {
        const res = parseNetworkPolicy(data, locator, file);
        r.findings.push(...res.findings);
        if (res.policy) {
          const { namespace, name } = res.policy;
          add({ loaded: { kind, apiVersion, namespace, name, source }, policy: res.policy }, r);
        }
        return;
      }
      const res =
        kind === 'Namespace'
          ? decodeNamespace(data, locator, file)
          : kind === 'Pod'
            ? decodePod(data, locator, file)
            : kind === 'Service'
              ? decodeService(data, locator, file)
              : decodeWorkload(kind as WorkloadKind, data, locator, file);
      r.findings.push(...res.findings);
      if (res.object) {
        const { namespace, name } = res.object;
        add({ loaded: { kind, apiVersion, namespace, name, source }, decoded: res.object }, r);
      }
    } finally {
      findings.push(...r.findings);
    }
  };

  for (const input of inputs) {
    const parsed = parseYamlDocuments(input.file, input.text);
    findings.push(...parsed.findings);
    for (const doc of parsed.documents) handle(doc.data, doc.locator, input.file, false);
  }

  findings.push(...skippedFindings(skipped));
  const all = [...entries.values()];
  const policies = all.flatMap((e) => (e.policy ? [e.policy] : []));
  const decoded = all.flatMap((e) => (e.decoded ? [e.decoded] : []));
  const built = buildCluster(decoded, { podCidr: options.podCidr, usedNamespaces: policies.map((p) => p.namespace) });
  findings.push(...built.findings);
  return { cluster: built.cluster, policies, objects: all.map((e) => e.loaded), skipped, findings };
}

