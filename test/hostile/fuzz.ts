// The seeded fuzzer shared by the CI test (a few thousand cases) and `npm run fuzz` (100k):
// seeds from the bank's scenarios, the conformance cases and the test fixtures; mutations an
// attacker or an unlucky editor would make; and the checks every case must pass.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { seededRandom } from '../../src/core/training/exam-plan.js';
import { loadManifests } from '../../src/core/manifest/load.js';
import { formatFinding } from '../../src/core/findings.js';
import { parseBank } from '../../src/core/bank/bank.js';
import { runCli } from '../../src/cli/main.js';
import { captureIo } from '../cli/capture-io.js';
import { RAW_CONTROL, STACK_TRACE, repoRoot } from './helpers.js';

export interface Seed {
  name: string;
  text: string;
  /** Scenario files also go through the bank's parser. */
  scenario: boolean;
}

export function loadSeeds(): Seed[] {
  const seeds: Seed[] = [];
  const exercises = path.join(repoRoot, 'exercises');
  for (const f of readdirSync(exercises).filter((n) => n.endsWith('.yaml')).sort()) {
    seeds.push({ name: `exercises/${f}`, text: readFileSync(path.join(exercises, f), 'utf8'), scenario: true });
  }
  const conformance = path.join(repoRoot, 'test', 'conformance', 'upstream-e2e');
  for (const f of readdirSync(conformance).filter((n) => n.endsWith('.json')).sort()) {
    const kase = JSON.parse(readFileSync(path.join(conformance, f), 'utf8')) as { objects?: unknown[] };
    // The case's objects as kubectl would read them: a List, in JSON and in YAML-ish block form.
    const list = { apiVersion: 'v1', kind: 'List', items: kase.objects ?? [] };
    seeds.push({ name: `conformance/${f}`, text: JSON.stringify(list, null, 1), scenario: false });
  }
  seeds.push(...FIXTURES.map((text, i) => ({ name: `fixture-${i}`, text, scenario: false })));
  return seeds;
}

/** Small hand-written manifests that touch every kind the loader reads. */
const FIXTURES = [
  `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels: {team: web, tier: "1"}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: c
        image: nginx
        ports: [{containerPort: 80, name: http}]
---
apiVersion: v1
kind: Pod
metadata: {name: client, namespace: shop, labels: {app: client}}
spec: {containers: [{name: c, image: busybox}]}
status: {podIP: 10.244.1.5}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: web}
  ports: [{port: 8080, targetPort: http}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web-allow, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Ingress, Egress]
  ingress:
  - from:
    - podSelector: {matchLabels: {app: client}}
    - namespaceSelector: {matchExpressions: [{key: team, operator: In, values: [web]}]}
    ports: [{port: http}, {protocol: UDP, port: 53, endPort: 60}]
  egress:
  - to: [{ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}}]
`,
  `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Pod
  metadata: &meta {name: a, namespace: ns, labels: &l {app: a}}
  spec: {containers: [{name: c, image: x, ports: [{containerPort: 8080}]}]}
- apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata: {name: deny, namespace: ns}
  spec:
    podSelector: {matchLabels: *l}
    ingress: []
`,
];

// ---- mutations ----

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const int = (r: Rand, n: number) => Math.floor(r() * n);

const CONTROLS = ['\x1b]0;PWNED\x07', '\u009b31m', '\u009d52;c;eA==\u009c', '\x07', '\x1b[2J', '\x00', '\x7f', '\u0085', '\u2028', '\u202e'];
const UNICODE = ['é', '日本', '🙂', '\u0301', '\uFEFF', '\uFFFD', '\u00a0', 'İ', '\uD83D', 'ß'];
const SCALARS = ['[]', '{}', '1', 'true', 'null', '~', '"x"', '1e400', '-1', '0x1F', 'yes', '.inf', '"\\e]0;t\\a"', '!!binary aGk=', '2024-01-01', '!!str 80', '*a'];
const TAGS = ['!!str ', '!!int ', '!!map ', '!!seq ', '!foo ', '!!binary ', '!<tag:yaml.org,2002:str> ', '!!set ', '!!omap '];
const KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', '<<', '? [x]', '"a.b/c"', '""'];

