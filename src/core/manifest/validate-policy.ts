// NetworkPolicy (networking.k8s.io/v1): strict decoding, then the API server's defaulting
// and validation (ValidateNetworkPolicy as of Kubernetes 1.35), with positions kept on the
// policy, its rules, peers and ports.
import type { Protocol, SourcePos } from '../model.js';
import { PROTOCOLS } from '../model.js';
import { cidrContains, formatIp, formatIpGo, formatNetwork, hasHostBits, isIpv4Mapped, maskCidr, parseCidr, parseCidrLegacy, type CIDR } from '../ip.js';
import type {
  IPBlock,
  LabelSelector,
  LabelSelectorRequirement,
  NetworkPolicy,
  PolicyPeer,
  PolicyPort,
  PolicyRule,
  PolicyType,
  SelectorOperator,
} from '../policy.js';
import type { Finding } from '../findings.js';
import { readObjectMeta, dnsSubdomainName, validateLabels } from './meta.js';
import { isQualifiedName, isValidLabelValue, isValidPortName, isValidPortNum } from './names.js';
import { Reporter } from './report.js';
import { checkSchema, isPlainObject, networkPolicySchema } from './schema.js';
import type { FieldPath, Locator } from './yaml-documents.js';

export interface PolicyParseResult {
  /** Present only when there is no error (warnings may exist). */
  policy?: NetworkPolicy;
  findings: Finding[];
}

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj => (isPlainObject(v) ? v : {});
const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/**
 * Decode, default and validate one NetworkPolicy object. `data` is the plain object of one
 * YAML document (or List item); `locator` resolves paths relative to it.
 * apiVersion/kind are assumed already checked by the caller.
 */
export function parseNetworkPolicy(data: unknown, locator: Locator, file: string): PolicyParseResult {
  const r = new Reporter(file, locator);
  if (!checkSchema(data, networkPolicySchema, [], r)) return { findings: r.findings };
  const obj = asObj(data);
  const meta = readObjectMeta(obj.metadata, { namespaced: true, nameRule: dnsSubdomainName }, r);
  const spec = asObj(obj.spec);
  const pos = (path: FieldPath): SourcePos => locator.value(path);

  const podSelector = readSelector(spec.podSelector, ['spec', 'podSelector'], r) ?? { matchLabels: {}, matchExpressions: [] };
  const ingress = asList(spec.ingress).map((rule, i) => readRule(rule, ['spec', 'ingress', i], 'from', r, pos));
  const egress = asList(spec.egress).map((rule, i) => readRule(rule, ['spec', 'egress', i], 'to', r, pos));

  // Defaulting: missing or empty policyTypes -> Ingress, plus Egress when egress rules exist.
  const declared = asList(spec.policyTypes).map((t) => (typeof t === 'string' ? t : ''));
  let policyTypes: PolicyType[];
  const policyTypesDefaulted = declared.length === 0;
  if (policyTypesDefaulted) {
    policyTypes = egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
  } else {
    policyTypes = validatePolicyTypes(declared, r);
  }

  if (r.errorCount > 0) return { findings: r.findings };
  const policy: NetworkPolicy = {
    namespace: meta.namespace,
    name: meta.name,
    podSelector,
    policyTypes,
    policyTypesDefaulted,
    ingress,
    egress,
    source: { ...pos([]), file },
  };
  return { policy, findings: r.findings };
}

function validatePolicyTypes(declared: string[], r: Reporter): PolicyType[] {
  const path: FieldPath = ['spec', 'policyTypes'];
  if (declared.length > 2) {
    r.invalid(path, declared, 'may not specify more than two policyTypes');
    return [];
  }
  const out: PolicyType[] = [];
  declared.forEach((t, i) => {
    if (t !== 'Ingress' && t !== 'Egress') {
      r.unsupported([...path, i], t, ['Ingress', 'Egress']);
    } else if (out.includes(t)) {
      // The API server accepts ["Ingress", "Ingress"]; it means the same as ["Ingress"].
      r.warning([...path, i], `Duplicate value: ${JSON.stringify(t)}: listed twice (accepted by the API server, same as once)`);
    } else {
      out.push(t);
    }
  });
  return out;
}

