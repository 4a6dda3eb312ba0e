// Text of exercises/<id>.yaml -> a validated Scenario, or located findings.
// Every mistake a scenario author can make is a FILE:LINE:COL finding naming the scenario.
import type { Finding } from '../findings.js';
import type { Cni, ContainerPort, ExternalHost, Protocol, ServicePort, SourcePos } from '../model.js';
import { CNIS, PROTOCOLS } from '../model.js';
import { parseIp } from '../ip.js';
import { parseYamlDocuments, type FieldPath, type Locator } from '../manifest/yaml-documents.js';
import { Reporter } from '../manifest/report.js';
import { isDns1123Label, isQualifiedName, isValidLabelValue } from '../manifest/names.js';
import { IMAGE_PORTS, imageName, parsePortText, emptyClusterSpec } from './cluster-spec.js';
import type { ClusterSpec, DeploymentSpec, NamespaceSpec, PodSpec, ServiceSpec } from './cluster-spec.js';
import { parseCommand } from './command.js';
import type {
  Candidate,
  CellPattern,
  CheckSpec,
  Expectation,
  PortPattern,
  Question,
  Requirement,
  Scenario,
  ScenarioKind,
  Solution,
  Step,
  TextBlock,
  WrongAnswer,
} from './scenario.js';
import { SCENARIO_KINDS } from './scenario.js';

export interface ParsedScenario {
  scenario?: Scenario;
  findings: Finding[];
}

type Obj = Record<string, unknown>;

/** Field reading with located errors; every reader returns undefined after reporting. */
class ScenarioReader {
  readonly r: Reporter;
  private readonly lines: string[];
  constructor(
    readonly file: string,
    text: string,
    locator: Locator,
  ) {
    this.r = new Reporter(file, locator);
    this.lines = text.split('\n');
  }

  pos(path: FieldPath): SourcePos {
    return this.r.locator.value(path);
  }

  obj(v: unknown, path: FieldPath, fields: readonly string[], required: readonly string[] = []): Obj | undefined {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      this.r.invalid(path, v, 'must be a mapping');
      return undefined;
    }
    const o = v as Obj;
    for (const k of Object.keys(o)) if (!fields.includes(k)) this.r.unknownField([...path, k]);
    for (const k of required) if (o[k] === undefined || o[k] === null) this.r.required([...path, k]);
    return o;
  }

  list(v: unknown, path: FieldPath, { min = 0 } = {}): unknown[] | undefined {
    if (v === undefined || v === null) {
      if (min > 0) this.r.required(path, `at least ${min} entr${min === 1 ? 'y' : 'ies'}`);
      return min > 0 ? undefined : [];
    }
    if (!Array.isArray(v)) {
      this.r.invalid(path, v, 'must be a list');
      return undefined;
    }
    if (v.length < min) this.r.required(path, `at least ${min} entr${min === 1 ? 'y' : 'ies'}`);
    return v;
  }

  str(v: unknown, path: FieldPath, required = true): string | undefined {
    if (v === undefined || v === null) {
      if (required) this.r.required(path);
      return undefined;
    }
    if (typeof v !== 'string' || v.trim() === '') {
      this.r.invalid(path, v, 'must be a non-empty string');
      return undefined;
    }
    return v;
  }

  int(v: unknown, path: FieldPath, min: number, max: number, required = true): number | undefined {
    if (v === undefined || v === null) {
      if (required) this.r.required(path);
      return undefined;
    }
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      this.r.invalid(path, v, `must be an integer from ${min} to ${max}`);
      return undefined;
    }
    return v;
  }

  oneOf<T extends string>(v: unknown, path: FieldPath, allowed: readonly T[], required = true): T | undefined {
    if (v === undefined || v === null) {
      if (required) this.r.required(path);
      return undefined;
    }
    if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
      this.r.unsupported(path, v, allowed);
      return undefined;
    }
    return v as T;
  }

  labels(v: unknown, path: FieldPath): Record<string, string> | undefined {
    if (v === undefined || v === null) return undefined;
    const o = this.obj(v, path, Object.keys(typeof v === 'object' && v ? v : {}));
    if (!o) return undefined;
    const out: Record<string, string> = {};
    for (const [k, val] of Object.entries(o)) {
      const keyErrs = isQualifiedName(k);
      if (keyErrs.length) this.r.invalid([...path, k], k, keyErrs[0]);
      if (typeof val !== 'string') {
        this.r.invalid([...path, k], val, 'label values are strings: quote it (YAML reads yes/no/on/off/numbers otherwise)');
        continue;
      }
      const valErrs = isValidLabelValue(val);
      if (valErrs.length) this.r.invalid([...path, k], val, valErrs[0]);
      out[k] = val;
    }
    return out;
  }

  /** A block of embedded YAML; remembers where its text starts for FILE:LINE:COL of its findings. */
  block(v: unknown, path: FieldPath, required = true): TextBlock | undefined {
    const text = this.str(v, path, required);
    if (text === undefined) return undefined;
    const at = this.pos(path);
    const header = this.lines[at.line - 1] ?? '';
    const isBlock = /^[|>]/.test(header.slice(at.col - 1));
    if (!isBlock) return { text, file: this.file, line: at.line, indent: at.col - 1 };
    const line = at.line + 1;
    // The first content line decides the indentation.
    let indent = 0;
    for (let i = at.line; i < this.lines.length; i++) {
      if (this.lines[i].trim() !== '') {
        indent = this.lines[i].length - this.lines[i].trimStart().length;
        break;
      }
    }
    return { text, file: this.file, line, indent };
  }
}

