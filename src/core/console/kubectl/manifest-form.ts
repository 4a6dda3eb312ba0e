// API objects in the form the API server returns them (kubectl get -o yaml|json, edit):
// Go struct field order for JSON, defaulted fields filled in. YAML output sorts keys, as
// kubectl's JSON-to-YAML conversion does.
import { Document } from 'yaml';
import type { LabelSelector, NetworkPolicy, PolicyPeer, PolicyPort, PolicyRule } from '../../policy.js';
import type { ApiObject, Container, ObjectMeta, PodObject } from '../objects.js';
import { apiVersionOf, resourceOf } from '../objects.js';
import { podRunsForever } from '../images.js';

type Json = Record<string, unknown>;

export function isoTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

function metaJson(m: ObjectMeta, cluster = false): Json {
  const out: Json = {};
  if (Object.keys(m.annotations).length) out.annotations = sortedRecord(m.annotations);
  out.creationTimestamp = isoTime(m.created);
  if (m.generation && !cluster) out.generation = m.generation;
  if (Object.keys(m.labels).length) out.labels = sortedRecord(m.labels);
  out.name = m.name;
  if (!cluster) out.namespace = m.namespace;
  if (m.owner) out.ownerReferences = [{ apiVersion: m.owner.apiVersion, blockOwnerDeletion: true, controller: true, kind: m.owner.kind, name: m.owner.name, uid: m.owner.uid }];
  out.resourceVersion = String(m.resourceVersion);
  out.uid = m.uid;
  return out;
}

function sortedRecord(r: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(r).sort()) out[k] = r[k];
  return out;
}

export function selectorJson(s: LabelSelector): Json {
  const out: Json = {};
  if (s.matchExpressions.length) out.matchExpressions = s.matchExpressions.map((e) => (e.values.length ? { key: e.key, operator: e.operator, values: [...e.values] } : { key: e.key, operator: e.operator }));
  if (Object.keys(s.matchLabels).length) out.matchLabels = { ...s.matchLabels };
  return out;
}

function peerJson(p: PolicyPeer): Json {
  const out: Json = {};
  if (p.ipBlock) out.ipBlock = p.ipBlock.except.length ? { cidr: p.ipBlock.cidr, except: [...p.ipBlock.except] } : { cidr: p.ipBlock.cidr };
  if (p.namespaceSelector) out.namespaceSelector = selectorJson(p.namespaceSelector);
  if (p.podSelector) out.podSelector = selectorJson(p.podSelector);
  return out;
}

function portJson(p: PolicyPort): Json {
  const out: Json = {};
  if (p.endPort !== undefined) out.endPort = p.endPort;
  if (p.port !== undefined) out.port = p.port;
  out.protocol = p.protocol;
  return out;
}

function ruleJson(r: PolicyRule, peersKey: 'from' | 'to'): Json {
  const out: Json = {};
  if (r.peers.length) out[peersKey] = r.peers.map(peerJson);
  if (r.ports.length) out.ports = r.ports.map(portJson);
  return out;
}

/** spec of a NetworkPolicy as stored (after defaulting). */
export function policySpecJson(p: NetworkPolicy): Json {
  const out: Json = {};
  if (p.egress.length) out.egress = p.egress.map((r) => ruleJson(r, 'to'));
  if (p.ingress.length) out.ingress = p.ingress.map((r) => ruleJson(r, 'from'));
  out.podSelector = selectorJson(p.podSelector);
  out.policyTypes = [...p.policyTypes];
  return out;
}

export function pullPolicy(image: string): string {
  const last = image.split('/').pop() ?? image;
  return !last.includes(':') || last.endsWith(':latest') ? 'Always' : 'IfNotPresent';
}

function containerJson(c: Container): Json {
  const out: Json = {};
  if (c.args.length) out.args = [...c.args];
  if (c.command.length) out.command = [...c.command];
  out.image = c.image;
  out.imagePullPolicy = pullPolicy(c.image);
  out.name = c.name;
  if (c.ports.length) out.ports = c.ports.map((p) => (p.name ? { containerPort: p.port, name: p.name, protocol: p.protocol } : { containerPort: p.port, protocol: p.protocol }));
  out.resources = {};
  out.terminationMessagePath = '/dev/termination-log';
  out.terminationMessagePolicy = 'File';
  return out;
}

function podSpecJson(containers: Container[], restartPolicy: string, extra: Json = {}): Json {
  return {
    containers: containers.map(containerJson),
    dnsPolicy: 'ClusterFirst',
    ...extra,
    restartPolicy,
    schedulerName: 'default-scheduler',
    securityContext: {},
    terminationGracePeriodSeconds: 30,
  };
}

