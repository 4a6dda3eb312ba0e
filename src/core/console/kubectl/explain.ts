// `kubectl explain` for NetworkPolicy: the field tree with types, in kubectl's layout
// (GROUP/KIND/VERSION, FIELD, DESCRIPTION, FIELDS). The descriptions are short and our own.
import { findResource } from '../objects.js';

interface Field {
  type: string;
  doc: string;
  required?: boolean;
  enum?: string[];
  fields?: Record<string, Field>;
}

const SELECTOR: Record<string, Field> = {
  matchExpressions: {
    type: '[]LabelSelectorRequirement',
    doc: 'A list of label requirements (key, operator, values). All of them and every matchLabels entry must hold (AND).',
    fields: {
      key: { type: 'string', required: true, doc: 'The label key the requirement is about.' },
      operator: { type: 'string', required: true, doc: 'How the key relates to the values: In, NotIn, Exists or DoesNotExist.' },
      values: { type: '[]string', doc: 'The values for In and NotIn (non-empty there); must be empty for Exists and DoesNotExist.' },
    },
  },
  matchLabels: { type: 'map[string]string', doc: 'Labels that must all be present with exactly these values. An empty selector ({}) matches everything.' },
};

const PEER: Record<string, Field> = {
  ipBlock: {
    type: 'IPBlock',
    doc: 'A range of IP addresses (CIDR), with holes cut out by except. May not be combined with the selectors in the same peer. Meant for traffic from or to outside the cluster: Service IPs are translated to pod IPs before policies apply.',
    fields: {
      cidr: { type: 'string', required: true, doc: 'The range, e.g. "192.168.1.0/24" or "2001:db8::/64".' },
      except: { type: '[]string', doc: 'Ranges inside cidr that do not match. Each must lie within cidr.' },
    },
  },
  namespaceSelector: {
    type: 'LabelSelector',
    doc: 'Selects namespaces by their labels. Alone: every pod of the matching namespaces. With podSelector in the same peer: only those pods of those namespaces (AND). {} selects every namespace.',
    fields: SELECTOR,
  },
  podSelector: {
    type: 'LabelSelector',
    doc: "Selects pods by their labels. Alone: pods of the policy's own namespace only. With namespaceSelector in the same peer: pods of the selected namespaces (AND).",
    fields: SELECTOR,
  },
};

const PORT: Record<string, Field> = {
  endPort: { type: 'integer', doc: 'With a numeric port, the last port of a range port..endPort (inclusive). Must not be lower than port.' },
  port: { type: 'IntOrString', doc: 'A port number, or the name of a container port on the selected (or peer) pods. Absent: every port of the protocol. It is the pod port (a Service\'s targetPort), not the Service port.' },
  protocol: { type: 'string', enum: ['SCTP', 'TCP', 'UDP'], doc: 'TCP, UDP or SCTP. Defaults to TCP.' },
};

const SPEC: Record<string, Field> = {
  egress: {
    type: '[]NetworkPolicyEgressRule',
    doc: 'Allowed outgoing traffic of the selected pods, when Egress is among policyTypes. Traffic is allowed when any rule of any policy selecting the pod matches. An empty list allows nothing out (DNS included).',
    fields: {
      ports: { type: '[]NetworkPolicyPort', doc: 'Destination ports the rule allows. Empty or absent: every port.', fields: PORT },
      to: { type: '[]NetworkPolicyPeer', doc: 'Destinations the rule allows; entries are ORed. Empty or absent: every destination.', fields: PEER },
    },
  },
  ingress: {
    type: '[]NetworkPolicyIngressRule',
    doc: 'Allowed incoming traffic of the selected pods, when Ingress is among policyTypes. An empty list allows nothing in.',
    fields: {
      from: { type: '[]NetworkPolicyPeer', doc: 'Sources the rule allows; entries are ORed (each dash is one entry). Empty or absent: every source.', fields: PEER },
      ports: { type: '[]NetworkPolicyPort', doc: 'Ports on the selected pods the rule allows. Empty or absent: every port.', fields: PORT },
    },
  },
  podSelector: {
    type: 'LabelSelector',
    doc: "The pods of the policy's namespace the policy applies to. {} selects every pod of the namespace.",
    fields: SELECTOR,
  },
  policyTypes: {
    // The enum is on the array's items in the OpenAPI schema, so explain shows none here.
    type: '[]string',
    doc: 'The directions the policy restricts. When left out, Ingress is assumed, plus Egress if the policy has egress rules.',
  },
};