function parsePortEntry(rd: ScenarioReader, v: unknown, path: FieldPath): ContainerPort | undefined {
  if (typeof v === 'number' || typeof v === 'string') {
    const p = parsePortText(String(v));
    if (!p) {
      rd.r.invalid(path, v, 'a port is written 80, 80/TCP, 53/UDP or {port, protocol, name}');
      return undefined;
    }
    return p;
  }
  const o = rd.obj(v, path, ['port', 'protocol', 'name'], ['port']);
  if (!o) return undefined;
  const port = rd.int(o.port, [...path, 'port'], 1, 65535);
  const protocol = rd.oneOf<Protocol>(o.protocol, [...path, 'protocol'], PROTOCOLS, false) ?? 'TCP';
  const name = rd.str(o.name, [...path, 'name'], false);
  if (port === undefined) return undefined;
  return name ? { name, port, protocol } : { port, protocol };
}

function parsePorts(rd: ScenarioReader, v: unknown, path: FieldPath): ContainerPort[] | undefined {
  if (v === undefined || v === null) return undefined;
  const items = rd.list(Array.isArray(v) ? v : [v], path);
  if (!items) return undefined;
  const out: ContainerPort[] = [];
  items.forEach((it, i) => {
    const p = parsePortEntry(rd, it, Array.isArray(v) ? [...path, i] : path);
    if (p) out.push(p);
  });
  return out;
}

function parseServicePort(rd: ScenarioReader, v: unknown, path: FieldPath): ServicePort | undefined {
  if (typeof v === 'number') {
    const port = rd.int(v, path, 1, 65535);
    return port === undefined ? undefined : { port, targetPort: port, protocol: 'TCP' };
  }
  const o = rd.obj(v, path, ['port', 'targetPort', 'protocol', 'name'], ['port']);
  if (!o) return undefined;
  const port = rd.int(o.port, [...path, 'port'], 1, 65535);
  const protocol = rd.oneOf<Protocol>(o.protocol, [...path, 'protocol'], PROTOCOLS, false) ?? 'TCP';
  let targetPort: number | string | undefined = port;
  if (typeof o.targetPort === 'string') targetPort = o.targetPort;
  else if (o.targetPort !== undefined) targetPort = rd.int(o.targetPort, [...path, 'targetPort'], 1, 65535);
  const name = rd.str(o.name, [...path, 'name'], false);
  if (port === undefined || targetPort === undefined) return undefined;
  return name ? { name, port, targetPort, protocol } : { port, targetPort, protocol };
}