type Mutation = (text: string, r: Rand) => string;

function lines(text: string): string[] {
  return text.split('\n');
}

const MUTATIONS: Record<string, Mutation> = {
  byteFlip(t, r) {
    if (t.length === 0) return t;
    const i = int(r, t.length);
    return t.slice(0, i) + String.fromCharCode(t.charCodeAt(i) ^ (1 << int(r, 7))) + t.slice(i + 1);
  },
  truncate(t, r) {
    return t.slice(0, int(r, t.length + 1));
  },
  deleteLine(t, r) {
    const l = lines(t);
    l.splice(int(r, l.length), 1);
    return l.join('\n');
  },
  duplicateLine(t, r) {
    const l = lines(t);
    const i = int(r, l.length);
    l.splice(i, 0, l[i]);
    return l.join('\n');
  },
  typeSwap(t, r) {
    // Replace one scalar value after "key: " with something of another type.
    const l = lines(t);
    const candidates = l.map((x, i) => (/:\s+\S/.test(x) ? i : -1)).filter((i) => i >= 0);
    if (candidates.length === 0) return t;
    const i = pick(r, candidates);
    l[i] = l[i].replace(/(:\s+)(.*)$/, `$1${pick(r, SCALARS)}`);
    return l.join('\n');
  },
  deepNesting(t, r) {
    const n = pick(r, [50, 99, 101, 150, 1000, 20_000]);
    const style = int(r, 3);
    const deep = style === 0 ? '['.repeat(n) + ']'.repeat(n) : style === 1 ? '{a: '.repeat(n) + '1' + '}'.repeat(n) : '- '.repeat(n) + 'x';
    const l = lines(t);
    const i = int(r, l.length);
    l.splice(i, 0, style === 2 ? deep : `deep: ${deep}`);
    return l.join('\n');
  },
  unicode(t, r) {
    const i = int(r, t.length + 1);
    return t.slice(0, i) + pick(r, UNICODE) + t.slice(i);
  },
  control(t, r) {
    const i = int(r, t.length + 1);
    return t.slice(0, i) + pick(r, CONTROLS) + t.slice(i);
  },
  nul(t, r) {
    const i = int(r, t.length + 1);
    return t.slice(0, i) + '\u0000' + t.slice(i);
  },
  lineEnds(t, r) {
    return pick(r, [() => t.replace(/\n/g, '\r'), () => t.replace(/\n/g, '\r\n'), () => t.replace(/\n/g, pick(r, ['\r', '\n', '\r\n']))])();
  },
  bom(t) {
    return '\uFEFF' + t;
  },
  tag(t, r) {
    const l = lines(t);
    const i = int(r, l.length);
    l[i] = l[i].replace(/(:\s+)/, `$1${pick(r, TAGS)}`);
    return l.join('\n');
  },
  anchors(t, r) {
    // An anchor on one value and aliases to it elsewhere, sometimes inside itself.
    const l = lines(t);
    const withValue = l.map((x, i) => (/:\s*$|:\s+\S/.test(x) ? i : -1)).filter((i) => i >= 0);
    if (withValue.length === 0) return t;
    const i = pick(r, withValue);
    l[i] = l[i].replace(/:(\s*)/, ': &a$1');
    const j = int(r, l.length);
    if (/:\s+\S/.test(l[j])) l[j] = l[j].replace(/(:\s+).*$/, '$1*a');
    else l.splice(j, 0, `${/^\s*/.exec(l[j] ?? '')![0]}alias: *${pick(r, ['a', 'a', 'nosuch'])}`);
    return l.join('\n');
  },
  mergeKey(t, r) {
    const l = lines(t);
    const i = int(r, l.length);
    const indent = /^\s*/.exec(l[i] ?? '')![0];
    l.splice(i, 0, `${indent}<<: ${pick(r, ['*a', '{x: 1}', '[*a, *a]', '[]', '1'])}`);
    return l.join('\n');
  },
  prototypeKey(t, r) {
    const l = lines(t);
    const i = int(r, l.length);
    const indent = /^\s*/.exec(l[i] ?? '')![0];
    l.splice(i, 0, `${indent}${pick(r, KEYS)}: ${pick(r, SCALARS)}`);
    return l.join('\n');
  },
};

