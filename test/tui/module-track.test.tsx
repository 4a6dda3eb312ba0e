// The module track in the practice browser: the module's Exercises 1-5, in order, each opened in
// the console on its cluster. Played here through the real App, bank, console, grader and a store
// in a temp dir: exercise 1 typed as the module prints it (each test shows its stated outcome),
// graded, `n` to step 2 in the same console, then `n` to exercise 2 and its two steps. Waits on
// frames and on the store, never on the clock.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import React from 'react';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App } from '../../src/tui/App.js';
import type { PracticeServices } from '../../src/tui/practice/services.js';
import { openStore, type ProgressStore } from '../../src/store/progress-store.js';
import { trackNextScreen } from '../../src/tui/app-state.js';
import { KEY, bracketedPaste, cleanupRendered, renderAt, sendKeys, waitForFrame, waitUntil, type Rendered } from './helpers.js';
import { loadedServices } from './fixtures.js';
import { applyingPolicy, commandStarting } from '../console/module/commands.js';

let dir: string;
let store: ProgressStore;
let services: PracticeServices;

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'netpol-dojo-track-'));
  store = await openStore({ dir, onNotice: () => {} });
  services = await loadedServices(store);
});

afterEach(async () => {
  cleanupRendered();
  await services.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs one command (pasted whole, as a terminal sends a pasted here-document) and waits for its output. */
async function run(r: Rendered, command: string, expected: string | ((frame: string) => boolean)): Promise<string> {
  await sendKeys(r.stdin, bracketedPaste(`${command}\n`));
  return waitForFrame(r.lastFrame, expected);
}

/** The screen after the last occurrence of `marker` (the newest command's output). */
const after = (frame: string, marker: string) => frame.slice(frame.lastIndexOf(marker));

// The module's Exercise 1 and 2, as printed (module 13, section 8): read from its scripts.
const EX1_TEST = commandStarting('ex1', 'kubectl exec -n netpol-test deploy/client -- wget');
const EX1_DENY = applyingPolicy('ex1', 'deny-all-ingress');
const EX1_ALLOW = applyingPolicy('ex1', 'allow-client-to-web');
const EX2_TEST = commandStarting('ex2', 'kubectl exec -n egress-test deploy/app -- nslookup google.com');
const EX2_DENY = applyingPolicy('ex2', 'deny-all-egress');
const EX2_DNS = applyingPolicy('ex2', 'allow-dns');

async function passed(r: Rendered, id: string, step: number): Promise<void> {
  await sendKeys(r.stdin, KEY.ctrlS);
  await waitForFrame(r.lastFrame, 'PASSED');
  await waitUntil(`${id} step ${step} stored`, () => store.attempts({ exerciseId: id, step }).some((a) => a.passed));
}

describe('the module track', () => {
  it('is the first group of the browser, Exercises 1-5 in order with their status', async () => {
    await store.recordAttempt({ exerciseId: 'exercise-2', step: 1, mode: 'practice', passed: false, score: 0.5, answer: '', mismatches: [] });
    const r = renderAt(<App services={services} />, { columns: 100, rows: 30 });
    await waitForFrame(r.lastFrame, /\d+\/\d+ exercises passed/);
    const list = await r.pressUntil('/ to filter', KEY.enter);
    const lines = list.split('\n');
    const head = lines.findIndex((l) => l.includes('Module track: Exercises 1-5'));
    expect(head).toBe(2);
    expect(lines.slice(head + 1, head + 6).map((l) => l.trim())).toEqual([
      expect.stringMatching(/^· >Default deny, then let one client in\s+write/),
      expect.stringMatching(/^✗  Deny all egress, then let DNS out\s+write/),
      expect.stringMatching(/^·  Let one namespace in, by its label/),
      expect.stringMatching(/^·  AND in one from entry/),
      expect.stringMatching(/^·  Three tiers, microsegmented/),
    ]);
    expect(lines[head + 6]).toMatch(/^ 2 The NetworkPolicy spec/);
    expect(list).toContain('exercise-1 · 1/5 of the track, played in the console · not attempted');
    // A filter searches the bank by section: each match once, the track is not repeated.
    const filtered = await r.pressUntil('filter "exercise-1"', '/', 'exercise-1', KEY.enter);
    expect(filtered).not.toContain('Module track');
  });

  it('plays exercise 1 then exercise 2 in the console: the stated outcomes, a pass per step, n along the track', async () => {
    const r = renderAt(<App services={services} />, { columns: 100, rows: 30 });
    await waitForFrame(r.lastFrame, /\d+\/\d+ exercises passed/);
    await r.pressUntil('/ to filter', KEY.enter);
    // Enter on the track's first item: exercise 1 opens in the console, not on its task.
    await r.pressUntil('console · exercise-1 step 1', KEY.enter);
    await waitForFrame(r.lastFrame, 'controlplane:~$');
    // 3. Test connectivity (should work): HTML output = success.
    await run(r, EX1_TEST, (f) => after(f, 'http://web').includes('Welcome to nginx!'));
    // 4-5. Default deny ingress, test again: "wget: download timed out".
    await run(r, EX1_DENY, 'networkpolicy.networking.k8s.io/deny-all-ingress created');
    const denied = await run(r, EX1_TEST, (f) => after(f, 'http://web').includes('wget: download timed out'));
    expect(after(denied, 'http://web')).not.toContain('Welcome to nginx!');
    await passed(r, 'exercise-1', 1);

    // n: step 2 in the same console, opened at once.
    await r.pressUntil('console · exercise-1 step 2', 'n');
    await waitForFrame(r.lastFrame, 'deny-all-ingress created');
    // 6-7. Allow client -> web, test again (should work).
    await run(r, EX1_ALLOW, 'networkpolicy.networking.k8s.io/allow-client-to-web created');
    const open = await run(r, EX1_TEST, (f) => after(f, 'http://web').includes('</html>'));
    expect(after(open, 'http://web')).not.toContain('timed out');
    await passed(r, 'exercise-1', 2);

    // n after the last step: the track's exercise 2, on its own cluster, in the console.
    await r.pressUntil('console · exercise-2 step 1', 'n');
    await waitForFrame(r.lastFrame, 'controlplane:~$');
    expect(r.lastFrame()).not.toContain('netpol-test');
    // 2. Test DNS works.
    await run(r, EX2_TEST, (f) => /Name:\s+google\.com/.test(after(f, 'nslookup google.com')));
    // 3-4. Deny all egress; DNS fails.
    await run(r, EX2_DENY, 'networkpolicy.networking.k8s.io/deny-all-egress created');
    const noDns = await run(r, EX2_TEST, (f) => after(f, 'nslookup google.com').includes('command terminated with exit code 1'));
    expect(after(noDns, 'nslookup google.com')).toContain('no servers could be reached');
    await passed(r, 'exercise-2', 1);

    await r.pressUntil('console · exercise-2 step 2', 'n');
    // 5-6. Allow DNS egress; DNS works again.
    await run(r, EX2_DNS, 'networkpolicy.networking.k8s.io/allow-dns created');
    const dns = await run(r, EX2_TEST, (f) => after(f, 'nslookup google.com').includes('Address: 142.250.185.78'));
    expect(after(dns, 'nslookup google.com')).not.toContain('no servers could be reached');
    await passed(r, 'exercise-2', 2);
    expect(store.attempts({ exerciseId: 'exercise-2', step: 2 })[0].console?.map((e) => e.command)).toEqual([EX2_TEST, EX2_DENY, EX2_TEST, EX2_DNS, EX2_TEST]);

    // Back in the browser the track shows both passed, the cursor on exercise 2's track line.
    await sendKeys(r.stdin, KEY.esc);
    await waitForFrame(r.lastFrame, 'c console');
    const list = await r.pressUntil('2/5 of the track', KEY.esc);
    expect(list).toMatch(/✓  Default deny, then let one client in/);
    expect(list).toMatch(/✓ >Deny all egress, then let DNS out/);
  });

  it('after exercise 5, n says how the track stands instead of opening another exercise', async () => {
    const r = renderAt(<App services={services} />, { columns: 100, rows: 30 });
    await waitForFrame(r.lastFrame, /\d+\/\d+ exercises passed/);
    await r.pressUntil('/ to filter', KEY.enter);
    await r.pressUntil('5/5 of the track', KEY.down, KEY.down, KEY.down, KEY.down);
    await r.pressUntil('console · exercise-5 step 1', KEY.enter);
    await waitForFrame(r.lastFrame, 'controlplane:~$');
    // Nothing done: the grade fails, and n at the track's end goes back to the browser with its standing.
    await r.pressUntil('FAILED', KEY.ctrlS);
    const end = await r.pressUntil('End of the module track', 'n');
    expect(end).toContain('End of the module track: 0/5 passed; exercise-1 is not passed yet.');
    expect(end).toContain('exercise-5 · 5/5 of the track');
  });
});

describe('trackNextScreen', () => {
  it('follows the track, ends in the browser with its standing, and leaves other sessions to the browser order', () => {
    expect(trackNextScreen({ name: 'session', id: 'exercise-3', track: 'module' }, () => false)).toEqual({
      name: 'session',
      id: 'exercise-4',
      track: 'module',
    });
    expect(trackNextScreen({ name: 'session', id: 'exercise-5', track: 'module' }, () => true)).toEqual({
      name: 'browser',
      selectedId: 'exercise-5',
      selectedTrack: 'module',
      notice: 'Module track complete: all 5 exercises passed.',
    });
    expect(trackNextScreen({ name: 'session', id: 'exercise-1' }, () => true)).toBeUndefined();
    expect(trackNextScreen({ name: 'home' }, () => true)).toBeUndefined();
  });
});