function parseName(rd: ScenarioReader, v: unknown, path: FieldPath): string | undefined {
  const s = rd.str(v, path);
  if (s === undefined) return undefined;
  const errs = isDns1123Label(s);
  if (errs.length) {
    rd.r.invalid(path, s, errs[0]);
    return undefined;
  }
  return s;
}

/** `declared` collects namespace names so that later entries can be checked against them. */
function parseClusterSpec(rd: ScenarioReader, v: unknown, path: FieldPath, declared: Set<string>): ClusterSpec | undefined {
  const spec = emptyClusterSpec();
  if (v === undefined || v === null) return spec;
  const o = rd.obj(v, path, ['namespaces', 'deployments', 'pods', 'services', 'externals']);
  if (!o) return undefined;
  const nsKnown = (ns: string | undefined, p: FieldPath): string | undefined => {
    if (ns === undefined) return undefined;
    if (!declared.has(ns)) {
      rd.r.invalid(p, ns, 'namespace not declared under cluster.namespaces (only default and kube-system exist already)');
      return undefined;
    }
    return ns;
  };
  (rd.list(o.namespaces, [...path, 'namespaces']) ?? []).forEach((it, i) => {
    const p = [...path, 'namespaces', i];
    const n = rd.obj(it, p, ['name', 'labels'], ['name']);
    if (!n) return;
    const name = parseName(rd, n.name, [...p, 'name']);
    const labels = rd.labels(n.labels, [...p, 'labels']) ?? {};
    if (name === undefined) return;
    declared.add(name);
    const ns: NamespaceSpec = { name, labels };
    spec.namespaces.push(ns);
  });
  (rd.list(o.deployments, [...path, 'deployments']) ?? []).forEach((it, i) => {
    const p = [...path, 'deployments', i];
    const d = rd.obj(it, p, ['name', 'namespace', 'image', 'replicas', 'labels', 'ports', 'expose'], ['name', 'namespace', 'image']);
    if (!d) return;
    const name = parseName(rd, d.name, [...p, 'name']);
    const namespace = nsKnown(rd.str(d.namespace, [...p, 'namespace']), [...p, 'namespace']);
    const image = rd.str(d.image, [...p, 'image']);
    const replicas = rd.int(d.replicas, [...p, 'replicas'], 1, 10, false) ?? 1;
    const labels = rd.labels(d.labels, [...p, 'labels']) ?? (name ? { app: name } : {});
    let ports = parsePorts(rd, d.ports, [...p, 'ports']);
    if (ports === undefined && image !== undefined) {
      const known = IMAGE_PORTS[imageName(image)];
      if (!known) rd.r.required([...p, 'ports'], `image "${image}" is not in the image table: say which ports it serves`);
      ports = known ? [...known] : [];
    }
    const expose = d.expose === undefined ? undefined : parseServicePort(rd, d.expose, [...p, 'expose']);
    if (name === undefined || namespace === undefined || image === undefined) return;
    const dep: DeploymentSpec = { name, namespace, image, replicas, labels, ports: ports ?? [], ...(expose ? { expose } : {}) };
    spec.deployments.push(dep);
  });
  (rd.list(o.pods, [...path, 'pods']) ?? []).forEach((it, i) => {
    const p = [...path, 'pods', i];
    const d = rd.obj(it, p, ['name', 'namespace', 'image', 'labels', 'ports', 'ip'], ['name', 'namespace', 'image']);
    if (!d) return;
    const name = parseName(rd, d.name, [...p, 'name']);
    const namespace = nsKnown(rd.str(d.namespace, [...p, 'namespace']), [...p, 'namespace']);
    const image = rd.str(d.image, [...p, 'image']);
    const labels = rd.labels(d.labels, [...p, 'labels']) ?? (name ? { run: name } : {});
    let ports = parsePorts(rd, d.ports, [...p, 'ports']);
    if (ports === undefined && image !== undefined) {
      const known = IMAGE_PORTS[imageName(image)];
      if (!known) rd.r.required([...p, 'ports'], `image "${image}" is not in the image table: say which ports it serves`);
      ports = known ? [...known] : [];
    }
    const ip = rd.str(d.ip, [...p, 'ip'], false);
    if (ip !== undefined && !parseIp(ip)) rd.r.invalid([...p, 'ip'], ip, 'must be an IP address');
    if (name === undefined || namespace === undefined || image === undefined) return;
    const pod: PodSpec = { name, namespace, image, labels, ports: ports ?? [], ...(ip ? { ip } : {}) };
    spec.pods.push(pod);
  });
  (rd.list(o.services, [...path, 'services']) ?? []).forEach((it, i) => {
    const p = [...path, 'services', i];
    const s = rd.obj(it, p, ['name', 'namespace', 'selector', 'ports'], ['name', 'namespace', 'ports']);
    if (!s) return;
    const name = parseName(rd, s.name, [...p, 'name']);
    const namespace = nsKnown(rd.str(s.namespace, [...p, 'namespace']), [...p, 'namespace']);
    const selector = rd.labels(s.selector, [...p, 'selector']) ?? {};
    const ports: ServicePort[] = [];
    (rd.list(s.ports, [...p, 'ports'], { min: 1 }) ?? []).forEach((pt, j) => {
      const sp = parseServicePort(rd, pt, [...p, 'ports', j]);
      if (sp) ports.push(sp);
    });
    if (name === undefined || namespace === undefined) return;
    const svc: ServiceSpec = { name, namespace, selector, ports };
    spec.services.push(svc);
  });
  (rd.list(o.externals, [...path, 'externals']) ?? []).forEach((it, i) => {
    const p = [...path, 'externals', i];
    const e = rd.obj(it, p, ['name', 'ip', 'ports'], ['ip']);
    if (!e) return;
    const ip = rd.str(e.ip, [...p, 'ip']);
    if (ip !== undefined && !parseIp(ip)) rd.r.invalid([...p, 'ip'], ip, 'must be an IP address');
    const name = rd.str(e.name, [...p, 'name'], false) ?? ip;
    const ports = parsePorts(rd, e.ports, [...p, 'ports']) ?? [];
    if (ip === undefined || name === undefined) return;
    const ext: ExternalHost = { name, ip, ports };
    spec.externals.push(ext);
  });
  return spec;
}

