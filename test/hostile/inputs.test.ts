// Small hostile inputs that used to crash or blow up: each must be a located one-line error
// (or a clean result), exit 2, no stack trace, no library warning.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadManifests } from '../../src/core/manifest/load.js';
import { formatFinding } from '../../src/core/findings.js';
import { showValue } from '../../src/core/manifest/report.js';
import { prescanYaml } from '../../src/core/manifest/yaml-prescan.js';
import { parseYamlDocuments } from '../../src/core/manifest/yaml-documents.js';
import { runInProcess, tempDir } from './helpers.js';

const errorsOf = (text: string, file = 'in.yaml') =>
  loadManifests([{ file, text }]).findings.filter((f) => f.severity === 'error').map(formatFinding);

let warnings: string[];
beforeEach(() => {
  warnings = [];
  vi.spyOn(process, 'emitWarning').mockImplementation(((w: string | Error) => {
    warnings.push(String(w));
  }) as typeof process.emitWarning);
});
afterEach(() => vi.restoreAllMocks());

const RECURSIVE = 'apiVersion: v1\nkind: Namespace\nmetadata: &A\n  name: *A\n';

describe('aliases', () => {
  it('a recursive alias is a located error, not a circular structure', () => {
    expect(errorsOf(RECURSIVE)).toEqual(['in.yaml:4:9: metadata.name: recursive alias "*A": it is inside the value anchored as &A']);
  });

  it('a recursive merge key is refused the same way', () => {
    const text = 'apiVersion: v1\nkind: Namespace\nmetadata: &m\n  name: x\n  labels:\n    <<: *m\n';
    expect(errorsOf(text)).toEqual([expect.stringMatching(/^in\.yaml:6:9: metadata\.labels\.<<: recursive alias "\*m"/)]);
  });

  it('an alias deeper inside its anchor, through a sequence, is found', () => {
    const text = 'a: &x\n  b:\n  - c: [1, *x]\n';
    expect(errorsOf(text)).toEqual([expect.stringMatching(/^in\.yaml:3:12: a\.b\[0\]\.c\[1\]: recursive alias "\*x"/)]);
  });

  it('an alias of an anchor that does not contain it is fine', () => {
    const text = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\n  labels: &l {a: b}\n  annotations: *l\n';
    expect(errorsOf(text)).toEqual([]);
  });

  it('an unknown alias is named, not "too many alias expansions"', () => {
    const text = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n  labels:\n    team: *nosuch\n';
    expect(errorsOf(text)).toEqual(['in.yaml:6:11: metadata.labels.team: unknown alias "*nosuch": no anchor &nosuch before it']);
  });

  it('every command exits 2 with one line on a recursive alias', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'rec.yaml'), RECURSIVE);
    for (const argv of [['matrix', '-f', 'rec.yaml'], ['explain', '-f', 'rec.yaml'], ['why', 'a/b', 'c/d', '80/TCP', '-f', 'rec.yaml']]) {
      const r = await runInProcess(argv, { cwd: dir, env: { NO_COLOR: '1', NETPOL_DOJO_SCORES: path.join(dir, 'scores') } });
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toEqual(['rec.yaml:4:9: metadata.name: recursive alias "*A": it is inside the value anchored as &A']);
    }
  });

  it('values are printed cycle-safe', () => {
    const v: Record<string, unknown> = { a: 1 };
    v.self = v;
    expect(showValue(v)).toBe('{"a":1,"self":"<cycle>"}');
    const shared = { k: 1 };
    expect(showValue({ x: shared, y: shared })).toBe('{"x":{"k":1},"y":{"k":1}}');
  });
});

describe('keys', () => {
  it('a complex key is a located error, with no library warning', () => {
    const text = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  ? [x]\n  : 1\n  name: a\n';
    expect(errorsOf(text)).toEqual(['in.yaml:4:5: metadata: a sequence or mapping used as a key: kubectl cannot decode it (map keys must be strings)']);
    expect(warnings).toEqual([]);
  });

  it('a long collection key stays one short line', () => {
    const key = `{${Array.from({ length: 50 }, (_, i) => `k${i}: [${'v, '.repeat(20)}]`).join(', ')}}`;
    const e = errorsOf(`apiVersion: v1\nkind: Namespace\nmetadata:\n  ? ${key}\n  : 1\n`);
    expect(e).toHaveLength(1);
    expect(e[0].length).toBeLessThan(200);
    expect(warnings).toEqual([]);
  });

  it('prototype names are ordinary strings: kinds, fields, commands, options', async () => {
    for (const kind of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      const r = loadManifests([{ file: 'in.yaml', text: `apiVersion: v1\nkind: ${kind}\nmetadata: {name: a}\n` }]);
      expect(r.findings.map(formatFinding)).toEqual([`in.yaml:2:7: warning: kind: skipping kind ${kind}`]);
    }
    for (const field of ['__proto__', 'constructor', 'valueOf']) {
      expect(errorsOf(`apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n  ${field}: 1\n`)).toEqual([
        `in.yaml:5:3: metadata.${field}: unknown field "metadata.${field}"`,
      ]);
    }
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      const r = await runInProcess([name]);
      expect(r).toMatchObject({ code: 2, stderr: `netpol-dojo: unknown command "${name}" (try --help)\n` });
    }
    for (const opt of ['--constructor', '--__proto__', '--toString']) {
      const r = await runInProcess(['matrix', opt, '-f', 'x.yaml']);
      expect(r).toMatchObject({ code: 2, stderr: `netpol-dojo: unknown option ${opt}\n` });
    }
  });
});

