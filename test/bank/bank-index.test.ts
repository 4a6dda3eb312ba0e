// The prebuilt bank (dist/bank/): what the build writes loads as exactly what the parser
// returns, an edited or broken source is parsed again, and the build refuses a broken bank.
import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileBank } from '../../scripts/bank-compile.js';
import { loadBank, loadBankSummaries, loadScenario } from '../../src/core/bank/load-dir.js';
import { readBankIndex, summaryOf } from '../../src/core/bank/bank-index.js';

const source = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'exercises');

/** A copy of the bank in <tmp>/exercises and its prebuilt form in <tmp>/prebuilt. */
function copyWithPrebuilt(): { dir: string; prebuilt: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'netpol-bank-index-'));
  const dir = path.join(root, 'exercises');
  cpSync(source, dir, { recursive: true });
  const { files, problems } = compileBank(dir);
  expect(problems).toEqual([]);
  const prebuilt = path.join(root, 'prebuilt');
  mkdirSync(prebuilt);
  for (const [name, text] of files) writeFileSync(path.join(prebuilt, name), text);
  return { dir, prebuilt };
}

describe('the prebuilt bank', () => {
  const { dir, prebuilt } = copyWithPrebuilt();
  const parsed = loadBank(dir, { prebuilt: null });

  it('loads as the very scenarios the parser returns, in the same order', () => {
    const fast = loadBank(dir, { prebuilt });
    expect(fast).not.toBe(parsed);
    expect(fast.scenarios.map((s) => s.id)).toEqual(parsed.scenarios.map((s) => s.id));
    expect(fast.scenarios).toEqual(parsed.scenarios);
    expect(fast.findings).toEqual([]);
    expect([...fast.byId.keys()]).toEqual([...parsed.byId.keys()]);
  });

  it('gives the summaries list, Home and the Browser show from the index alone', () => {
    expect(loadBankSummaries(dir, { prebuilt }).summaries).toEqual(parsed.scenarios.map(summaryOf));
    const index = readBankIndex(readFileSync(path.join(prebuilt, 'index.json'), 'utf8'))!;
    expect(index.entries.length).toBe(parsed.scenarios.length);
  });

  it('reads one scenario without the others: a broken neighbour does not matter', () => {
    const c = copyWithPrebuilt();
    writeFileSync(path.join(c.dir, 'exercise-2.yaml'), 'id: [unclosed\n');
    const one = loadScenario('exercise-1', c.dir, { prebuilt: c.prebuilt });
    expect(one.bank).toBeUndefined();
    expect(one.scenario).toEqual(parsed.byId.get('exercise-1'));
    // The whole bank no longer matches its build: parsed again, with the neighbour's error.
    const bank = loadBank(c.dir, { prebuilt: c.prebuilt });
    expect(bank.byId.has('exercise-2')).toBe(false);
    expect(bank.findings.map((f) => f.file)).toEqual(['exercises/exercise-2.yaml']);
    expect(loadBankSummaries(c.dir, { prebuilt: c.prebuilt }).findings.length).toBe(1);
    const broken = loadScenario('exercise-2', c.dir, { prebuilt: c.prebuilt });
    expect(broken.scenario).toBeUndefined();
    expect(broken.bank?.findings.length).toBe(1);
  });

  it('parses a scenario edited after the build instead of serving the old one', () => {
    const c = copyWithPrebuilt();
    const file = path.join(c.dir, 'exercise-1.yaml');
    const text = readFileSync(file, 'utf8');
    const old = parsed.byId.get('exercise-1')!.title;
    writeFileSync(file, text.replace(/^title: .*$/m, 'title: Edited after the build'));
    expect(loadScenario('exercise-1', c.dir, { prebuilt: c.prebuilt }).scenario?.title).toBe('Edited after the build');
    const summaries = loadBankSummaries(c.dir, { prebuilt: c.prebuilt }).summaries;
    expect(summaries.find((s) => s.id === 'exercise-1')?.title).toBe('Edited after the build');
    expect(summaries.some((s) => s.title === old && s.id === 'exercise-1')).toBe(false);
  });

  it('ignores damaged prebuilt files', () => {
    const c = copyWithPrebuilt();
    writeFileSync(path.join(c.prebuilt, 'exercise-3.json'), '{"digest": "0", "scenario": {}}');
    expect(loadScenario('exercise-3', c.dir, { prebuilt: c.prebuilt }).scenario).toEqual(parsed.byId.get('exercise-3'));
    expect(loadBank(c.dir, { prebuilt: c.prebuilt }).scenarios).toEqual(parsed.scenarios);
    const d = copyWithPrebuilt();
    writeFileSync(path.join(d.prebuilt, 'index.json'), '{"version": 1, "entries": [{"id": "x"}]}');
    expect(loadBankSummaries(d.dir, { prebuilt: d.prebuilt }).summaries).toEqual(parsed.scenarios.map(summaryOf));
  });

  it('a new scenario file not in the build is parsed with the rest', () => {
    const c = copyWithPrebuilt();
    const text = readFileSync(path.join(c.dir, 'exercise-1.yaml'), 'utf8').replace(/^id: .*$/m, 'id: exercise-99');
    writeFileSync(path.join(c.dir, 'exercise-99.yaml'), text);
    expect(loadBank(c.dir, { prebuilt: c.prebuilt }).byId.has('exercise-99')).toBe(true);
    expect(loadScenario('exercise-99', c.dir, { prebuilt: c.prebuilt }).scenario?.id).toBe('exercise-99');
  });
});

describe('the bank build', () => {
  it('reports a broken scenario (the build then fails)', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'netpol-bank-broken-'));
    const dir = path.join(root, 'exercises');
    cpSync(source, dir, { recursive: true });
    writeFileSync(path.join(dir, 'exercise-4.yaml'), readFileSync(path.join(dir, 'exercise-4.yaml'), 'utf8').replace(/^kind: .*$/m, 'kind: guess'));
    const { problems } = compileBank(dir);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatch(/^exercises\/exercise-4\.yaml:\d+:\d+: /);
  });
});
