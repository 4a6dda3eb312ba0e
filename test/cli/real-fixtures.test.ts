// The real-world fixture set (test/fixtures/real): each input, through the CLI, gives the
// matrix worked out by hand in its .expected.txt, and exactly the warnings listed there.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../../src/cli/main.js';
import { captureIo } from './capture-io.js';

const dir = path.resolve(__dirname, '../fixtures/real');

interface Expected {
  aliases: Map<string, string>;
  probes: { probe: string; cols: string[]; rows: Map<string, string[]> }[];
  warnings: string[];
}

function parseExpected(text: string): Expected {
  const out: Expected = { aliases: new Map(), probes: [], warnings: [] };
  let current: Expected['probes'][number] | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const [word, ...rest] = line.split(/\s+/);
    if (word === 'alias') out.aliases.set(rest[0], rest[1]);
    else if (word === 'probe') out.probes.push((current = { probe: rest[0], cols: [], rows: new Map() }));
    else if (word === 'warning') out.warnings.push(line.slice('warning '.length));
    else if (current && current.cols.length === 0) current.cols = [word, ...rest];
    else if (current) current.rows.set(word, rest);
  }
  return out;
}

/** The pod ids an alias stands for: one id, or every id with the prefix before a final *. */
function podsOf(alias: string, e: Expected, pods: string[]): string[] {
  const target = e.aliases.get(alias);
  if (!target) throw new Error(`no alias ${alias}`);
  const ids = target.endsWith('*') ? pods.filter((p) => p.startsWith(target.slice(0, -1))) : pods.filter((p) => p === target);
  if (ids.length === 0) throw new Error(`alias ${alias} (${target}) matches no pod of ${pods.join(', ')}`);
  return ids;
}

const fixtures = fs.readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();

describe('real-world fixtures', () => {
  it('the set is there: a cluster dump, a Helm render, Calico objects', () => {
    expect(fixtures).toEqual(['calico.yaml', 'cluster-dump.yaml', 'helm-render.yaml']);
  });

  for (const file of fixtures) {
    it(`${file}: the matrix and the warnings worked out by hand`, async () => {
      const expected = parseExpected(fs.readFileSync(path.join(dir, file.replace(/\.yaml$/, '.expected.txt')), 'utf8'));
      const io = captureIo({ cwd: dir });
      const args = ['matrix', '-f', file, '-o', 'json', ...expected.probes.flatMap((p) => ['-p', p.probe])];
      expect(await runCli(args, io)).toBe(0);
      const warnings = io.err().trim().split('\n').filter(Boolean).map((l) => l.replace(/^[^:]+:\d+:\d+: warning: /, ''));
      expect(warnings).toEqual(expected.warnings);
      const m = JSON.parse(io.out()) as { pods: string[]; results: { from: string; to: string; port: number; protocol: string; allowed: boolean }[] };
      // Every pod is some alias's: nothing made up, nothing left out.
      const covered = [...expected.aliases.keys()].flatMap((a) => podsOf(a, expected, m.pods));
      expect([...covered].sort()).toEqual([...m.pods].sort());
      const cell = new Map(m.results.map((r) => [`${r.from} ${r.to} ${r.port}/${r.protocol}`, r.allowed]));
      for (const p of expected.probes) {
        for (const [rowAlias, cells] of p.rows) {
          cells.forEach((mark, c) => {
            const colAlias = p.cols[c];
            for (const from of podsOf(rowAlias, expected, m.pods)) {
              for (const to of podsOf(colAlias, expected, m.pods)) {
                if (from === to) {
                  expect(mark, `${p.probe} ${rowAlias} -> ${colAlias}: "." is for the same pod only`).not.toBe(undefined);
                  continue;
                }
                expect(mark, `${p.probe} ${rowAlias} -> ${colAlias}`).not.toBe('.');
                expect(cell.get(`${from} ${to} ${p.probe}`), `${p.probe}: ${from} -> ${to}`).toBe(mark === 'Y');
              }
            }
          });
        }
      }
    });
  }
});