function patternList(rd: ScenarioReader, v: unknown, path: FieldPath): string[] | undefined {
  const items = Array.isArray(v) ? v : v === undefined || v === null ? undefined : [v];
  if (!items || items.length === 0) {
    rd.r.required(path, 'a pattern: "*", NS/*, NS/NAME, external or a host name');
    return undefined;
  }
  const out: string[] = [];
  items.forEach((it, i) => {
    const s = rd.str(it, Array.isArray(v) ? [...path, i] : path);
    if (s !== undefined) out.push(s.trim());
  });
  return out;
}

function portPatterns(rd: ScenarioReader, v: unknown, path: FieldPath): PortPattern[] | null | undefined {
  if (v === undefined || v === null) return null;
  const items = Array.isArray(v) ? v : [v];
  const out: PortPattern[] = [];
  let ok = true;
  items.forEach((it, i) => {
    const p = Array.isArray(v) ? [...path, i] : path;
    const text = typeof it === 'number' ? String(it) : typeof it === 'string' ? it : '';
    const m = /^(\d{1,5})(?:-(\d{1,5}))?(?:\/(TCP|UDP|SCTP))?$/.exec(text.trim());
    const lo = m ? Number(m[1]) : NaN;
    const hi = m && m[2] !== undefined ? Number(m[2]) : lo;
    if (!m || lo < 1 || hi > 65535 || hi < lo) {
      rd.r.invalid(p, it, 'a port is written 80 (any protocol), 80/TCP, 53/UDP or a range 8000-9000/TCP');
      ok = false;
      return;
    }
    out.push({ port: lo, ...(hi !== lo ? { endPort: hi } : {}), ...(m[3] ? { protocol: m[3] as Protocol } : {}) });
  });
  return ok ? out : undefined;
}

function parseCheck(rd: ScenarioReader, o: Obj, path: FieldPath): CheckSpec | undefined {
  const from = rd.str(o.from, [...path, 'from']);
  const run = rd.str(o.run, [...path, 'run']);
  const expect = rd.oneOf(o.expect, [...path, 'expect'], ['success', 'fail'] as const);
  if (run === undefined) return undefined;
  const command = parseCommand(run);
  if (typeof command === 'string') {
    rd.r.invalid([...path, 'run'], run, command);
    return undefined;
  }
  if (from === undefined || expect === undefined) return undefined;
  return { from: from.trim(), run, command, expect, source: rd.pos(path) };
}

