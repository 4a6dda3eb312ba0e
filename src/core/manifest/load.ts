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

export interface LoadResult {
  cluster: Cluster;
  policies: NetworkPolicy[];
  objects: LoadedObject[];
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

  const handle = (data: unknown, locator: Locator, file: string, insideList: boolean): void => {
    const r = new Reporter(file, locator);
    try {
      if (!isPlainObject(data)) {
        r.error([], 'not a Kubernetes object: expected a mapping with apiVersion and kind');
        return;
      }
      const kind = data.kind;
      const apiVersion = data.apiVersion;
      if (kind === undefined || kind === null || kind === '') return r.required(['kind'], 'kind not set');
      if (typeof kind !== 'string') return r.invalid(['kind'], kind, 'must be a string');
      if (apiVersion === undefined || apiVersion === null || apiVersion === '') return r.required(['apiVersion'], 'apiVersion not set');
      if (typeof apiVersion !== 'string') return r.invalid(['apiVersion'], apiVersion, 'must be a string');

      // Own keys only: `kind: __proto__` or `kind: constructor` must not find Object's members.
      const expected = Object.hasOwn(KIND_API_VERSIONS, kind) ? KIND_API_VERSIONS[kind] : undefined;
      if (!expected) return r.warning(['kind'], `skipping kind ${kind}`);
      if (apiVersion !== expected) {
        return r.error(['apiVersion'], `no matches for kind "${kind}" in version "${apiVersion}" (use ${expected})`);
      }

      if (kind === 'List') {
        if (insideList) return r.error(['kind'], 'a List inside a List is not supported');
        if (!checkSchema(data, listSchema, [], r)) return;
        const items = Array.isArray(data.items) ? data.items : [];
        items.forEach((item, i) => handle(item, prefixedLocator(locator, ['items', i]), file, true));
        return;
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

  const all = [...entries.values()];
  const policies = all.flatMap((e) => (e.policy ? [e.policy] : []));
  const decoded = all.flatMap((e) => (e.decoded ? [e.decoded] : []));
  const built = buildCluster(decoded, { podCidr: options.podCidr, usedNamespaces: policies.map((p) => p.namespace) });
  findings.push(...built.findings);
  return { cluster: built.cluster, policies, objects: all.map((e) => e.loaded), findings };
}