function podStatusJson(p: PodObject): Json {
  const started = isoTime(p.meta.created + 2000);
  const ready = p.phase === 'Running' && !p.waitingReason;
  const status: Json = {
    conditions: [
      { lastProbeTime: null, lastTransitionTime: started, status: ready ? 'True' : 'False', type: 'Ready' },
      { lastProbeTime: null, lastTransitionTime: isoTime(p.meta.created), status: 'True', type: 'PodScheduled' },
    ],
    containerStatuses: p.containers.map((c) => ({
      image: c.image.includes('/') ? c.image : `docker.io/library/${c.image}${c.image.includes(':') ? '' : ':latest'}`,
      name: c.name,
      ready,
      restartCount: p.restarts,
      started: ready,
      state: ready ? { running: { startedAt: started } } : p.waitingReason ? { waiting: { reason: p.waitingReason } } : { terminated: { exitCode: p.phase === 'Failed' ? 1 : 0, reason: p.phase === 'Failed' ? 'Error' : 'Completed' } },
    })),
    hostIP: p.hostIP,
    phase: p.phase,
  };
  if (p.ip) {
    status.podIP = p.ip;
    status.podIPs = [{ ip: p.ip }];
  }
  status.qosClass = 'BestEffort';
  status.startTime = isoTime(p.meta.created);
  return status;
}

/** The object as `kubectl get -o json` shows it. */
export function toManifest(o: ApiObject): Json {
  const r = resourceOf(o.kind);
  const head: Json = { apiVersion: apiVersionOf(r), kind: o.kind };
  switch (o.kind) {
    case 'Namespace':
      return { ...head, metadata: metaJson(o.meta, true), spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } };
    case 'NetworkPolicy':
      return { ...head, metadata: metaJson(o.meta), spec: policySpecJson(o.policy) };
    case 'Service':
      return {
        ...head,
        metadata: metaJson(o.meta),
        spec: {
          clusterIP: o.clusterIP,
          clusterIPs: [o.clusterIP],
          internalTrafficPolicy: 'Cluster',
          ipFamilies: ['IPv4'],
          ipFamilyPolicy: 'SingleStack',
          ports: o.ports.map((p) => (p.name ? { name: p.name, port: p.port, protocol: p.protocol, targetPort: p.targetPort } : { port: p.port, protocol: p.protocol, targetPort: p.targetPort })),
          ...(Object.keys(o.selector).length ? { selector: { ...o.selector } } : {}),
          sessionAffinity: 'None',
          type: 'ClusterIP',
        },
        status: { loadBalancer: {} },
      };
    case 'Pod':
      return {
        ...head,
        metadata: metaJson(o.meta),
        spec: podSpecJson(o.containers, o.restartPolicy, {
          enableServiceLinks: true,
          ...(o.hostNetwork ? { hostNetwork: true } : {}),
          nodeName: o.nodeName,
          preemptionPolicy: 'PreemptLowerPriority',
          priority: 0,
          serviceAccount: 'default',
          serviceAccountName: 'default',
        }),
        status: podStatusJson(o),
      };
    case 'Deployment':
    case 'ReplicaSet': {
      const ready = podRunsForever(o.template.containers) ? o.replicas : 0;
      const spec: Json =
        o.kind === 'Deployment'
          ? {
              progressDeadlineSeconds: 600,
              replicas: o.replicas,
              revisionHistoryLimit: 10,
              selector: { matchLabels: { ...o.selector } },
              strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' }, type: 'RollingUpdate' },
              template: { metadata: { labels: sortedRecord(o.template.labels) }, spec: podSpecJson(o.template.containers, 'Always') },
            }
          : { replicas: o.replicas, selector: { matchLabels: { ...o.selector } }, template: { metadata: { labels: sortedRecord(o.template.labels) }, spec: podSpecJson(o.template.containers, 'Always') } };
      const status: Json = o.kind === 'Deployment'
        ? { ...(ready ? { availableReplicas: ready } : {}), observedGeneration: o.meta.generation, ...(ready ? { readyReplicas: ready } : {}), replicas: o.replicas, updatedReplicas: o.replicas }
        : { ...(ready ? { availableReplicas: ready } : {}), fullyLabeledReplicas: o.replicas, observedGeneration: o.meta.generation, ...(ready ? { readyReplicas: ready } : {}), replicas: o.replicas };
      if (o.replicas === 0) {
        delete status.updatedReplicas;
      }
      return { ...head, metadata: metaJson(o.meta), spec, status };
    }
  }
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const out: Json = {};
    for (const k of Object.keys(v as Json).sort()) out[k] = sortKeys((v as Json)[k]);
    return out;
  }
  return v;
}

/** YAML as kubectl prints it: keys sorted, sequences not indented, strings quoted only when needed. */
export function toYaml(value: unknown): string {
  const doc = new Document(sortKeys(value), { version: '1.1' });
  return doc.toString({ indentSeq: false, lineWidth: 0, minContentWidth: 0, defaultStringType: 'PLAIN', defaultKeyType: 'PLAIN', doubleQuotedAsJSON: true });
}

export function toJson(value: unknown): string {
  return JSON.stringify(value, null, 4) + '\n';
}

export function listOf(items: Json[]): Json {
  return { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
}
