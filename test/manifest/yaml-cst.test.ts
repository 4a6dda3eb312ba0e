// The block-YAML fast path (plain data from the yaml package's CST) reads every text exactly
// as the full parse does: same documents, data, sources and findings, and the same positions
// for the paths it answers itself. Inputs: every YAML file of the repository (the bank, the
// fixtures, the conformance cases), hand-picked YAML 1.1 corners, and fuzzed mutations of them.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Document, LineCounter } from 'yaml';
import { parseYamlDocuments } from '../../src/core/manifest/yaml-documents.js';
import { parseBlockYaml } from '../../src/core/manifest/yaml-cst.js';
import { seededRandom } from '../../src/core/training/exam-plan.js';

const repo = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const schema = new Document(null, { version: '1.1' }).schema;

function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x) => (typeof x === 'number' && Object.is(x, -0) ? '<-0>' : typeof x === 'number' && !Number.isFinite(x) ? `<${x}>` : x === undefined ? '<undefined>' : x));
}

/** Compares the default parse with the full one; returns whether the CST path took the text. */
function same(file: string, text: string): boolean {
  const fast = parseYamlDocuments(file, text, { jsonFastPath: false });
  const full = parseYamlDocuments(file, text, { jsonFastPath: false, blockFastPath: false });
  if (process.env.SHOW_DIFF && JSON.stringify(fast.findings) !== JSON.stringify(full.findings)) console.log(JSON.stringify(text), JSON.stringify(full.findings));
  expect(fast.findings, file).toEqual(full.findings);
  expect(fast.documents.map((d) => [d.index, canonical(d.data), d.source]), file).toEqual(full.documents.map((d) => [d.index, canonical(d.data), d.source]));
  fast.documents.forEach((d, i) => {
    const f = full.documents[i];
    expect(d.locator.value([]), file).toEqual(f.locator.value([]));
    const items = (d.data as { items?: unknown }).items;
    if (Array.isArray(items)) for (let k = 0; k < items.length; k++) expect(d.locator.value(['items', k]), file).toEqual(f.locator.value(['items', k]));
    expect(d.locator.value(['spec', 'podSelector']), file).toEqual(f.locator.value(['spec', 'podSelector']));
    expect(d.locator.key(['metadata', 'name']), file).toEqual(f.locator.key(['metadata', 'name']));
    // Every path of the data, and one step past each (missing fields fall back to an ancestor).
    for (const p of paths(d.data).slice(0, 300)) {
      for (const q of [p, [...p, 'missing'], [...p, 7]]) {
        expect(d.locator.value(q), `${file} ${JSON.stringify(q)}`).toEqual(f.locator.value(q));
        expect(d.locator.key(q), `${file} key ${JSON.stringify(q)}`).toEqual(f.locator.key(q));
      }
    }
  });
  return parseBlockYaml(text.replace(/\r\n?/g, '\n'), schema, new LineCounter(), 100) !== undefined;
}

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
    else if (/\.ya?ml$/.test(e.name)) out.push(p);
  }
  return out;
}

describe('the block-YAML fast path', () => {
  const files = yamlFiles(repo).map((f) => ({ f, text: readFileSync(f, 'utf8') }));

  it('reads the repository\'s YAML files as the full parse does, and takes most of them', () => {
    expect(files.length).toBeGreaterThan(40);
    let taken = 0;
    for (const { f, text } of files) if (same(f, text)) taken++;
    expect(taken).toBeGreaterThan(files.length / 2);
  });

  it('reads YAML 1.1 corners as the full parse does', () => {
    const corners = [
      'a: yes\nb: no\nc: on\nd: off\ne: y\nf: n\ng: ~\nh: null\ni:\nj: 0755\nk: 0x1F\nl: 1_000\nm: 1e3\nn: .5\no: 2024-01-01\np: 1:20\nq: .inf\nr: -.NaN\n',
      'yes: 1\n1: a\n0x10: b\n~: c\n"quoted": d\n\'single\': e\n',
      'a: "x\\ty\\u00e9\\\\"\nb: \'it\'\'s\'\nc: |\n  line 1\n  line 2\nd: >-\n  folded\n  text\n\ne: |+\n  keep\n\n',
      'a: plain\n  continued\nb: "dq\n  folded"\n',
      '---\n---\na: 1\n...\n---\n# only a comment\n---\nb: [x, y, {c: d}]\n',
      'list:\n- a\n- - nested\n  - seq\n- k: v\n  k2: v2\n-\n- ""\n',
      'base: &b\n  port: 80\nuse: *b\n', 'm:\n  <<: {a: 1}\n', '? complex\n: key\n', '!!str 123: x\n', 'a: !!int "5"\n',
      'a: 1\na: 2\n', 'a:\n  b: 1\n   c: 2\n', 'a: b: c\n', '- a\n -b\n', 'a:\t1\n', '%YAML 1.1\n---\na: 1\n',
      'a: [1, 2,]\n', 'a: {b: 1,}\n', 'a: [b\n  , c]\n', '"unterminated\n', 'a: \'x\n', 'key: value # comment\n# end\n',
      '--- a: 1\n', '--- |\n  text\n', '- [a, b]\n- {c: 1}\n', 'a:\n- b\n- c\nd: e\n', '__proto__: x\n', 'a: {__proto__: 1}\n',
      'x: -0\ny: +1\nz: 00\nw: 1.0\nv: 9223372036854775808\n', 'k: "multi\n\n  line"\n',
    ];
    for (const [i, text] of corners.entries()) same(`corner-${i}.yaml`, text);
  });

  it('reads fuzzed mutations of the repository\'s files as the full parse does', () => {
    const r = seededRandom(Number(process.env.FUZZ_SEED ?? 5));
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
    const inserts = [' ', '  ', '\n', ':', ': ', '- ', '#', ' #', '"', "'", '{', '}', '[', ']', ',', '&a ', '*a', '!!str ', '? ', '|', '>', '\t', '<<: ', 'yes', '0x1F', '1e3', '~', '---\n', '...\n', '%', '@', '`', '\\'];
    const small = files.filter(({ text }) => text.length < 6000);
    let taken = 0;
    for (let i = 0; i < 400; i++) {
      let text = pick(small).text;
      for (let m = 0; m < 1 + Math.floor(r() * 3); m++) {
        const at = Math.floor(r() * text.length);
        const k = r();
        if (k < 0.4) text = text.slice(0, at) + pick(inserts) + text.slice(at);
        else if (k < 0.6) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(r() * 3));
        else {
          const lines = text.split('\n');
          const l = Math.floor(r() * lines.length);
          if (k < 0.8) lines.splice(l, 0, lines[l]);
          else lines[l] = (r() < 0.5 ? ' ' : '') + lines[l].replace(/^ /, r() < 0.5 ? '' : '   ');
          text = lines.join('\n');
        }
      }
      if (same(`fuzz-${i}.yaml`, text)) taken++;
    }
    expect(taken).toBeGreaterThan(40);
  });
});