describe('size and nesting', () => {
  it('deep flow nesting is refused by the pre-scan, whatever its size', () => {
    for (const n of [150, 20_000, 1_000_000]) {
      expect(errorsOf('[' .repeat(n) + ']'.repeat(n))).toEqual(['in.yaml:1:102: YAML nested too deeply (more than 100 levels)']);
    }
    expect(errorsOf('- '.repeat(1_000_000) + 'x')).toEqual(['in.yaml:1:203: YAML nested too deeply (more than 100 levels)']);
    // Found by the fuzzer: a dash chain inside a flow collection, where the parser still nests.
    expect(errorsOf(`{"a": [\n${'- '.repeat(20_000)}x\n]}`)).toEqual(['in.yaml:2:199: YAML nested too deeply (more than 100 levels)']);
    expect(errorsOf(`a: ${'- '.repeat(20_000)}x\n`)).toEqual([expect.stringMatching(/^in\.yaml:1:\d+: YAML nested too deeply/)]);
    // Anchors and tags between the dashes (quadratic in the parser: 12 s for 100 KB), and '?' chains.
    for (const text of ['- &a '.repeat(20_000) + 'x', '- !t '.repeat(20_000) + 'x', `{a: [\n${'? '.repeat(20_000)}x\n]}`, '[&a '.repeat(20_000)]) {
      expect(errorsOf(text)).toEqual([expect.stringMatching(/^in\.yaml:\d+:\d+: YAML nested too deeply \(more than 100 levels\)$/)]);
    }
  });

  it('nesting within the limit still parses, in block and flow style', () => {
    const flow = `a: ${'['.repeat(90)}1${']'.repeat(90)}\n`;
    expect(parseYamlDocuments('in.yaml', flow).findings).toEqual([]);
    const block = Array.from({ length: 90 }, (_, i) => `${' '.repeat(i * 2)}k${i}:`).join('\n') + ' 1\n';
    const parsed = parseYamlDocuments('in.yaml', block);
    expect(parsed.findings).toEqual([]);
    expect(parsed.documents).toHaveLength(1);
  });

  it('the pre-scan does not count brackets in quotes, comments, block scalars or plain scalars', () => {
    const limits = { maxDepth: 3, maxNodes: 1e9, maxDocuments: 1e9 };
    const brackets = '[[[[[[{{{{{{';
    for (const text of [
      `a: "${brackets}"\n`,
      `a: '${brackets} it''s'\n`,
      `a: b # ${brackets}\n# ${brackets}\n`,
      `a: |\n  ${brackets}\n    ${brackets}\nb: 1\n`,
      `a: see ${brackets}\n`,
      `a: "multi\n  line ${brackets}"\n`,
    ]) {
      expect(prescanYaml(text, limits), text).toBeUndefined();
    }
  });

  it('too many documents or values are refused before the parse', () => {
    expect(prescanYaml('a: 1\n---\n'.repeat(20), { maxDepth: 100, maxNodes: 1e9, maxDocuments: 10 })).toMatchObject({ kind: 'documents' });
    expect(prescanYaml(`[${'1,'.repeat(1000)}]`, { maxDepth: 100, maxNodes: 500, maxDocuments: 10 })).toMatchObject({ kind: 'nodes' });
  });

  it('CR-only line ends read as line breaks, as go-yaml reads them, with the same positions', () => {
    const lf = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n  labels:\n    x: [1]\n';
    expect(errorsOf(lf.replace(/\n/g, '\r'))).toEqual(errorsOf(lf));
    expect(errorsOf(lf.replace(/\n/g, '\r'))).toEqual(['in.yaml:6:8: metadata.labels.x: Invalid value: [1]: must be a string']);
    const many = 'apiVersion: v1\rkind: Namespace\rmetadata:\r  name: nx\r---\r'.repeat(20_000);
    const r = loadManifests([{ file: 'cr.yaml', text: many }]);
    expect(r.cluster.namespaces.map((n) => n.name)).toEqual(['nx']);
  });

  it('many documents load in linear time: 50,000 Namespaces', () => {
    const text = Array.from({ length: 50_000 }, (_, i) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: n${i}\n`).join('---\n');
    const r = loadManifests([{ file: 'ns.yaml', text }]);
    expect(r.findings).toEqual([]);
    expect(r.cluster.namespaces).toHaveLength(50_000);
    expect(r.cluster.namespaces[49_999].name).toBe('n49999');
  });

  it('a table of 10,000 pods from a 2.6 KB file is refused, pointing to -o json', async () => {
    const dir = tempDir();
    const docs = Array.from({ length: 10 }, (_, i) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d${i}, namespace: ns}\nspec:\n  replicas: 1000\n  selector: {matchLabels: {app: d${i}}}\n  template:\n    metadata: {labels: {app: d${i}}}\n    spec: {containers: [{name: c, image: x, ports: [{containerPort: 80}]}]}\n`,
    );
    writeFileSync(path.join(dir, 'rep.yaml'), docs.join('---\n'));
    const r = await runInProcess(['matrix', '-f', 'rep.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^netpol-dojo: the table would have 100,000,000 cells \(10000 pods x 10000 pods x 1 probe\), more than a terminal can show .*use -o json/);
    // Narrowed to what fits, it prints.
    const small = await runInProcess(['matrix', '-f', 'rep.yaml', '-n', 'nothing-here'], { cwd: dir });
    expect(small.code).toBe(0);
  });
});
