// The JSON fast path reads every text exactly as the full YAML parser does: same documents,
// data, sources, findings and positions. Inputs: the bank, the upstream conformance JSON, each
// YAML file of the repository turned into JSON (pretty, compact, with tabs), and fuzzed JSON
// with the numbers, escapes and keys where YAML 1.1 and JSON.parse could part ways.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseYamlDocuments, type ParsedYamlFile } from '../../src/core/manifest/yaml-documents.js';
import { parseJsonDocument } from '../../src/core/manifest/json-documents.js';
import { seededRandom } from '../../src/core/training/exam-plan.js';

const repo = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Types kept apart (-0 from 0, undefined from missing) so that "equal" means the same data. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x) => (typeof x === 'number' && Object.is(x, -0) ? '<-0>' : typeof x === 'number' && !Number.isFinite(x) ? `<${x}>` : x));
}

function same(file: string, text: string): ParsedYamlFile {
  const fast = parseYamlDocuments(file, text);
  const full = parseYamlDocuments(file, text, { jsonFastPath: false });
  expect(fast.findings, file).toEqual(full.findings);
  expect(fast.documents.length, file).toBe(full.documents.length);
  fast.documents.forEach((d, i) => {
    const f = full.documents[i];
    expect(canonical(d.data), file).toBe(canonical(f.data));
    expect(d.index).toBe(f.index);
    expect(d.source).toEqual(f.source);
  });
  return fast;
}

/** Every field path of a value (objects and arrays), for comparing positions. */
function paths(v: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...prefix, i], out));
  else if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) paths(x, [...prefix, k], out);
  return out;
}

function yamlFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name.startsWith('.') || e.name === 'dist') continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yamlFiles(p, out);
    else if (/\.(ya?ml|json)$/.test(e.name) && !/package(-lock)?\.json$|tsconfig/.test(e.name)) out.push(p);
  }
  return out;
}