function parseRequirements(rd: ScenarioReader, v: unknown, path: FieldPath, stepIndex: number): Requirement[] {
  const out: Requirement[] = [];
  (rd.list(v, path, { min: 1 }) ?? []).forEach((it, i) => {
    const p = [...path, i];
    const o = rd.obj(it, p, ['requirement', 'cells', 'checks', 'policy', 'namedPort', 'namespaceLabel', 'kept', 'weight', 'onFail'], ['requirement']);
    if (!o) return;
    const name = rd.str(o.requirement, [...p, 'requirement']);
    const cells: CellPattern[] = [];
    (rd.list(o.cells, [...p, 'cells']) ?? []).forEach((c, j) => {
      const cp = [...p, 'cells', j];
      const co = rd.obj(c, cp, ['from', 'to', 'port', 'expect'], ['from', 'to', 'expect']);
      if (!co) return;
      const from = patternList(rd, co.from, [...cp, 'from']);
      const to = patternList(rd, co.to, [...cp, 'to']);
      const ports = portPatterns(rd, co.port, [...cp, 'port']);
      const expect = rd.oneOf<Expectation>(co.expect, [...cp, 'expect'], ['allowed', 'denied', 'any']);
      if (from && to && ports !== undefined && expect) cells.push({ from, to, ports, expect, source: rd.pos(cp) });
    });
    const checks: CheckSpec[] = [];
    (rd.list(o.checks, [...p, 'checks']) ?? []).forEach((c, j) => {
      const cp = [...p, 'checks', j];
      const co = rd.obj(c, cp, ['from', 'run', 'expect'], ['from', 'run', 'expect']);
      const chk = co && parseCheck(rd, co, cp);
      if (chk) checks.push(chk);
    });
    let policy: Requirement['policy'];
    if (o.policy !== undefined) {
      const po = rd.obj(o.policy, [...p, 'policy'], ['name', 'namespace'], ['name', 'namespace']);
      const pname = po && parseName(rd, po.name, [...p, 'policy', 'name']);
      const pns = po && parseName(rd, po.namespace, [...p, 'policy', 'namespace']);
      if (pname && pns) policy = { name: pname, namespace: pns };
    }
    let namedPort: Requirement['namedPort'];
    if (o.namedPort !== undefined) {
      const no = rd.obj(o.namedPort, [...p, 'namedPort'], ['name', 'policy', 'namespace'], ['name']);
      const pname = no && rd.str(no.name, [...p, 'namedPort', 'name']);
      const ppol = no && (no.policy === undefined ? undefined : parseName(rd, no.policy, [...p, 'namedPort', 'policy']));
      const pns = no && (no.namespace === undefined ? undefined : parseName(rd, no.namespace, [...p, 'namedPort', 'namespace']));
      if (no && no.policy !== undefined && no.namespace === undefined) rd.r.required([...p, 'namedPort', 'namespace'], 'the namespace of the policy');
      if (pname) namedPort = { name: pname, ...(ppol ? { policy: ppol } : {}), ...(pns ? { namespace: pns } : {}) };
    }
    let namespaceLabel: Requirement['namespaceLabel'];
    if (o.namespaceLabel !== undefined) {
      const lo = rd.obj(o.namespaceLabel, [...p, 'namespaceLabel'], ['namespace', 'labels'], ['namespace', 'labels']);
      const ns = lo && parseName(rd, lo.namespace, [...p, 'namespaceLabel', 'namespace']);
      const labels = lo && rd.labels(lo.labels, [...p, 'namespaceLabel', 'labels']);
      if (ns && labels && Object.keys(labels).length > 0) namespaceLabel = { namespace: ns, labels };
    }
    const kept = o.kept === undefined ? undefined : rd.int(o.kept, [...p, 'kept'], 1, Math.max(1, stepIndex));
    if (o.kept !== undefined && stepIndex === 0) rd.r.invalid([...p, 'kept'], o.kept, 'the first step has no earlier step to keep');
    const weight = o.weight === undefined ? undefined : typeof o.weight === 'number' && o.weight > 0 && o.weight <= 10 ? o.weight : (rd.r.invalid([...p, 'weight'], o.weight, 'a positive number up to 10'), undefined);
    const kinds = [cells.length + checks.length > 0 || o.cells !== undefined || o.checks !== undefined, o.policy !== undefined, o.namedPort !== undefined, o.namespaceLabel !== undefined, o.kept !== undefined].filter(Boolean).length;
    if (kinds === 0) rd.r.required([...p, 'cells'], 'a requirement needs cells or checks, or one of policy, namedPort, namespaceLabel, kept');
    else if (kinds > 1) rd.r.forbidden(p, 'a requirement is about traffic (cells, checks) or one of policy, namedPort, namespaceLabel, kept: write one requirement each');
    const onFail = rd.str(o.onFail, [...p, 'onFail'], false);
    if (name !== undefined) {
      out.push({
        name,
        cells,
        checks,
        ...(policy ? { policy } : {}),
        ...(namedPort ? { namedPort } : {}),
        ...(namespaceLabel ? { namespaceLabel } : {}),
        ...(kept !== undefined ? { kept } : {}),
        ...(weight !== undefined ? { weight } : {}),
        ...(onFail ? { onFail } : {}),
        source: rd.pos(p),
      });
    }
  });
  return out;
}

