// What `kubectl apply -f` / `create -f` / `edit` send: each YAML document decoded and
// validated by the project's manifest layer (NetworkPolicies by parseNetworkPolicy, the
// rest by the shared decoders), then turned into the desired state of one object, or
// into the error line kubectl prints for it.
import type { Finding } from '../../findings.js';
import type { ContainerPort, ServicePort } from '../../model.js';
import type { NetworkPolicy } from '../../policy.js';
import { parseYamlDocuments, type Locator } from '../../manifest/yaml-documents.js';
import { parseNetworkPolicy } from '../../manifest/validate-policy.js';
import { decodeNamespace, decodePod, decodeService, decodeWorkload } from '../../manifest/objects.js';
import { isPlainObject } from '../../manifest/schema.js';
import type { Container } from '../objects.js';
import { selectorMatchesLabels } from '../selectors.js';

interface Common {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** The document as written, for the last-applied-configuration annotation. */
  raw: Record<string, unknown>;
}

export type Desired =
  | (Common & { kind: 'Namespace' })
  | (Common & { kind: 'NetworkPolicy'; policy: NetworkPolicy })
  | (Common & { kind: 'Service'; selector: Record<string, string>; ports: ServicePort[]; clusterIP?: string })
  | (Common & { kind: 'Deployment'; replicas: number; selector: Record<string, string>; template: { labels: Record<string, string>; containers: Container[] } })
  | (Common & { kind: 'Pod'; containers: Container[]; restartPolicy: 'Always' | 'Never' | 'OnFailure' });

export type DecodedDoc = { ok: true; desired: Desired; warnings: string[] } | { ok: false; error: string };

const SUPPORTED: Record<string, string> = {
  Namespace: 'v1',
  Pod: 'v1',
  Service: 'v1',
  Deployment: 'apps/v1',
  NetworkPolicy: 'networking.k8s.io/v1',
};

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj => (isPlainObject(v) ? v : {});
const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function strings(v: unknown): string[] {
  return asList(v).map((x) => (typeof x === 'string' ? x : String(x)));
}

function isStrictDecoding(f: Finding): boolean {
  return /^unknown field |^duplicate field /.test(f.message);
}

/** "The NetworkPolicy "x" is invalid: ..." or BadRequest for strict decoding errors, as kubectl prints them. */
export function apiError(kind: string, name: string, findings: Finding[], verb: string, source: string): string {
  const errors = findings.filter((f) => f.severity === 'error');
  const strict = errors.filter(isStrictDecoding);
  if (strict.length) {
    const version = SUPPORTED[kind]?.split('/').pop() ?? 'v1';
    return `Error from server (BadRequest): error when ${verb} "${source}": ${kind} in version "${version}" cannot be handled as a ${kind}: strict decoding error: ${strict.map((f) => f.message).join(', ')}`;
  }
  const causes = errors.map((f) => (f.path ? `${f.path}: ${f.message}` : f.message));
  const head = `The ${kind} "${name}" is invalid: `;
  return causes.length === 1 ? head + causes[0] : `${head}\n${causes.map((c) => `* ${c}`).join('\n')}`;
}

function warningsOf(findings: Finding[]): string[] {
  return findings.filter((f) => f.severity === 'warning' && !/is defined twice/.test(f.message)).map((f) => `Warning: ${f.path ? `${f.path}: ` : ''}${f.message}`);
}

function readContainers(spec: unknown, at: string): { containers: Container[]; problems: string[] } {
  const containers: Container[] = [];
  const problems: string[] = [];
  const list = asList(asObj(spec).containers);
  if (list.length === 0) problems.push(`${at}.containers: Required value`);
  list.forEach((raw, i) => {
    const c = asObj(raw);
    const name = typeof c.name === 'string' ? c.name : '';
    const image = typeof c.image === 'string' ? c.image : '';
    if (!name) problems.push(`${at}.containers[${i}].name: Required value`);
    if (!image) problems.push(`${at}.containers[${i}].image: Required value`);
    const ports: ContainerPort[] = asList(c.ports).map((p) => {
      const o = asObj(p);
      const port: ContainerPort = { port: Number(o.containerPort), protocol: (typeof o.protocol === 'string' ? o.protocol : 'TCP') as ContainerPort['protocol'] };
      if (typeof o.name === 'string' && o.name) port.name = o.name;
      return port;
    });
    containers.push({ name, image, command: strings(c.command), args: strings(c.args), ports });
  });
  return { containers, problems };
}