function readRule(
  raw: unknown,
  path: FieldPath,
  peersField: 'from' | 'to',
  r: Reporter,
  pos: (p: FieldPath) => SourcePos,
): PolicyRule {
  const rule = asObj(raw);
  const ports = asList(rule.ports).map((p, i) => readPort(p, [...path, 'ports', i], r, pos));
  const peers = asList(rule[peersField]).map((p, i) => readPeer(p, [...path, peersField, i], r, pos));
  return { peers, ports, source: pos(path) };
}

function readPort(raw: unknown, path: FieldPath, r: Reporter, pos: (p: FieldPath) => SourcePos): PolicyPort {
  const p = asObj(raw);
  const protocolDefaulted = p.protocol === undefined || p.protocol === null;
  const protocolText = protocolDefaulted ? 'TCP' : (p.protocol as string);
  if (!PROTOCOLS.includes(protocolText as Protocol)) r.unsupported([...path, 'protocol'], protocolText, PROTOCOLS);
  const port = p.port === null ? undefined : (p.port as number | string | undefined);
  const endPort = p.endPort === null ? undefined : (p.endPort as number | undefined);

  if (port !== undefined) {
    if (typeof port === 'number') {
      for (const m of isValidPortNum(port)) r.invalid([...path, 'port'], port, m);
      if (endPort !== undefined) {
        if (endPort < port) r.invalid([...path, 'endPort'], endPort, 'must be greater than or equal to `port`');
        for (const m of isValidPortNum(endPort)) r.invalid([...path, 'endPort'], endPort, m);
      }
    } else {
      if (endPort !== undefined) r.invalid([...path, 'endPort'], endPort, 'may not be specified when `port` is non-numeric');
      for (const m of isValidPortName(port)) r.invalid([...path, 'port'], port, m);
    }
  } else if (endPort !== undefined) {
    r.invalid([...path, 'endPort'], endPort, 'may not be specified when `port` is not specified');
  }

  const out: PolicyPort = { protocol: protocolText as Protocol, protocolDefaulted, source: pos(path) };
  if (port !== undefined) out.port = port;
  if (endPort !== undefined) out.endPort = endPort;
  return out;
}

function readPeer(raw: unknown, path: FieldPath, r: Reporter, pos: (p: FieldPath) => SourcePos): PolicyPeer {
  const p = asObj(raw);
  const peer: PolicyPeer = { source: pos(path) };
  // A selector that is present, even `{}`, counts as a peer; null or absent does not.
  const podSelector = readSelector(p.podSelector, [...path, 'podSelector'], r);
  const namespaceSelector = readSelector(p.namespaceSelector, [...path, 'namespaceSelector'], r);
  const ipBlock = isPlainObject(p.ipBlock) ? readIpBlock(p.ipBlock, [...path, 'ipBlock'], r) : undefined;
  if (podSelector) peer.podSelector = podSelector;
  if (namespaceSelector) peer.namespaceSelector = namespaceSelector;
  if (ipBlock) peer.ipBlock = ipBlock;

  const count = [podSelector, namespaceSelector, p.ipBlock].filter((x) => x !== undefined && x !== null).length;
  if (count === 0) r.required(path, 'must specify a peer');
  else if (count > 1 && isPlainObject(p.ipBlock)) r.forbidden(path, 'may not specify both ipBlock and another peer');
  return peer;
}

/** Parse and validate a metav1.LabelSelector; undefined when the field is null or absent. */
export function readSelector(raw: unknown, path: FieldPath, r: Reporter): LabelSelector | undefined {
  if (!isPlainObject(raw)) return undefined;
  const matchLabels: Record<string, string> = {};
  if (isPlainObject(raw.matchLabels)) {
    for (const [k, v] of Object.entries(raw.matchLabels)) matchLabels[k] = typeof v === 'string' ? v : '';
    validateLabels(matchLabels, [...path, 'matchLabels'], r);
  }
  const matchExpressions: LabelSelectorRequirement[] = [];
  asList(raw.matchExpressions).forEach((e, i) => {
    const req = readRequirement(asObj(e), [...path, 'matchExpressions', i], r);
    if (req) matchExpressions.push(req);
  });
  return { matchLabels, matchExpressions };
}

