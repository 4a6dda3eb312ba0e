// Start-up: Home's summary and the practice browser come from the bank's prebuilt index and the
// store alone. The full bank, the parser and the engine are loaded only for the screens that
// need them, and the modules behind the first screens do not import them.
import { afterEach, describe, expect, it } from 'vitest';
import { MODULE_TRACK } from '../../src/core/bank/tracks.js';
import React from 'react';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App } from '../../src/tui/App.js';
import { browserOrder } from '../../src/tui/screens/Browser.js';
import { openStore } from '../../src/store/progress-store.js';
import { practiceServices, type PracticeServices } from '../../src/tui/practice/services.js';
import { prebuiltSummaries, statKey, unchangedEntries } from '../../src/core/bank/prebuilt-index.js';
import type { BankIndex } from '../../src/core/bank/bank-index.js';
import { loadBank } from '../../src/core/bank/load-dir.js';
import { summaryOf } from '../../src/core/bank/bank-index.js';
import { compileBank } from '../../scripts/bank-compile.js';
import { KEY, cleanupRendered, frameLines, renderAt } from './helpers.js';
import { EXERCISES } from './fixtures.js';

afterEach(cleanupRendered);

const SRC = path.resolve(__dirname, '../../src');

/** Every module a file imports statically (not `import type`, not `import()`), transitively. */
function staticImports(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    if (!file.startsWith(SRC)) return;
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?from\s*'([^']+)'|^import\s+'([^']+)'/gm)) {
      const spec = m[1] ?? m[2];
      if (!spec.startsWith('.')) {
        seen.add(`package:${spec}`);
        continue;
      }
      const base = path.resolve(path.dirname(file), spec).replace(/\.js$/, '');
      const found = ['.ts', '.tsx'].map((ext) => base + ext).find((f) => existsSync(f));
      if (found) visit(found);
    }
  };
  visit(entry);
  return seen;
}

/** Modules that only exercises, the exam, review and stats need. */
const HEAVY = [
  /src\/core\/engine\//,
  /src\/core\/manifest\//,
  /src\/core\/grader\//,
  /src\/core\/bank\/(load-dir|bank|parse-scenario|prepare|describe)\.ts$/,
  /^package:yaml$/,
];

describe('the first screens', () => {
  it.each(['tui/start.tsx', 'tui/App.tsx', 'tui/practice/services.ts', 'core/bank/prebuilt-index.ts'])(
    '%s imports neither the parser nor the engine (they load when an exercise opens)',
    (entry) => {
      const heavy = [...staticImports(path.join(SRC, entry))].filter((f) => HEAVY.some((h) => h.test(f)));
      expect(heavy).toEqual([]);
    },
  );

  it('Home shows the summary in its first frame when start-up has it, and the browser lists the bank without the full load', async () => {
    const store = await openStore({ dir: mkdtempSync(path.join(tmpdir(), 'netpol-dojo-startup-')), onNotice: () => {} });
    const base = practiceServices({ store, exercisesDir: EXERCISES });
    let fullLoads = 0;
    // The full load fails here: nothing on Home or in the browser may need it.
    const services: PracticeServices = {
      ...base,
      load: () => {
        fullLoads++;
        return Promise.reject(new Error('the full bank is not loaded in this test'));
      },
    };
    const home = await services.home();
    const total = loadBank(EXERCISES).scenarios.length;
    expect(home.summaries).toEqual(loadBank(EXERCISES).scenarios.map(summaryOf));
    const r = renderAt(<App services={services} home={home} />, { columns: 100, rows: 30 });
    // The very first frame, before any effect ran.
    expect(frameLines(r.lastFrame())[1]).toBe(` 0/${total} exercises passed · 0 attempted · no mock exam yet`);
    const list = await r.pressUntil(`${total} exercises · `, '1');
    expect(list).toMatch(/✓|·/);
    // The cursor starts on the module track's first exercise (the tracks come before the sections).
    expect(list).toContain(`${MODULE_TRACK.exercises[0]} · 1/5 of the track, played in the console · not attempted`);
    expect(list).toContain(browserOrder(home.summaries)[0].title);
    expect(list).not.toContain('Loading');
    // Opening an exercise asks for the full load; its failure is said there.
    await r.pressUntil('Cannot open the exercises: the full bank is not loaded in this test', KEY.enter);
    expect(fullLoads).toBeGreaterThan(0);
  });

  it('without start-up data, Home asks the services for it and shows the summary', async () => {
    const store = await openStore({ dir: mkdtempSync(path.join(tmpdir(), 'netpol-dojo-startup-')), onNotice: () => {} });
    const services = practiceServices({ store, exercisesDir: EXERCISES });
    const r = renderAt(<App services={services} />);
    expect(r.lastFrame()).toContain('loading your progress...');
    await r.waitFor(`0/${loadBank(EXERCISES).scenarios.length} exercises passed`);
  });
});

describe('the prebuilt index alone', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'netpol-prebuilt-summaries-'));
  const dir = path.join(root, 'exercises');
  cpSync(EXERCISES, dir, { recursive: true });
  const { files, problems } = compileBank(dir);
  const prebuilt = path.join(root, 'prebuilt');
  mkdirSync(prebuilt);
  for (const [name, text] of files) writeFileSync(path.join(prebuilt, name), text);

  it('gives the summaries the parser gives, sorted by id', () => {
    expect(problems).toEqual([]);
    expect(prebuiltSummaries(dir, { prebuilt })).toEqual(loadBank(dir, { prebuilt: null }).scenarios.map(summaryOf));
  });

  it('reads a file only when its stat differs from the one the index recorded, and then trusts its digest alone', () => {
    const index = JSON.parse(files.get('index.json')!) as BankIndex;
    expect(index.entries.every((e) => typeof e.stat === 'string')).toBe(true);
    const expected = loadBank(dir, { prebuilt: null }).scenarios.map(summaryOf);
    // Written again with the same text: another stat, the same digest.
    const file = path.join(dir, 'exercise-2.yaml');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text);
    expect(statKey(statSync(file))).not.toBe(index.entries.find((e) => e.id === 'exercise-2')!.stat);
    expect(unchangedEntries(index, dir)?.length).toBe(expected.length);
    // An index from before stats were kept: every file is read and checked.
    const withoutStats: BankIndex = { ...index, entries: index.entries.map(({ stat: _stat, ...e }) => e) };
    expect(
      unchangedEntries(withoutStats, dir)
        ?.map((e) => e.id)
        .sort(),
    ).toEqual(expected.map((s) => s.id).sort());
    // A recorded stat that no longer holds, on a file whose text changed: refused.
    writeFileSync(file, text.replace('title:', 'title: x'));
    expect(unchangedEntries(index, dir)).toBeUndefined();
    writeFileSync(file, text);
  });

  it('gives nothing when there is no index, or an exercise changed since the build', () => {
    expect(prebuiltSummaries(dir, { prebuilt: null })).toBeUndefined();
    expect(prebuiltSummaries(dir, { prebuilt: path.join(root, 'missing') })).toBeUndefined();
    const edited = path.join(dir, 'exercise-1.yaml');
    writeFileSync(edited, readFileSync(edited, 'utf8') + '\n# edited\n');
    expect(prebuiltSummaries(dir, { prebuilt })).toBeUndefined();
  });
});