function metaOf(data: Obj): { labels: Record<string, string>; annotations: Record<string, string> } {
  const m = asObj(data.metadata);
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(asObj(m.labels))) labels[k] = typeof v === 'string' ? v : String(v);
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(asObj(m.annotations))) annotations[k] = typeof v === 'string' ? v : String(v);
  return { labels, annotations };
}

/**
 * Decodes every object of a file. `namespace` is the -n flag (null: none given, objects
 * default to "default"); `source` names the file in messages ("STDIN" for -f -).
 */
export function decodeManifests(text: string, source: string, namespace: string | null, verb: 'creating' | 'applying' | 'replacing'): DecodedDoc[] {
  const parsed = parseYamlDocuments(source, text);
  const out: DecodedDoc[] = [];
  for (const f of parsed.findings) {
    if (f.severity !== 'error') continue;
    if (/^duplicate field /.test(f.message)) continue; // reported per object below
    const message = f.message.replace(/^YAML syntax error: /, '');
    out.push({ ok: false, error: `error: error parsing ${source}: error converting YAML to JSON: yaml: line ${f.line}: ${message}` });
  }
  const dupes = parsed.findings.filter((f) => /^duplicate field /.test(f.message));
  const handle = (data: unknown, locator: Locator, docIndex: number): void => {
    if (!isPlainObject(data)) {
      out.push({ ok: false, error: `error: error validating "${source}": error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false` });
      return;
    }
    const kind = data.kind;
    const apiVersion = data.apiVersion;
    if (typeof kind !== 'string' || kind === '' || typeof apiVersion !== 'string' || apiVersion === '') {
      const missing = typeof apiVersion !== 'string' || apiVersion === '' ? (typeof kind !== 'string' || kind === '' ? '[apiVersion not set, kind not set]' : 'apiVersion not set') : 'kind not set';
      out.push({ ok: false, error: `error: error validating "${source}": error validating data: ${missing}; if you choose to ignore these errors, turn validation off with --validate=false` });
      return;
    }
    if (kind === 'List' && apiVersion === 'v1') {
      asList(data.items).forEach((item, i) => handle(item, { value: (p) => locator.value(['items', i, ...p]), key: (p) => locator.key(['items', i, ...p]) }, docIndex));
      return;
    }
    const meta = asObj(data.metadata);
    const name = typeof meta.name === 'string' ? meta.name : '';
    const docNs = typeof meta.namespace === 'string' && meta.namespace !== '' ? meta.namespace : null;
    if (SUPPORTED[kind] !== apiVersion) {
      // Kinds a real cluster has, at their real version, that the console does not simulate.
      const elsewhere: Record<string, string> = { ReplicaSet: 'apps/v1', StatefulSet: 'apps/v1', DaemonSet: 'apps/v1', Job: 'batch/v1', ConfigMap: 'v1', Secret: 'v1', Ingress: 'networking.k8s.io/v1' };
      if (elsewhere[kind] === apiVersion) {
        out.push({ ok: false, error: `error: the console simulates Namespace, Pod, Deployment, Service and NetworkPolicy objects; ${kind} "${name}" was not applied` });
        return;
      }
      out.push({ ok: false, error: `error: resource mapping not found for name: "${name}" namespace: "${kind === 'Namespace' ? '' : (docNs ?? namespace ?? '')}" from "${source}": no matches for kind "${kind}" in version "${apiVersion}"\nensure CRDs are installed first` });
      return;
    }
    if (kind !== 'Namespace' && namespace !== null && docNs !== null && docNs !== namespace) {
      out.push({ ok: false, error: `error: the namespace from the provided object "${docNs}" does not match the namespace "${namespace}". You must pass '--namespace=${docNs}' to perform this operation.` });
      return;
    }
    // The object goes into the -n namespace when it names none, as kubectl sets it before sending.
    const effectiveNs = kind === 'Namespace' ? '' : (docNs ?? namespace ?? 'default');
    const withNs = kind === 'Namespace' ? data : { ...data, metadata: { ...meta, namespace: effectiveNs } };
    const myDupes = dupes.filter((f) => parsed.documents[docIndex] && f.line >= parsed.documents[docIndex].source.line && (parsed.documents[docIndex + 1] === undefined || f.line < parsed.documents[docIndex + 1].source.line));
    const { labels, annotations } = metaOf(data);
    const common = { name, namespace: effectiveNs, labels, annotations, raw: data };
    const fail = (findings: Finding[]) => out.push({ ok: false, error: apiError(kind, name, [...myDupes, ...findings], verb === 'replacing' ? 'replacing' : 'creating', source) });
    if (myDupes.length) return void fail([]);

    if (kind === 'NetworkPolicy') {
      const r = parseNetworkPolicy(withNs, locator, source);
      if (!r.policy) return void fail(r.findings);
      out.push({ ok: true, desired: { kind, ...common, policy: r.policy }, warnings: warningsOf(r.findings) });
      return;
    }
    if (kind === 'Namespace') {
      const r = decodeNamespace(withNs, locator, source);
      if (!r.object) return void fail(r.findings);
      out.push({ ok: true, desired: { kind, ...common }, warnings: warningsOf(r.findings) });
      return;
    }
    if (kind === 'Service') {
      const r = decodeService(withNs, locator, source);
      if (!r.object) return void fail(r.findings);
      const extra: string[] = [];
      if (r.object.ports.length === 0) extra.push('spec.ports: Required value');
      if (extra.length) return void out.push({ ok: false, error: apiError(kind, name, extra.map(textFinding), 'creating', source) });
      out.push({ ok: true, desired: { kind, ...common, selector: r.object.selector, ports: r.object.ports, clusterIP: r.object.clusterIP }, warnings: warningsOf(r.findings) });
      return;
    }
    if (kind === 'Pod') {
      const r = decodePod(withNs, locator, source);
      if (!r.object) return void fail(r.findings);
      const spec = asObj(data.spec);
      const { containers, problems } = readContainers(spec, 'spec');
      const rp = typeof spec.restartPolicy === 'string' ? spec.restartPolicy : 'Always';
      if (!['Always', 'Never', 'OnFailure'].includes(rp)) problems.push(`spec.restartPolicy: Unsupported value: "${rp}": supported values: "Always", "OnFailure", "Never"`);
      if (problems.length) return void out.push({ ok: false, error: apiError(kind, name, problems.map(textFinding), 'creating', source) });
      out.push({ ok: true, desired: { kind, ...common, containers, restartPolicy: rp as 'Always' }, warnings: warningsOf(r.findings) });
      return;
    }
    // Deployment
    const r = decodeWorkload('Deployment', withNs, locator, source);
    if (!r.object) return void fail(r.findings);
    const spec = asObj(data.spec);
    const selector: Record<string, string> = {};
    for (const [k, v] of Object.entries(asObj(asObj(spec.selector).matchLabels))) selector[k] = String(v);
    const { containers, problems } = readContainers(asObj(asObj(spec.template).spec), 'spec.template.spec');
    if (!isPlainObject(spec.selector)) problems.unshift('spec.selector: Required value');
    else if (Object.keys(selector).length === 0) problems.unshift('spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment');
    else if (!selectorMatchesLabels(selector, r.object.template.labels)) {
      const shown = Object.keys(r.object.template.labels)
        .sort()
        .map((k) => `"${k}":"${r.object!.template.labels[k]}"`)
        .join(', ');
      problems.push(`spec.template.metadata.labels: Invalid value: map[string]string{${shown}}: \`selector\` does not match template \`labels\``);
    }
    if (problems.length) return void out.push({ ok: false, error: apiError(kind, name, problems.map(textFinding), 'creating', source) });
    out.push({
      ok: true,
      desired: { kind: 'Deployment', ...common, replicas: r.object.podCount, selector, template: { labels: r.object.template.labels, containers } },
      warnings: warningsOf(r.findings),
    });
  };
  parsed.documents.forEach((d, i) => handle(d.data, d.locator, i));
  return out;
}

function textFinding(text: string): Finding {
  const i = text.indexOf(': ');
  return { severity: 'error', file: '', line: 0, col: 0, path: text.slice(0, i), message: text.slice(i + 2) };
}