function readRequirement(e: Obj, path: FieldPath, r: Reporter): LabelSelectorRequirement | undefined {
  const key = typeof e.key === 'string' ? e.key : '';
  const operator = typeof e.operator === 'string' ? e.operator : '';
  const values = asList(e.values).map((v) => (typeof v === 'string' ? v : ''));
  let ok = true;
  switch (operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) {
        r.required([...path, 'values'], "must be specified when `operator` is 'In' or 'NotIn'");
        ok = false;
      }
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0) {
        r.forbidden([...path, 'values'], "may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
        ok = false;
      }
      break;
    default:
      // The API server words this one as Invalid, not Unsupported.
      r.invalid([...path, 'operator'], operator, 'not a valid selector operator');
      ok = false;
  }
  for (const m of isQualifiedName(key)) r.invalid([...path, 'key'], key, m);
  values.forEach((v, i) => {
    for (const m of isValidLabelValue(v)) r.invalid([...path, 'values', i], v, m);
  });
  return ok ? { key, operator: operator as SelectorOperator, values } : undefined;
}

const CIDR_EXAMPLE = 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)';

/**
 * ipBlock CIDRs as Kubernetes 1.35 validates them: IsValidCIDRForLegacyField with the
 * StrictIPCIDRValidation gate off (alpha, off by default in 1.35; KEP-4858), so only a value
 * that ParseCIDRSloppy cannot read is an error. Leading zeros (read as decimal), IPv4-mapped
 * IPv6 and bits beyond the prefix (ignored) are accepted with the API server's warnings
 * (GetWarningsForCIDR). The gate turns these into errors from 1.36 on.
 */
function checkCidr(text: string, path: FieldPath, r: Reporter): CIDR | undefined {
  const c = parseCidrLegacy(text);
  if (!c) {
    r.invalid(path, text, CIDR_EXAMPLE);
    return undefined;
  }
  const network = formatNetwork(c);
  let warned = false;
  if (hasHostBits(c)) {
    r.warning(path, `CIDR value ${JSON.stringify(text)} is ambiguous in this context (should be "${network}" or "${formatIpGo(c)}/${c.bytes.length * 8}"?)`);
    warned = true;
  }
  if (!parseCidr(text) || isIpv4Mapped(c)) {
    r.warning(path, `non-standard CIDR value ${JSON.stringify(text)} will be considered invalid in a future Kubernetes release: use "${network}"`);
    warned = true;
  }
  if (!warned && c.family === 6 && `${formatIp(c)}/${c.prefix}` !== text) {
    r.warning(path, `IPv6 CIDR value ${JSON.stringify(text)} should be in RFC 5952 canonical format ("${formatIp(c)}/${c.prefix}")`);
  }
  return c;
}

function readIpBlock(raw: Obj, path: FieldPath, r: Reporter): IPBlock {
  const cidrText = typeof raw.cidr === 'string' ? raw.cidr : '';
  const except = asList(raw.except).map((e) => (typeof e === 'string' ? e : ''));
  const block: IPBlock = { cidr: cidrText, except };
  if (cidrText === '') {
    r.required([...path, 'cidr']);
    return block;
  }
  const cidr = checkCidr(cidrText, [...path, 'cidr'], r);
  if (!cidr) return block;
  except.forEach((text, i) => {
    const e = checkCidr(text, [...path, 'except', i], r);
    if (!e) return;
    // As ValidateIPBlock: except's network inside cidr, and a longer prefix as written (an
    // IPv4-mapped "::ffff:10.1.0.0/112" counts 112 bits, like Go's Mask.Size()).
    if (e.prefix <= cidr.prefix || !cidrContains(cidr, maskCidr(e))) {
      r.invalid([...path, 'except', i], text, 'must be a strict subset of `cidr`');
    }
  });
  return block;
}
