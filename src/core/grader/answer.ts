// Reading a learner's answer: NetworkPolicies (write, fix), a yes/no mapping (predict) or
// a choice (pick). Bad input is located findings, never an exception.
import type { Finding } from '../findings.js';
import type { Cluster } from '../model.js';
import { METADATA_NAME_LABEL } from '../model.js';
import type { NetworkPolicy } from '../policy.js';
import { policyId } from '../policy.js';
import { loadManifests, type ManifestInput } from '../manifest/load.js';
import { parseYamlDocuments } from '../manifest/yaml-documents.js';
import type { ScenarioKind } from '../bank/scenario.js';

export interface PolicyAnswer {
  policies: NetworkPolicy[];
  /** Namespace objects in a fix answer: name -> labels (replacing the namespace's labels). */
  namespaceLabels: Map<string, Record<string, string>>;
  /** Warnings worth showing (defaulting notes are left to explain). */
  warnings: Finding[];
}

function err(file: string, line: number, col: number, message: string, path = ''): Finding {
  return { severity: 'error', file, line, col, path, message };
}

/** NetworkPolicies of a write/fix answer; Namespace objects too when `allowNamespaces`. */
export function readPolicyAnswer(inputs: ManifestInput[], allowNamespaces: boolean, cluster: Cluster): PolicyAnswer | Finding[] {
  const result = loadManifests(inputs);
  const findings: Finding[] = [];
  for (const f of result.findings) if (f.severity === 'error') findings.push(f);
  // Each skipped object is an error in an answer (the loader sums them up in one warning).
  for (const o of result.skipped) {
    const other = o.filtersTraffic ? ` (${o.apiVersion}): write a networking.k8s.io/v1 NetworkPolicy` : '';
    findings.push(err(o.source.file, o.source.line, o.source.col, `an answer holds NetworkPolicies, not ${o.kind}${other}`, 'kind'));
  }
  const namespaceLabels = new Map<string, Record<string, string>>();
  for (const o of result.objects) {
    if (o.kind === 'NetworkPolicy') continue;
    if (o.kind === 'Namespace' && allowNamespaces) {
      const existing = cluster.namespaces.find((n) => n.name === o.name);
      if (!existing) {
        findings.push(err(o.source.file, o.source.line, o.source.col, `namespace ${o.name} does not exist in this exercise: only existing namespaces can be relabelled`, 'metadata.name'));
        continue;
      }
      const ns = result.cluster.namespaces.find((n) => n.name === o.name);
      namespaceLabels.set(o.name, { ...(ns?.labels ?? {}), [METADATA_NAME_LABEL]: o.name });
      continue;
    }
    const what = allowNamespaces ? 'NetworkPolicies (and Namespaces to relabel)' : 'NetworkPolicies';
    findings.push(err(o.source.file, o.source.line, o.source.col, `an answer holds ${what}, not a ${o.kind}`, 'kind'));
  }
  if (findings.length > 0) return findings;
  const warnings = result.findings.filter((f) => f.severity === 'warning');
  return { policies: result.policies, namespaceLabels, warnings };
}

/** kubectl apply: answer policies replace existing ones with the same namespace and name. */
export function applyPolicies(existing: readonly NetworkPolicy[], answer: readonly NetworkPolicy[]): { policies: NetworkPolicy[]; replaced: string[] } {
  const ids = new Set(answer.map(policyId));
  const replaced = existing.filter((p) => ids.has(policyId(p))).map(policyId);
  return { policies: [...existing.filter((p) => !ids.has(policyId(p))), ...answer], replaced };
}

export function relabel(cluster: Cluster, labels: Map<string, Record<string, string>>): Cluster {
  if (labels.size === 0) return cluster;
  return { ...cluster, namespaces: cluster.namespaces.map((n) => (labels.has(n.name) ? { name: n.name, labels: labels.get(n.name)! } : n)) };
}

/** A predict answer: `ASK: yes|no` lines as a YAML mapping. */
export function readPredictAnswer(input: ManifestInput): Map<string, boolean> | Finding[] {
  const parsed = parseYamlDocuments(input.file, input.text);
  // A question that holds ": " (app: nslookup ...) reads as a nested mapping unless it is quoted.
  if (parsed.findings.length) return parsed.findings.map((f) => (/nested mappings|compact mapping/i.test(f.message) ? { ...f, message: `${f.message}: a question that holds ": " must be quoted, as in "app: wget http://web": yes` } : f));
  const out = new Map<string, boolean>();
  const findings: Finding[] = [];
  if (parsed.documents.length === 0) return out;
  if (parsed.documents.length > 1) return [err(input.file, parsed.documents[1].source.line, parsed.documents[1].source.col, 'a predict answer is one YAML mapping')];
  const doc = parsed.documents[0];
  const data = doc.data;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return [err(input.file, doc.source.line, doc.source.col, 'a predict answer is a YAML mapping: "QUESTION: yes" or "QUESTION: no", one per line')];
  }
  for (const [k, v] of Object.entries(data as Record<string, unknown>)) {
    const word = typeof v === 'string' ? v.trim().toLowerCase() : v;
    const yes = word === true || ['yes', 'y', 'allowed', 'allow', 'success', 'succeeds', 'true'].includes(word as string);
    const no = word === false || ['no', 'n', 'denied', 'deny', 'fail', 'fails', 'false'].includes(word as string);
    if (!yes && !no) {
      const pos = doc.locator.value([k]);
      findings.push(err(input.file, pos.line, pos.col, `answer "${String(v)}": write yes or no`, k));
      continue;
    }
    out.set(k.trim(), yes);
  }
  return findings.length ? findings : out;
}

/** A pick answer: `pick: b` (or just `b`). */
export function readPickAnswer(input: ManifestInput): string | Finding[] {
  const text = input.text.trim();
  if (/^[a-z0-9]+$/i.test(text)) return text.toLowerCase();
  const parsed = parseYamlDocuments(input.file, input.text);
  if (parsed.findings.length) return parsed.findings;
  const data = parsed.documents[0]?.data as Record<string, unknown> | string | undefined;
  // The bare id below comments or a document marker reads as a plain scalar.
  const pick = typeof data === 'string' ? data : data && typeof data === 'object' ? data.pick : undefined;
  if (typeof pick !== 'string' || pick.trim() === '') return [err(input.file, 1, 1, 'a pick answer is one line: pick: ID (the candidate you choose)')];
  return pick.trim().toLowerCase();
}

export function answerKindAllowsNamespaces(kind: ScenarioKind): boolean {
  return kind === 'fix';
}

/** Namespace objects (relabels) are part of an answer in fix scenarios and in steps that ask for a namespace label. */
export function answerAllowsNamespaces(kind: ScenarioKind, requirements: readonly { namespaceLabel?: unknown }[]): boolean {
  return answerKindAllowsNamespaces(kind) || requirements.some((r) => r.namespaceLabel);
}

/** Two policies mean the same (source positions and defaulting notes aside). */
export function samePolicy(a: NetworkPolicy, b: NetworkPolicy): boolean {
  return policyMeaning(a) === policyMeaning(b);
}

export function policyMeaning(p: NetworkPolicy): string {
  return JSON.stringify(p, (k, v) => (k === 'source' || k === 'protocolDefaulted' || k === 'policyTypesDefaulted' ? undefined : v));
}
