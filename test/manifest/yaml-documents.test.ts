// The YAML layer: documents, positions, and input that must be refused quickly and cleanly.
import { describe, expect, it } from 'vitest';
import { formatPath, parseYamlDocuments } from '../../src/core/manifest/yaml-documents.js';
import { errors, lines, load } from './helpers.js';

describe('documents and positions', () => {
  it('reads every document, skipping empty ones', () => {
    const text = '---\n---\na: 1\n---\n# just a comment\n---\nb: [x, z]\n...\n';
    const { documents, findings } = parseYamlDocuments('f.yaml', text);
    expect(findings).toEqual([]);
    expect(documents.map((d) => d.data)).toEqual([{ a: 1 }, { b: ['x', 'z'] }]);
    expect(documents[1].source).toEqual({ file: 'f.yaml', line: 7, col: 1 });
  });

  it('locates values and keys by field path', () => {
    const text = 'spec:\n  ingress:\n  - from:\n    - podSelector: {}\n    ports:\n    - port: 80\n';
    const [doc] = parseYamlDocuments('f.yaml', text).documents;
    expect(doc.locator.value(['spec', 'ingress', 0, 'ports', 0, 'port'])).toEqual({ file: 'f.yaml', line: 6, col: 13 });
    expect(doc.locator.key(['spec', 'ingress', 0, 'ports'])).toEqual({ file: 'f.yaml', line: 5, col: 5 });
    // A missing field falls back to its deepest existing ancestor.
    expect(doc.locator.value(['spec', 'ingress', 0, 'ports', 0, 'endPort'])).toEqual({ file: 'f.yaml', line: 6, col: 7 });
  });

  it('follows aliases and merge keys', () => {
    const text = 'base: &b\n  port: 80\nuse: *b\nmerged:\n  <<: *b\n  protocol: TCP\n';
    const [doc] = parseYamlDocuments('f.yaml', text).documents;
    expect(doc.data).toEqual({ base: { port: 80 }, use: { port: 80 }, merged: { port: 80, protocol: 'TCP' } });
    expect(doc.locator.value(['use', 'port'])).toMatchObject({ line: 2, col: 9 });
    expect(doc.locator.value(['merged', 'port'])).toMatchObject({ line: 2, col: 9 });
  });

  it('formats field paths as the API server does', () => {
    expect(formatPath(['spec', 'ingress', 0, 'ports', 1, 'endPort'])).toBe('spec.ingress[0].ports[1].endPort');
    expect(formatPath(['metadata', 'labels', 'app.kubernetes.io/name'])).toBe('metadata.labels[app.kubernetes.io/name]');
  });

  it('reads JSON, as kubectl does', () => {
    const r = load('{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "labels": {"app": "a"}}, "status": {"podIP": "10.0.0.9"}}');
    expect(r.findings).toEqual([]);
    expect(r.cluster.pods[0]).toMatchObject({ name: 'p', labels: { app: 'a' }, ips: ['10.0.0.9'] });
  });
});

describe('YAML 1.1 scalars, as kubectl reads them', () => {
  it('yes/no/on/off/y/n are booleans, 0755 is octal, timestamps stay strings', () => {
    const [doc] = parseYamlDocuments('f.yaml', 'a: yes\nb: no\nc: on\nd: off\ne: y\nf: n\ng: 0755\nh: 2024-01-01\n').documents;
    expect(doc.data).toEqual({ a: true, b: false, c: true, d: false, e: true, f: false, g: 493, h: '2024-01-01' });
  });

  it('numbers as go-yaml v2 reads them: no sexagesimal, floats need digits, hex and binary ints', () => {
    const [doc] = parseYamlDocuments('f.yaml', 'a: e5\nb: "."\nc: .\nd: 1:20\ne: 1e3\nf: .5\ng: 0x1F\nh: 0b101\ni: 1_000\nj: ~\n').documents;
    expect(doc.data).toEqual({ a: 'e5', b: '.', c: '.', d: '1:20', e: 1000, f: 0.5, g: 31, h: 5, i: 1000, j: null });
  });

  it('integers as go-yaml v2 resolves them: underscores dropped, then strconv.ParseInt(s, 0, 64)', () => {
    // gopkg.in/yaml.v2 resolve.go: plain := strings.Replace(in, "_", "", -1); ParseInt(plain, 0, 64),
    // then ParseUint, then yamlStyleFloat. Go's base 0 takes 0x/0X, 0o/0O, 0b/0B and a leading 0 as octal.
    const text = 'a: 0o120\nb: 0O17\nc: 0X50\nd: 0B101\ne: +0o17\nf: 0_\ng: 1e_3\nh: 0o8\ni: 09\nj: 0x\nk: 1e400\nl: .5_0\nm: _1\n';
    const [doc] = parseYamlDocuments('f.yaml', text).documents;
    expect(doc.data).toEqual({ a: 80, b: 15, c: 80, d: 5, e: 15, f: 0, g: 1000, h: '0o8', i: 9, j: '0x', k: '1e400', l: '.5_0', m: '_1' });
  });

  it('a label value that only looks like a number to YAML 1.2 tools stays a string', () => {
    expect(errors('apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    build: e5\n')).toEqual([]);
  });

  it('a boolean label value on a pod is a type error', () => {
    expect(errors('apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    enabled: yes\n')).toEqual([
      'test.yaml:6:14: metadata.labels.enabled: Invalid value: true: must be a string',
    ]);
  });

  it('a number where a string belongs (container port name) is a type error', () => {
    expect(errors('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    ports:\n    - {containerPort: 80, name: 8080}\n')).toEqual([
      'test.yaml:8:33: spec.containers[0].ports[0].name: Invalid value: 8080: must be a string',
    ]);
  });
});