const ROOT: Field = {
  type: 'NetworkPolicy',
  doc: 'Which traffic the selected pods may receive and send. Pods selected by no policy are not restricted.',
  fields: {
    apiVersion: { type: 'string', doc: 'The schema version of the object: networking.k8s.io/v1.' },
    kind: { type: 'string', doc: 'The type of the object: NetworkPolicy.' },
    metadata: { type: 'ObjectMeta', doc: 'Name, namespace, labels and annotations. The policy acts only in its own namespace.' },
    spec: { type: 'NetworkPolicySpec', doc: 'What the policy selects and allows.', fields: SPEC },
  },
};

function wrap(text: string, indent: string, width = 76): string {
  const words = text.split(/\s+/);
  const lines: string[] = [];
  let cur = '';
  for (const w of words) {
    if (cur && (cur + ' ' + w).length > width) {
      lines.push(cur);
      cur = w;
    } else cur = cur ? `${cur} ${w}` : w;
  }
  if (cur) lines.push(cur);
  return lines.map((l) => indent + l).join('\n');
}

/** The field and its type, joined by the tab plaintext.tmpl writes (a terminal shows it to the next multiple of 8). */
function tabbed(left: string, right: string): string {
  return `${left}\t${right}`;
}

function typeText(f: Field): string {
  return f.type;
}

function fieldLines(fields: Record<string, Field>, recursive: boolean, depth: number): string[] {
  const out: string[] = [];
  for (const name of Object.keys(fields).sort()) {
    const f = fields[name];
    const left = `${'  '.repeat(depth + 1)}${name}`;
    out.push(tabbed(left, `<${typeText(f)}>${f.required ? ' -required-' : ''}`));
    // The short enum line sits under the field's name, at its indentation (extractEnum, not long view).
    if (f.enum && !recursive) out.push(`${'  '.repeat(depth + 1)}enum: ${f.enum.slice(0, 4).join(', ')}${f.enum.length > 4 ? ', ....' : ''}`);
    if (recursive) {
      if (f.fields) out.push(...fieldLines(f.fields, true, depth + 1));
      continue;
    }
    out.push(wrap(f.doc, '    '));
    out.push('');
  }
  return out;
}

/** The explanation for a dotted path ("networkpolicy.spec.ingress"), or kubectl's error. */
export function explain(path: string, recursive = false): string | { error: string } {
  const [head, ...parts] = path.split('.');
  const r = findResource(head);
  if (!r) return { error: `error: the server doesn't have a resource type "${head}"` };
  if (r.kind !== 'NetworkPolicy') return { error: `error: the console explains NetworkPolicy fields only (try: kubectl explain networkpolicy.spec)` };
  let node = ROOT;
  const walked: string[] = [];
  for (const p of parts) {
    const next = node.fields?.[p];
    if (!next) return { error: `error: field "${p}" does not exist` };
    walked.push(p);
    node = next;
  }
  const out: string[] = ['GROUP:      networking.k8s.io', 'KIND:       NetworkPolicy', 'VERSION:    v1', ''];
  // plaintext.tmpl: the FIELD line, its enum in the long view (one value a line), then two line breaks.
  if (walked.length) out.push(`FIELD: ${walked[walked.length - 1]} <${typeText(node)}>`, ...(node.enum ? ['ENUM:', ...node.enum.map((e) => `    ${e}`)] : []), '', '');
  if (walked.length && node.enum) out.pop();
  out.push('DESCRIPTION:', wrap(node.doc, '    '));
  out.push('    ');
  if (node.fields) {
    out.push('FIELDS:');
    out.push(...fieldLines(node.fields, recursive, 0));
  }
  while (out.length && out[out.length - 1] === '') out.pop();
  // The root template's own final line break: after the last field's blank line without --recursive.
  return out.join('\n') + (node.fields && !recursive ? '\n\n\n' : '\n\n');
}