/** Learners answer yes/no; YAML 1.1 turns yes/no into booleans, so both forms are read. */
function parseQuestions(rd: ScenarioReader, v: unknown, path: FieldPath): Question[] {
  const out: Question[] = [];
  const asked = new Set<string>();
  (rd.list(v, path, { min: 1 }) ?? []).forEach((it, i) => {
    const p = [...path, i];
    const o = rd.obj(it, p, ['ask', 'from', 'to', 'port', 'run', 'expect'], ['ask', 'from', 'expect']);
    if (!o) return;
    const ask = rd.str(o.ask, [...p, 'ask']);
    if (ask !== undefined && asked.has(ask)) rd.r.invalid([...p, 'ask'], ask, 'each question needs its own ask text');
    if (ask !== undefined) asked.add(ask);
    const from = rd.str(o.from, [...p, 'from']);
    const source = rd.pos(p);
    if (o.run !== undefined) {
      if (o.to !== undefined || o.port !== undefined) rd.r.forbidden([...p, 'run'], 'a question has either run, or to and port');
      const expect = rd.oneOf(o.expect, [...p, 'expect'], ['success', 'fail'] as const);
      const check = parseCheck(rd, { from: o.from, run: o.run, expect: o.expect }, p);
      if (ask && from && expect && check) out.push({ ask, from: from.trim(), check, expect: expect === 'success', source });
      return;
    }
    const to = rd.str(o.to, [...p, 'to']);
    const ports = portPatterns(rd, o.port, [...p, 'port']);
    if (ports === null) rd.r.required([...p, 'port'], 'a question asks about one port, e.g. 80/TCP');
    else if (ports && (ports.length !== 1 || !ports[0].protocol)) rd.r.invalid([...p, 'port'], o.port, 'one port with its protocol, e.g. 80/TCP');
    const expect = rd.oneOf(o.expect, [...p, 'expect'], ['allowed', 'denied'] as const);
    if (ask && from && to && ports && ports.length === 1 && ports[0].protocol && expect) {
      out.push({ ask, from: from.trim(), to: to.trim(), port: ports[0], expect: expect === 'allowed', source });
    }
  });
  return out;
}

function parseStrings(rd: ScenarioReader, v: unknown, path: FieldPath, min: number): string[] {
  const out: string[] = [];
  (rd.list(v, path, { min }) ?? []).forEach((it, i) => {
    const s = rd.str(it, [...path, i]);
    if (s !== undefined) out.push(s);
  });
  return out;
}