describe('the JSON fast path', () => {
  const files = yamlFiles(repo);

  it('takes plain kubectl JSON', () => {
    const text = '{"apiVersion": "v1", "kind": "List", "items": [{"kind": "Pod", "metadata": {"name": "a", "labels": {"app": "web"}}, "spec": {"containers": [{"ports": [{"containerPort": 80}]}]}}]}';
    expect(parseJsonDocument(text, 100)).toBeDefined();
    same('x.json', text);
  });

  it('reads the repository\'s YAML and JSON files, as themselves and turned into JSON, as the full parser does', () => {
    expect(files.length).toBeGreaterThan(60);
    let fastTaken = 0;
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      const parsed = same(f, text);
      for (const d of parsed.documents) {
        if (typeof d.data !== 'object' || d.data === null) continue;
        for (const json of [JSON.stringify(d.data, null, 2), JSON.stringify(d.data), JSON.stringify(d.data, null, '\t')]) {
          const r = same(`${f}.json`, json);
          if (parseJsonDocument(json, 100)) fastTaken++;
          // Positions asked of the fast path are the full parser's.
          const full = parseYamlDocuments(`${f}.json`, json, { jsonFastPath: false }).documents[0];
          const fast = r.documents[0];
          for (const p of paths(d.data).slice(0, 40)) {
            expect(fast.locator.value(p)).toEqual(full.locator.value(p));
            expect(fast.locator.key(p)).toEqual(full.locator.key(p));
          }
        }
      }
    }
    // Most of them take the fast path (floats and the like go the long way).
    expect(fastTaken).toBeGreaterThan(files.length);
  });

  it('reads fuzzed JSON as the full parser does, and leaves the unsure cases to it', () => {
    const r = seededRandom(11);
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
    const numbers = ['0', '-0', '1', '-1', '80', '65535', '007', '1.0', '1.5', '-2.5e3', '1e5', '1E-2', '9007199254740993', '123456789012345', '1234567890123456', '0.0', '-0.0', '1e400'];
    const strings = ['"web"', '"yes"', '"no"', '"on"', '"0755"', '"1:20"', '"2024-01-01"', '"a\\nb"', '"tab\\there"', '"q\\"uote"', '"back\\\\slash"', '"sol\\/idus"', '"\\u00e9t\\u00E9"', '"\\ud83d\\ude00"', '"\\ud800"', '"nel\u0085x"', '"ls\u2028x"', '"é ünï"', '""', '" lead"', '"~"', '"null"', '"<<"', '"*a"', '"&b c"', '"#not"', '"%x"'];
    const keys = ['"a"', '"b"', '"app"', '"__proto__"', '"<<"', '"yes"', '"1"', '""', '"a b"', '"k\\"q"', '"constructor"'];
    const value = (depth: number): string => {
      const k = r();
      if (depth > 4 || k < 0.3) return pick(numbers.concat(strings, ['true', 'false', 'null']));
      if (k < 0.65) {
        const n = Math.floor(r() * 4);
        const ks = Array.from({ length: n }, () => pick(keys));
        return `{${ks.map((key) => `${pick(['', ' ', '\n  ', '\t'])}${key}${pick([':', ' : ', ':\n'])}${value(depth + 1)}`).join(',')}}`;
      }
      return `[${Array.from({ length: Math.floor(r() * 4) }, () => value(depth + 1)).join(pick([',', ', ', ',\n']))}]`;
    };
    let fast = 0;
    let unsure = 0;
    for (let i = 0; i < 1500; i++) {
      const text = `${pick(['', ' ', '\n', '\n\n  '])}${r() < 0.8 ? `{"kind": "Pod", "x": ${value(0)}}` : value(0)}${pick(['', '\n', '  \n'])}`;
      same(`fuzz-${i}.json`, text);
      if (parseJsonDocument(text, 100)) fast++;
      else unsure++;
    }
    expect(fast).toBeGreaterThan(100);
    expect(unsure).toBeGreaterThan(100);
  });

  it('leaves duplicate keys to the full parser, which reports them with their place', () => {
    const text = '{"kind": "Pod", "metadata": {"name": "a", "name": "b"}}';
    expect(parseJsonDocument(text, 100)).toBeUndefined();
    const { findings } = parseYamlDocuments('d.json', text);
    expect(findings.map((f) => `${f.line}:${f.col} ${f.message}`)).toEqual(['1:43 duplicate field "metadata.name"']);
  });

  it('leaves too-deep nesting to the full parser and its limit', () => {
    const deep = `${'['.repeat(120)}1${']'.repeat(120)}`;
    expect(parseJsonDocument(deep, 100)).toBeUndefined();
    expect(parseYamlDocuments('deep.json', deep).findings[0]?.message).toMatch(/nested too deeply/);
  });

  it('takes a List with NetworkPolicies (kubectl get all,netpol -o json) and locates inside its items as the full parser does', () => {
    const policy = (name: string, extra: string) =>
      `{"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy", "metadata": {"name": "${name}", "namespace": "a"}, "spec": {"podSelector": {}, "ingress": [{"from": [{"ipBlock": {"cidr": "10.0.0.0/8"}}], "ports": [{"port": 80${extra}}]}]}}`;
    const list = { apiVersion: 'v1', kind: 'List', items: [JSON.parse(policy('p1', '')), { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' } }, JSON.parse(policy('p2', ', "endPort": 70'))] };
    for (const text of [JSON.stringify(list, null, 4), JSON.stringify(list), JSON.stringify(list, null, 2).replace(/\n/g, '\r\n')]) {
      expect(parseJsonDocument(text, 100)).toBeDefined();
      const fast = same('l.json', text).documents[0];
      const full = parseYamlDocuments('l.json', text, { jsonFastPath: false }).documents[0];
      for (const p of paths(list)) {
        expect(fast.locator.value(p), p.join('.')).toEqual(full.locator.value(p));
        expect(fast.locator.key(p), p.join('.')).toEqual(full.locator.key(p));
      }
      // A path below one that exists: the deepest ancestor, as the full parser answers.
      expect(fast.locator.value(['items', 2, 'spec', 'egress', 0])).toEqual(full.locator.value(['items', 2, 'spec', 'egress', 0]));
    }
    // A lone policy is still left to the full parser (it would be parsed twice).
    expect(parseJsonDocument(policy('p', ''), 100)).toBeUndefined();
  });
});