export const MUTATION_NAMES = Object.keys(MUTATIONS);

export interface FuzzCase {
  id: number;
  seed: Seed;
  mutations: string[];
  text: string;
}

/** Case `id` of the run seeded with `seed`: always the same text for the same pair. */
export function makeCase(seeds: Seed[], runSeed: number, id: number): FuzzCase {
  const r = seededRandom((runSeed * 1_000_003 + id) >>> 0);
  const seed = seeds[int(r, seeds.length)];
  const count = 1 + int(r, 3);
  const mutations: string[] = [];
  let text = seed.text;
  for (let k = 0; k < count; k++) {
    const name = pick(r, MUTATION_NAMES);
    mutations.push(name);
    text = MUTATIONS[name](text, r);
  }
  return { id, seed, mutations, text };
}

export interface CaseResult {
  problems: string[];
  ms: number;
  bytes: number;
}

/**
 * The checks: the loader returns (never throws) one-line findings; the bank's parser too; and a
 * command through runCli exits 0 or 2 with no stack trace, no library warning, no raw control.
 */
export async function runCase(c: FuzzCase, warnings: string[]): Promise<CaseResult> {
  const problems: string[] = [];
  const started = performance.now();
  warnings.length = 0;
  try {
    const r = loadManifests([{ file: 'in.yaml', text: c.text }]);
    for (const f of r.findings) {
      const line = formatFinding(f);
      if (line.includes('\n')) problems.push(`finding spans lines: ${JSON.stringify(line.slice(0, 120))}`);
      // The parser overflowing its stack means the pre-scan let something too deep through.
      if (/Maximum call stack|out of memory/i.test(line)) problems.push(`the parser blew up: ${line.slice(0, 120)}`);
    }
  } catch (e) {
    problems.push(`loadManifests threw: ${(e as Error).stack?.split('\n').slice(0, 3).join(' | ')}`);
  }
  if (c.seed.scenario) {
    try {
      parseBank([{ file: 'fuzzed.yaml', text: c.text }]);
    } catch (e) {
      problems.push(`parseBank threw: ${(e as Error).stack?.split('\n').slice(0, 3).join(' | ')}`);
    }
  }
  const command = c.id % 3 === 0 ? ['explain', '-f', '-'] : c.id % 3 === 1 ? ['matrix', '-f', '-', '-p', '80'] : ['why', '-f', '-', 'shop/client', 'shop/web', '80'];
  const io = captureIo({ stdin: c.text });
  try {
    const code = await runCli(command, io);
    if (code !== 0 && code !== 2) problems.push(`${command[0]} exited ${code}: ${io.err().slice(0, 200)}`);
  } catch (e) {
    problems.push(`${command[0]} threw: ${(e as Error).message.slice(0, 200)}`);
  }
  const out = io.out() + io.err();
  if (RAW_CONTROL.test(out)) problems.push(`raw control character in output: ${JSON.stringify(out.slice(0, 160))}`);
  if (STACK_TRACE.test(out)) problems.push('stack trace in output');
  if (warnings.length) problems.push(`library warning: ${warnings[0].slice(0, 160)}`);
  return { problems, ms: performance.now() - started, bytes: c.text.length };
}

/** Catches what libraries print through process.emitWarning while `warnings` is in use. */
export function captureWarnings(): { warnings: string[]; restore: () => void } {
  const warnings: string[] = [];
  const original = process.emitWarning;
  process.emitWarning = ((w: string | Error) => {
    warnings.push(String(w));
  }) as typeof process.emitWarning;
  return { warnings, restore: () => (process.emitWarning = original) };
}