describe('refused input', () => {
  it('duplicate keys are errors with their field path', () => {
    const text = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: x}\nspec:\n  podSelector: {}\n  podSelector: {matchLabels: {a: b}}\n';
    const r = load(text);
    expect(lines(r.findings)).toEqual(['test.yaml:6:3: spec.podSelector: duplicate field "spec.podSelector"']);
    expect(r.policies).toEqual([]);
  });

  it('syntax errors give one line with file:line:col', () => {
    const e = errors('apiVersion: v1\nkind: Pod\nmetadata:\n  name: [p\n');
    expect(e).toHaveLength(1);
    expect(e[0]).toMatch(/^test\.yaml:\d+:\d+: YAML syntax error: [^\n]+$/);
    const bad = errors('a: 1\nb: c: d\n');
    expect(bad).toHaveLength(1);
    expect(bad[0]).toMatch(/^test\.yaml:2:\d+: YAML syntax error: /);
  });

  it('a syntax error in one document does not hide the others', () => {
    const r = load('apiVersion: v1\nkind: Namespace\nmetadata: {name: ok}\n---\nfoo: [\n');
    expect(r.cluster.namespaces.map((n) => n.name)).toEqual(['ok']);
    expect(lines(r.findings, 'error')).toHaveLength(1);
  });

  it('an alias bomb is refused with one line, quickly', () => {
    let bomb = 'a: &a [x, x, x, x, x, x, x, x, x]\n';
    const names = 'abcdefghij';
    for (let i = 1; i < names.length; i++) {
      bomb += `${names[i]}: &${names[i]} [${Array(9).fill(`*${names[i - 1]}`).join(', ')}]\n`;
    }
    const e = errors(bomb);
    expect(e).toEqual(['test.yaml:1:1: too many alias expansions (more than 100): refusing the document']);
  });

  it('a few aliases are fine', () => {
    const r = load('apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: &l {app: web}\n  annotations: *l\n');
    expect(r.findings).toEqual([]);
  });

  it('deep nesting is refused, not a stack overflow', () => {
    for (const text of ['a: ' + '['.repeat(20000) + ']'.repeat(20000), '- '.repeat(20000) + 'x', 'a: ' + '['.repeat(150) + ']'.repeat(150)]) {
      const e = errors(text);
      expect(e).toHaveLength(1);
      expect(e[0]).toMatch(/^test\.yaml:1:\d+: YAML nested too deeply \(more than 100 levels\)$/);
    }
  });

  it('binary garbage gives findings, never a throw', () => {
    const garbage = Array.from({ length: 4000 }, (_, i) => String.fromCharCode((i * 7919 + 13) % 256)).join('');
    const r = load(garbage);
    expect(lines(r.findings, 'error').length).toBeGreaterThan(0);
    expect(errors('abc\u0000def')).toEqual(['test.yaml:1:4: binary data (NUL byte) is not YAML']);
  });

  it('an empty file is an empty cluster', () => {
    for (const text of ['', '\n\n', '# nothing\n', '---\n']) {
      const r = load(text);
      expect(r.findings).toEqual([]);
      expect(r.cluster).toEqual({ namespaces: [], pods: [], services: [], externals: [] });
    }
  });

  it('a document that is not a mapping is refused', () => {
    expect(errors('just a string\n')).toEqual(['test.yaml:1:1: not a Kubernetes object: expected a mapping with apiVersion and kind']);
    expect(errors('- a\n- b\n')).toEqual(['test.yaml:1:1: not a Kubernetes object: expected a mapping with apiVersion and kind']);
  });

  it('a large file loads', () => {
    const text = Array.from({ length: 2000 }, (_, i) => `---\napiVersion: v1\nkind: Pod\nmetadata: {name: p${i}, labels: {app: a}}\n`).join('');
    const r = load(text);
    expect(r.findings).toEqual([]);
    expect(r.cluster.pods).toHaveLength(2000);
  });
});
