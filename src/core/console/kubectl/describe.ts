// kubectl describe, following k8s.io/kubectl/pkg/describe/describe.go: the same lines,
// levels (two spaces each) and tabwriter alignment (minwidth 0, padding 2).
import type { PolicyPeer, PolicyRule, NetworkPolicy } from '../../policy.js';
import type { Network } from '../network.js';
import type { DeploymentObject, NamespaceObject, NetworkPolicyObject, PodObject, ReplicaSetObject, ServiceObject, ApiObject } from '../objects.js';
import { formatLabelSelector, formatLabels } from '../selectors.js';
import { DESCRIBE, tabwrite } from '../tabwriter.js';
import { LAST_APPLIED } from './manifest-form.js';
import { podRunsForever } from '../images.js';

class Writer {
  text = '';
  write(level: number, s: string): void {
    this.text += '  '.repeat(level) + s;
  }
  done(): string[] {
    return tabwrite(this.text, DESCRIBE);
  }
}

/** Go's time.Time.String() in UTC, as "Created on:" prints metav1.Time. */
function goTime(ms: number): string {
  const d = new Date(Math.floor(ms / 1000) * 1000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000 UTC`;
}

/** time.RFC1123Z: "Mon, 02 Jan 2006 15:04:05 -0700". */
function rfc1123z(ms: number): string {
  const d = new Date(Math.floor(ms / 1000) * 1000);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]}, ${p(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

function labelsMultiline(w: Writer, title: string, labels: Record<string, string>, indent = ''): void {
  w.write(0, `${indent}${title}:\t`);
  const keys = Object.keys(labels).sort();
  if (keys.length === 0) {
    w.write(0, '<none>\n');
    return;
  }
  keys.forEach((k, i) => {
    if (i > 0) w.write(0, `${indent}\t`);
    w.write(0, `${k}=${labels[k]}\n`);
  });
}

function annotationsMultiline(w: Writer, title: string, annotations: Record<string, string>): void {
  w.write(0, `${title}:\t`);
  const keys = Object.keys(annotations)
    .filter((k) => k !== LAST_APPLIED)
    .sort();
  if (keys.length === 0) {
    w.write(0, '<none>\n');
    return;
  }
  keys.forEach((k, i) => {
    if (i > 0) w.write(0, '\t');
    const value = annotations[k].replace(/\n$/, '');
    if (value.length + k.length + 2 > 140 || value.includes('\n')) {
      w.write(0, `${k}:\n`);
      for (const s of value.split('\n')) w.write(0, `\t  ${s.length > 138 ? s.slice(0, 138) + '...' : s}\n`);
    } else w.write(0, `${k}: ${value}\n`);
  });
}

// ---- NetworkPolicy --------------------------------------------------------------------

function portLines(w: Writer, rule: PolicyRule, indent: string): void {
  if (rule.ports.length === 0) {
    w.write(0, `${indent}To Port: <any> (traffic allowed to all ports)\n`);
    return;
  }
  for (const p of rule.ports) {
    const port = p.port === undefined ? '<nil>' : String(p.port);
    if (p.endPort === undefined) w.write(0, `${indent}To Port: ${port}/${p.protocol}\n`);
    else w.write(0, `${indent}To Port Range: ${port}-${p.endPort}/${p.protocol}\n`);
  }
}

function peerLines(w: Writer, peers: PolicyPeer[], indent: string, word: 'From' | 'To'): void {
  if (peers.length === 0) {
    w.write(0, `${indent}${word}: <any> (traffic not restricted by ${word === 'From' ? 'source' : 'destination'})\n`);
    return;
  }
  for (const p of peers) {
    w.write(0, `${indent}${word}:\n`);
    if (p.podSelector && p.namespaceSelector) {
      w.write(1, `${indent}NamespaceSelector: ${formatLabelSelector(p.namespaceSelector)}\n`);
      w.write(1, `${indent}PodSelector: ${formatLabelSelector(p.podSelector)}\n`);
    } else if (p.podSelector) w.write(1, `${indent}PodSelector: ${formatLabelSelector(p.podSelector)}\n`);
    else if (p.namespaceSelector) w.write(1, `${indent}NamespaceSelector: ${formatLabelSelector(p.namespaceSelector)}\n`);
    else if (p.ipBlock) {
      w.write(1, `${indent}IPBlock:\n`);
      w.write(2, `${indent}CIDR: ${p.ipBlock.cidr}\n`);
      w.write(2, `${indent}Except: ${p.ipBlock.except.join(', ')}\n`);
    }
  }
}

function rulesLines(w: Writer, rules: PolicyRule[], word: 'From' | 'To', isolated: string): void {
  const indent = '    ';
  if (rules.length === 0) {
    w.write(0, `${indent}<none> (Selected pods are isolated for ${isolated} connectivity)\n`);
    return;
  }
  rules.forEach((r, i) => {
    portLines(w, r, indent);
    peerLines(w, r.peers, indent, word);
    if (i !== rules.length - 1) w.write(0, `${indent}----------\n`);
  });
}

export function describeNetworkPolicySpec(w: Writer, p: NetworkPolicy): void {
  w.write(0, 'Spec:\n');
  w.write(1, 'PodSelector: ');
  const sel = formatLabelSelector(p.podSelector);
  w.write(2, sel === '<none>' ? '<none> (Allowing the specific traffic to all pods in this namespace)\n' : `${sel}\n`);
  if (p.policyTypes.includes('Ingress')) {
    w.write(1, 'Allowing ingress traffic:\n');
    rulesLines(w, p.ingress, 'From', 'ingress');
  } else w.write(1, 'Not affecting ingress traffic\n');
  if (p.policyTypes.includes('Egress')) {
    w.write(1, 'Allowing egress traffic:\n');
    rulesLines(w, p.egress, 'To', 'egress');
  } else w.write(1, 'Not affecting egress traffic\n');
  w.write(1, `Policy Types: ${p.policyTypes.length ? p.policyTypes.join(', ') : '<none>'}\n`);
}

export function describeNetworkPolicy(o: NetworkPolicyObject): string[] {
  const w = new Writer();
  w.write(0, `Name:\t${o.meta.name}\n`);
  w.write(0, `Namespace:\t${o.meta.namespace}\n`);
  w.write(0, `Created on:\t${goTime(o.meta.created)}\n`);
  labelsMultiline(w, 'Labels', o.meta.labels);
  annotationsMultiline(w, 'Annotations', o.meta.annotations);
  describeNetworkPolicySpec(w, o.policy);
  return w.done();
}

// ---- Namespace ----------------------------------------------------------------------------

export function describeNamespace(o: NamespaceObject): string[] {
  const w = new Writer();
  w.write(0, `Name:\t${o.meta.name}\n`);
  labelsMultiline(w, 'Labels', o.meta.labels);
  annotationsMultiline(w, 'Annotations', o.meta.annotations);
  w.write(0, 'Status:\tActive\n');
  w.write(0, '\n');
  w.write(0, 'No resource quota.\n');
  w.write(0, '\n');
  w.write(0, 'No LimitRange resource.\n');
  return w.done();
}

// ---- Pod ----------------------------------------------------------------------------------

function containerId(seed: string): string {
  let h = 0x811c9dc5;
  let out = '';
  for (let round = 0; out.length < 64; round++) {
    for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193) >>> 0;
    h = Math.imul(h ^ round, 0x5bd1e995) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, 64);
}

export function describePod(p: PodObject): string[] {
  const w = new Writer();
  w.write(0, `Name:\t${p.meta.name}\n`);
  w.write(0, `Namespace:\t${p.meta.namespace}\n`);
  w.write(0, 'Priority:\t0\n');
  w.write(0, 'Service Account:\tdefault\n');
  w.write(0, `Node:\t${p.nodeName}/${p.hostIP}\n`);
  w.write(0, `Start Time:\t${rfc1123z(p.meta.created)}\n`);
  labelsMultiline(w, 'Labels', p.meta.labels);
  annotationsMultiline(w, 'Annotations', p.meta.annotations);
  w.write(0, `Status:\t${p.phase}\n`);
  w.write(0, `IP:\t${p.ip}\n`);
  if (p.ip) {
    w.write(0, 'IPs:\n');
    w.write(1, `IP:\t${p.ip}\n`);
  } else w.write(0, 'IPs:\t<none>\n');
  if (p.meta.owner) w.write(0, `Controlled By:\t${p.meta.owner.kind}/${p.meta.owner.name}\n`);
  w.write(0, 'Containers:\n');
  const ready = p.phase === 'Running' && !p.waitingReason;
  for (const c of p.containers) {
    w.write(1, `${c.name}:\n`);
    w.write(2, `Container ID:\tcontainerd://${containerId(p.meta.uid + c.name)}\n`);
    w.write(2, `Image:\t${c.image}\n`);
    const ref = c.image.includes('/') ? c.image.split(':')[0] : `docker.io/library/${c.image.split(':')[0]}`;
    w.write(2, `Image ID:\t${ref}@sha256:${containerId(c.image)}\n`);
    const ports = c.ports.map((x) => `${x.port}/${x.protocol}${x.name ? ` (${x.name})` : ''}`).join(', ');
    const hostPorts = c.ports.map((x) => `0/${x.protocol}${x.name ? ` (${x.name})` : ''}`).join(', ');
    w.write(2, ports.includes(',') ? `Ports:\t${ports}\n` : `Port:\t${ports || '<none>'}\n`);
    w.write(2, hostPorts.includes(',') ? `Host Ports:\t${hostPorts}\n` : `Host Port:\t${hostPorts || '<none>'}\n`);
    if (c.command.length) {
      w.write(2, 'Command:\n');
      for (const x of c.command) w.write(3, `${x}\n`);
    }
    if (c.args.length) {
      w.write(2, 'Args:\n');
      for (const x of c.args) w.write(3, `${x}\n`);
    }
    if (ready) {
      w.write(2, 'State:\tRunning\n');
      w.write(3, `Started:\t${rfc1123z(p.meta.created + 2000)}\n`);
    } else if (p.waitingReason) {
      w.write(2, 'State:\tWaiting\n');
      w.write(3, `Reason:\t${p.waitingReason}\n`);
      w.write(2, 'Last State:\tTerminated\n');
      w.write(3, 'Reason:\tCompleted\n');
      w.write(3, 'Exit Code:\t0\n');
      w.write(3, `Started:\t${rfc1123z(p.meta.created + 2000)}\n`);
      w.write(3, `Finished:\t${rfc1123z(p.meta.created + 2000)}\n`);
    } else {
      w.write(2, 'State:\tTerminated\n');
      w.write(3, `Reason:\t${p.phase === 'Failed' ? 'Error' : 'Completed'}\n`);
      w.write(3, `Exit Code:\t${p.phase === 'Failed' ? 1 : 0}\n`);
      w.write(3, `Started:\t${rfc1123z(p.meta.created + 2000)}\n`);
      w.write(3, `Finished:\t${rfc1123z(p.meta.created + 2000)}\n`);
    }
    w.write(2, `Ready:\t${ready ? 'True' : 'False'}\n`);
    w.write(2, `Restart Count:\t${p.restarts}\n`);
    w.write(2, 'Environment:\t<none>\n');
    w.write(2, 'Mounts:\n');
    w.write(3, `/var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-${containerId(p.meta.uid).slice(0, 5).replace(/[0-9]/g, (d) => 'bcdfghjklm'[Number(d)])} (ro)\n`);
  }
  w.write(0, 'Conditions:\n  Type\tStatus\n');
  const condition = (t: string, s: boolean) => w.write(1, `${t} \t${s ? 'True' : 'False'} \n`);
  condition('PodReadyToStartContainers', p.phase === 'Running');
  condition('Initialized', true);
  condition('Ready', ready);
  condition('ContainersReady', ready);
  condition('PodScheduled', true);
  const vol = `kube-api-access-${containerId(p.meta.uid).slice(0, 5).replace(/[0-9]/g, (d) => 'bcdfghjklm'[Number(d)])}`;
  w.write(0, 'Volumes:\n');
  w.write(1, `${vol}:\n`);
  w.write(2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
  w.write(2, 'TokenExpirationSeconds:\t3607\n');
  w.write(2, 'ConfigMapName:\tkube-root-ca.crt\n');
  w.write(2, 'Optional:\tfalse\n');
  w.write(2, 'DownwardAPI:\ttrue\n');
  w.write(0, 'QoS Class:\tBestEffort\n');
  w.write(0, 'Node-Selectors:\t<none>\n');
  w.write(0, 'Tolerations:\tnode.kubernetes.io/not-ready:NoExecute op=Exists for 300s\n');
  w.write(0, '\tnode.kubernetes.io/unreachable:NoExecute op=Exists for 300s\n');
  w.write(0, 'Events:\t<none>\n');
  return w.done();
}

// ---- Service ------------------------------------------------------------------------------

export function describeService(s: ServiceObject, net: Network): string[] {
  const w = new Writer();
  w.write(0, `Name:\t${s.meta.name}\n`);
  w.write(0, `Namespace:\t${s.meta.namespace}\n`);
  labelsMultiline(w, 'Labels', s.meta.labels);
  annotationsMultiline(w, 'Annotations', s.meta.annotations);
  w.write(0, `Selector:\t${Object.keys(s.selector).length ? formatLabels(s.selector) : ''}\n`);
  w.write(0, 'Type:\tClusterIP\n');
  w.write(0, 'IP Family Policy:\tSingleStack\n');
  w.write(0, 'IP Families:\tIPv4\n');
  w.write(0, `IP:\t${s.clusterIP}\n`);
  w.write(0, `IPs:\t${s.clusterIP}\n`);
  for (const p of s.ports) {
    const name = p.name || '<unset>';
    w.write(0, `Port:\t${name}\t${p.port}/${p.protocol}\n`);
    w.write(0, `TargetPort:\t${p.targetPort}/${p.protocol}\n`);
    const eps = net.endpoints(s, p.targetPort, p.protocol).map((e) => (e.kind === 'pod' ? `${e.pod.ip}:${e.port}` : e.kind === 'node' ? `172.30.1.2:${e.port}` : ''));
    const shown = eps.length > 3 ? `${eps.slice(0, 3).join(',')} + ${eps.length - 3} more...` : eps.join(',');
    w.write(0, `Endpoints:\t${shown || '<none>'}\n`);
  }
  w.write(0, 'Session Affinity:\tNone\n');
  w.write(0, 'Internal Traffic Policy:\tCluster\n');
  w.write(0, 'Events:\t<none>\n');
  return w.done();
}

// ---- Deployment / ReplicaSet ----------------------------------------------------------

function templateLines(w: Writer, o: DeploymentObject | ReplicaSetObject): void {
  w.write(0, 'Pod Template:\n');
  labelsMultiline(w, 'Labels', o.template.labels, '  ');
  w.write(1, 'Containers:\n');
  for (const c of o.template.containers) {
    w.write(2, `${c.name}:\n`);
    w.write(3, `Image:\t${c.image}\n`);
    const ports = c.ports.map((x) => `${x.port}/${x.protocol}${x.name ? ` (${x.name})` : ''}`).join(', ');
    w.write(3, ports.includes(',') ? `Ports:\t${ports}\n` : `Port:\t${ports || '<none>'}\n`);
    w.write(3, `Host Port:\t${c.ports.length ? `0/${c.ports[0].protocol}` : '<none>'}\n`);
    if (c.command.length) {
      w.write(3, 'Command:\n');
      for (const x of c.command) w.write(4, `${x}\n`);
    }
    if (c.args.length) {
      w.write(3, 'Args:\n');
      for (const x of c.args) w.write(4, `${x}\n`);
    }
    w.write(3, 'Environment:\t<none>\n');
    w.write(3, 'Mounts:\t<none>\n');
  }
  w.write(1, 'Volumes:\t<none>\n');
  w.write(1, 'Node-Selectors:\t<none>\n');
  w.write(1, 'Tolerations:\t<none>\n');
}

export function describeDeployment(d: DeploymentObject, rs: ReplicaSetObject | undefined): string[] {
  const w = new Writer();
  const ready = podRunsForever(d.template.containers) ? d.replicas : 0;
  w.write(0, `Name:\t${d.meta.name}\n`);
  w.write(0, `Namespace:\t${d.meta.namespace}\n`);
  w.write(0, `CreationTimestamp:\t${rfc1123z(d.meta.created)}\n`);
  labelsMultiline(w, 'Labels', d.meta.labels);
  annotationsMultiline(w, 'Annotations', d.meta.annotations);
  w.write(0, `Selector:\t${formatLabels(d.selector)}\n`);
  w.write(0, `Replicas:\t${d.replicas} desired | ${d.replicas} updated | ${d.replicas} total | ${ready} available | ${d.replicas - ready} unavailable\n`);
  w.write(0, 'StrategyType:\tRollingUpdate\n');
  w.write(0, 'MinReadySeconds:\t0\n');
  w.write(0, 'RollingUpdateStrategy:\t25% max unavailable, 25% max surge\n');
  templateLines(w, d);
  w.write(0, 'Conditions:\n');
  w.write(1, 'Type\tStatus\tReason\n');
  w.write(1, '----\t------\t------\n');
  w.write(1, `Available \t${ready === d.replicas ? 'True' : 'False'}\t${ready === d.replicas ? 'MinimumReplicasAvailable' : 'MinimumReplicasUnavailable'}\n`);
  w.write(1, 'Progressing \tTrue\tNewReplicaSetAvailable\n');
  w.write(0, 'OldReplicaSets:\t<none>\n');
  w.write(0, `NewReplicaSet:\t${rs ? `${rs.meta.name} (${rs.replicas}/${rs.replicas} replicas created)` : '<none>'}\n`);
  w.write(0, 'Events:\t<none>\n');
  return w.done();
}

export function describeReplicaSet(rs: ReplicaSetObject): string[] {
  const w = new Writer();
  const ready = podRunsForever(rs.template.containers) ? rs.replicas : 0;
  w.write(0, `Name:\t${rs.meta.name}\n`);
  w.write(0, `Namespace:\t${rs.meta.namespace}\n`);
  w.write(0, `Selector:\t${formatLabels(rs.selector)}\n`);
  labelsMultiline(w, 'Labels', rs.meta.labels);
  annotationsMultiline(w, 'Annotations', rs.meta.annotations);
  if (rs.meta.owner) w.write(0, `Controlled By:\t${rs.meta.owner.kind}/${rs.meta.owner.name}\n`);
  w.write(0, `Replicas:\t${rs.replicas} current / ${rs.replicas} desired\n`);
  w.write(0, `Pods Status:\t${ready} Running / ${rs.replicas - ready} Waiting / 0 Succeeded / 0 Failed\n`);
  templateLines(w, rs);
  w.write(0, 'Events:\t<none>\n');
  return w.done();
}

export function describeObject(o: ApiObject, net: Network, rsOf: (d: DeploymentObject) => ReplicaSetObject | undefined): string[] {
  switch (o.kind) {
    case 'NetworkPolicy':
      return describeNetworkPolicy(o);
    case 'Namespace':
      return describeNamespace(o);
    case 'Pod':
      return describePod(o);
    case 'Service':
      return describeService(o, net);
    case 'Deployment':
      return describeDeployment(o, rsOf(o));
    case 'ReplicaSet':
      return describeReplicaSet(o);
  }
}

export { Writer as DescribeWriter };