const TOP_FIELDS = ['id', 'title', 'kind', 'cni', 'topics', 'difficulty', 'minutes', 'task', 'cluster', 'existing', 'steps', 'hints', 'solutions', 'explanation', 'wrong', 'candidates'];
const REQUIRED = ['id', 'title', 'kind', 'topics', 'difficulty', 'minutes', 'task', 'cluster', 'steps', 'hints', 'solutions', 'explanation'];

/** Parses one scenario file. `expectedId` (the file name without .yaml) must equal `id`. */
export function parseScenario(file: string, text: string, expectedId?: string): ParsedScenario {
  const parsed = parseYamlDocuments(file, text);
  if (parsed.findings.length > 0) return { findings: parsed.findings.map((f) => named(f, expectedId)) };
  if (parsed.documents.length !== 1) {
    return { findings: [named({ severity: 'error', file, line: 1, col: 1, path: '', message: 'a scenario file holds exactly one YAML document' }, expectedId)] };
  }
  const doc = parsed.documents[0];
  const rd = new ScenarioReader(file, text, doc.locator);
  const top = rd.obj(doc.data, [], TOP_FIELDS, REQUIRED);
  if (!top) return { findings: rd.r.findings.map((f) => named(f, expectedId)) };

  const id = rd.str(top.id, ['id']);
  if (id !== undefined && !/^[a-z0-9][a-z0-9-]*$/.test(id)) rd.r.invalid(['id'], id, 'lower-case letters, digits and dashes');
  if (id !== undefined && expectedId !== undefined && id !== expectedId) rd.r.invalid(['id'], id, `must equal the file name (${expectedId})`);
  const title = rd.str(top.title, ['title']);
  const kind = rd.oneOf<ScenarioKind>(top.kind, ['kind'], SCENARIO_KINDS);
  const cni = rd.oneOf<Cni>(top.cni, ['cni'], CNIS, false);
  const topics: string[] = [];
  (rd.list(top.topics, ['topics'], { min: 1 }) ?? []).forEach((t, i) => {
    if (typeof t !== 'string' || !/^\d+(\.\d+)*$/.test(t)) rd.r.invalid(['topics', i], t, 'a module section number as a quoted string, e.g. "3.3"');
    else topics.push(t);
  });
  const difficulty = rd.int(top.difficulty, ['difficulty'], 1, 5);
  const minutes = rd.int(top.minutes, ['minutes'], 1, 180);
  const task = rd.str(top.task, ['task']);
  const declared = new Set(['default', 'kube-system']);
  const cluster = parseClusterSpec(rd, top.cluster, ['cluster'], declared);
  const existing = top.existing === undefined ? undefined : rd.block(top.existing, ['existing']);

  const steps: Step[] = [];
  (rd.list(top.steps, ['steps'], { min: 1 }) ?? []).forEach((it, i) => {
    const p = ['steps', i];
    const o = rd.obj(it, p, ['title', 'task', 'cluster', 'existing', 'expect', 'questions'], ['title']);
    if (!o) return;
    const stitle = rd.str(o.title, [...p, 'title']);
    const stask = rd.str(o.task, [...p, 'task'], false);
    const scluster = o.cluster === undefined ? undefined : parseClusterSpec(rd, o.cluster, [...p, 'cluster'], declared);
    const sexisting = o.existing === undefined ? undefined : rd.block(o.existing, [...p, 'existing']);
    let expect: Requirement[] = [];
    let questions: Question[] = [];
    if (kind === 'predict') {
      if (o.expect !== undefined) rd.r.forbidden([...p, 'expect'], 'a predict scenario asks questions instead');
      questions = parseQuestions(rd, o.questions, [...p, 'questions']);
    } else if (kind !== undefined) {
      if (o.questions !== undefined) rd.r.forbidden([...p, 'questions'], 'only predict scenarios ask questions');
      expect = parseRequirements(rd, o.expect, [...p, 'expect'], i);
    }
    if (stitle === undefined) return;
    steps.push({
      title: stitle,
      ...(stask ? { task: stask } : {}),
      ...(scluster ? { cluster: scluster } : {}),
      ...(sexisting ? { existing: sexisting } : {}),
      expect,
      questions,
      source: rd.pos(p),
    });
  });
  const stepCount = Array.isArray(top.steps) ? top.steps.length : 0;

  const hints = parseStrings(rd, top.hints, ['hints'], 1);
  const explanation = rd.str(top.explanation, ['explanation']);

  const solutions: Solution[] = [];
  (rd.list(top.solutions, ['solutions'], { min: 1 }) ?? []).forEach((it, i) => {
    const p = ['solutions', i];
    const o = rd.obj(it, p, ['name', 'steps', 'answer']);
    if (!o) return;
    const name = rd.str(o.name, [...p, 'name'], false) ?? `solution ${i + 1}`;
    if ((o.steps === undefined) === (o.answer === undefined)) {
      rd.r.required(p, 'a solution has either steps (one answer piece per step) or answer');
      return;
    }
    if (o.answer !== undefined) {
      const b = rd.block(o.answer, [...p, 'answer']);
      if (b) solutions.push({ name, pieces: [b], forStep: stepCount, source: rd.pos(p) });
      return;
    }
    const pieces: TextBlock[] = [];
    const list = rd.list(o.steps, [...p, 'steps'], { min: 1 }) ?? [];
    if (list.length > stepCount) rd.r.invalid([...p, 'steps'], list.length, `more pieces than the scenario's ${stepCount} steps`);
    list.forEach((s, j) => {
      const b = rd.block(s, [...p, 'steps', j]);
      if (b) pieces.push(b);
    });
    if (pieces.length === list.length) solutions.push({ name, pieces, source: rd.pos(p) });
  });

  const wrong: WrongAnswer[] = [];
  (rd.list(top.wrong, ['wrong']) ?? []).forEach((it, i) => {
    const p = ['wrong', i];
    const o = rd.obj(it, p, ['name', 'step', 'answer', 'feedback'], ['name', 'answer', 'feedback']);
    if (!o) return;
    const name = rd.str(o.name, [...p, 'name']);
    const step = rd.int(o.step, [...p, 'step'], 1, Math.max(1, stepCount), false) ?? stepCount;
    const answer = o.answer === undefined ? undefined : rd.block(o.answer, [...p, 'answer']);
    const feedback = typeof o.feedback === 'string' ? [o.feedback] : parseStrings(rd, o.feedback, [...p, 'feedback'], 1);
    if (name && answer && feedback.length > 0) wrong.push({ name, step, answer, feedback, source: rd.pos(p) });
  });

  const candidates: Candidate[] = [];
  if (kind === 'pick') {
    const seen = new Set<string>();
    (rd.list(top.candidates, ['candidates'], { min: 2 }) ?? []).forEach((it, i) => {
      const p = ['candidates', i];
      const o = rd.obj(it, p, ['id', 'policies'], ['id', 'policies']);
      if (!o) return;
      const cid = rd.str(o.id, [...p, 'id']);
      if (cid !== undefined && !/^[a-z0-9]+$/.test(cid)) rd.r.invalid([...p, 'id'], cid, 'a short id such as a, b, c');
      if (cid !== undefined && seen.has(cid)) rd.r.invalid([...p, 'id'], cid, 'duplicate candidate id');
      if (cid !== undefined) seen.add(cid);
      const policies = rd.block(o.policies, [...p, 'policies']);
      if (cid && policies) candidates.push({ id: cid, policies, source: rd.pos(p) });
    });
  } else if (top.candidates !== undefined) {
    rd.r.forbidden(['candidates'], 'only pick scenarios have candidates');
  }

  const findings = rd.r.findings.map((f) => named(f, id ?? expectedId));
  if (findings.some((f) => f.severity === 'error')) return { findings };
  const scenario: Scenario = {
    id: id!,
    file,
    title: title!,
    kind: kind!,
    ...(cni ? { cni } : {}),
    topics,
    difficulty: difficulty!,
    minutes: minutes!,
    task: task!,
    cluster: cluster!,
    ...(existing ? { existing } : {}),
    steps,
    hints,
    solutions,
    explanation: explanation!,
    wrong,
    candidates,
  };
  return { scenario, findings };
}

function named(f: Finding, id: string | undefined): Finding {
  return id ? { ...f, message: `scenario ${id}: ${f.message}` } : f;
}
