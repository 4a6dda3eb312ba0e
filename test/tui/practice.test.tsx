// The practice flow through the real App, bank, grader and a progress store in a temp dir,
// driven with real key sequences.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import React from 'react';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App } from '../../src/tui/App.js';
import type { PracticeServices } from '../../src/tui/practice/services.js';
import { openStore, type ProgressStore } from '../../src/store/progress-store.js';
import { KEY, bracketedPaste, cleanupRendered, frameLines, renderAt, sendKeys, waitForFrame, waitUntil } from './helpers.js';
import { loadedServices } from './fixtures.js';

let dir: string;
let store: ProgressStore;
let services: PracticeServices;

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'netpol-dojo-tui-'));
  store = await openStore({ dir, onNotice: () => {} });
  services = await loadedServices(store);
});

afterEach(async () => {
  cleanupRendered();
  await services.close();
  rmSync(dir, { recursive: true, force: true });
});

const WRONG_STEP1 = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-all-ingress, namespace: default}
spec:
  podSelector: {}
  policyTypes: [Ingress]`;

/** Home -> Practice -> filter -> open the only match. */
async function openExercise(r: ReturnType<typeof renderAt>, id: string): Promise<string> {
  await waitForFrame(r.lastFrame, /\d+\/\d+ exercises passed/.test.bind(/\d+\/\d+ exercises passed/));
  await sendKeys(r.stdin, KEY.enter);
  await waitForFrame(r.lastFrame, '/ to filter');
  await sendKeys(r.stdin, '/', id, KEY.enter);
  await waitForFrame(r.lastFrame, `filter "${id}"`);
  await sendKeys(r.stdin, KEY.enter);
  return waitForFrame(r.lastFrame, `${id} · Step`);
}

describe('home and browser', () => {
  it('the home summary and the browser statuses come from the store', async () => {
    // exercise-1 has two steps, both passed; exercise-2 only its first of two: not passed yet.
    for (const step of [1, 2]) await store.recordAttempt({ exerciseId: 'exercise-1', step, mode: 'cli', passed: true, score: 1, answer: '', mismatches: [] });
    await store.recordAttempt({ exerciseId: 'exercise-2', step: 1, mode: 'cli', passed: true, score: 1, answer: '', mismatches: [] });
    await store.recordAttempt({ exerciseId: 'deny-all-ingress', step: 1, mode: 'cli', passed: false, score: 0, answer: '', mismatches: [] });
    const r = renderAt(<App services={services} />, { columns: 100, rows: 30 });
    const home = await waitForFrame(r.lastFrame, 'exercises passed');
    expect(home).toMatch(/ 1\/\d+ exercises passed · 3 attempted · no mock exam yet/);
    await sendKeys(r.stdin, KEY.enter);
    const frame = await waitForFrame(r.lastFrame, '/ to filter');
    // Grouped by the module's sections, numbered and named.
    expect(frame).toContain('2 The NetworkPolicy spec');
    expect(frame).toContain('3 AND vs OR');
    await sendKeys(r.stdin, '/', 'default deny', KEY.enter);
    const filtered = await waitForFrame(r.lastFrame, 'filter "default deny"');
    const line = (title: string) => frameLines(filtered).find((l) => l.includes(title)) ?? '';
    expect(line('Default deny, then let one client in')).toMatch(/^ ✓ +.*write +●○○○○ +8m$/);
    expect(line('Seal the billing namespace')).toMatch(/^ ✗ /);
    expect(line('Quarantine a namespace')).toMatch(/^ · /);
    await sendKeys(r.stdin, KEY.esc);
    await waitForFrame(r.lastFrame, '> 1. Practice');
    await sendKeys(r.stdin, KEY.enter);
    await waitForFrame(r.lastFrame, '/ to filter');
    await sendKeys(r.stdin, '/', 'DNS out', KEY.enter);
    const dns = await waitForFrame(r.lastFrame, 'filter "DNS out"');
    expect(frameLines(dns).find((l) => l.includes('Deny all egress, then let DNS out'))).toMatch(/^ ✗ /);
  });

  it('Esc in the filter clears it; Esc on the list goes home; q quits', async () => {
    const r = renderAt(<App services={services} />, { columns: 80, rows: 24 });
    await waitForFrame(r.lastFrame, 'exercises passed');
    await sendKeys(r.stdin, KEY.enter);
    await waitForFrame(r.lastFrame, '/ to filter');
    await sendKeys(r.stdin, '/', 'zzzz');
    await waitForFrame(r.lastFrame, 'No exercise matches');
    await sendKeys(r.stdin, KEY.esc);
    await waitForFrame(r.lastFrame, '/ to filter');
    await sendKeys(r.stdin, 'q');
    await r.exited();
  });
});

describe('a whole practice flow', () => {
  it('wrong answer, failing cell and reason, fix, pass, attempts in the store', async () => {
    const r = renderAt(<App services={services} />, { columns: 100, rows: 30 });
    const task = await openExercise(r, 'exercise-1');
    expect(task).toContain('Step 1/2: Deny every incoming connection in netpol-test');
    expect(task).toContain('namespace netpol-test');
    expect(task).toMatch(/pod web-\S+ +app=web +10\.244\.1\.10 +80\/TCP/);
    expect(task).toContain('svc web  10.96.100.10  80 -> 80/TCP');
    await sendKeys(r.stdin, KEY.pgDn);
    await waitForFrame(r.lastFrame, 'No NetworkPolicies exist yet.');

    await sendKeys(r.stdin, KEY.enter);
    await waitForFrame(r.lastFrame, 'Live: who can talk to whom');
    await sendKeys(r.stdin, bracketedPaste(WRONG_STEP1));
    // The live matrix still lets client reach web (the policy sits in default).
    await waitForFrame(r.lastFrame, (f) => f.includes('6   policyTypes: [Ingress]') && /client +✓/.test(f));
    await sendKeys(r.stdin, KEY.ctrlS);
    const failed = await waitForFrame(r.lastFrame, 'recorded');
    expect(failed).toContain('✗ FAILED  step 1/2 · score 47%');
    // The cursor starts on the first wrong cell: web -> web (its two replicas reach each other),
    // open on every port where the step wants nothing in; every pod reaches web and client,
    // CoreDNS and the outside host too.
    expect(failed).toMatch(/^web +✗ +✗ +✓ +✓ +web +\[✓!\] +✓! +✓ +✓$/m);
    expect(failed).toMatch(/^example\.com +✗ +✗ +✓ +· +example\.com +✓! +✓! +✓ +·$/m);
    expect(failed).toContain('web -> web: expected nothing; got every port (wrong)');
    expect(failed).toContain('wrong on all: nothing reaches netpol-test any more');
    expect(failed).toContain('ingress at netpol-test/web-');
    expect(failed).toContain('not isolated (no Ingress policy selects it)');
    expect(failed).toContain('✓ all  ✗ none  80 TCP port  53/U UDP  ¬22 all but 22  · not graded  ! wrong');
    expect(failed).toContain('✗ nothing reaches netpol-test any more');
    expect(failed).toContain('Wrong connections (');

    // Retry: the editor comes back with the answer; move the policy to netpol-test.
    await sendKeys(r.stdin, 'r');
    await waitForFrame(r.lastFrame, '3 metadata: {name: deny-all-ingress, namespace: default}');
    await sendKeys(r.stdin, KEY.ctrlHome, KEY.down, KEY.down, KEY.end, KEY.left, ...Array(7).fill(KEY.backspace), 'netpol-test');
    await waitForFrame(r.lastFrame, (f) => f.includes('namespace: netpol-test}') && /client +✗/.test(f));
    await sendKeys(r.stdin, KEY.ctrlS);
    const passed = await waitForFrame(r.lastFrame, (f) => f.includes('PASSED') && f.includes('recorded'));
    expect(passed).toContain('✓ PASSED  step 1/2 · score 100%');
    expect(passed).not.toMatch(/[✓✗]!/);

    await store.reload();
    const attempts = store.attempts({ exerciseId: 'exercise-1' });
    expect(attempts.map((a) => [a.step, a.mode, a.passed, a.score])).toEqual([
      [1, 'practice', false, 0.47],
      [1, 'practice', true, 1],
    ]);
    expect(attempts[1].answer).toContain('namespace: netpol-test');
    expect(attempts[0].mismatches.length).toBeGreaterThan(0);
    expect(attempts[0].durationMs).toBeGreaterThanOrEqual(0);

    // n: step 2 starts from the step 1 answer.
    await sendKeys(r.stdin, 'n');
    await waitForFrame(r.lastFrame, 'Step 2/2: Let client reach web on port 80');
    await sendKeys(r.stdin, KEY.enter);
    await waitForFrame(r.lastFrame, '3 metadata: {name: deny-all-ingress, namespace: netpol-test}');
  });

  it('h on the task screen scrolls to the new hint; End and G go to the end, as PgDn does', async () => {
    const r = renderAt(<App services={services} />, { columns: 100, rows: 16 });
    await openExercise(r, 'exercise-2');
    await waitForFrame(r.lastFrame, 'exercise-2 · Step 1/');
    let f = await waitForFrame(r.lastFrame, (x) => /↓ \d+\/\d+/.test(x));
    const total = Number(/↓ \d+\/(\d+)/.exec(f)![1]);
    await sendKeys(r.stdin, 'h');
    f = await waitForFrame(r.lastFrame, 'Hints (1/');
    // The last lines are the hint's: heading, then hint 1; the marker says the end is shown.
    const lines = frameLines(f);
    const marker = lines.findIndex((l) => /^ +\d+\/\d+$/.test(l));
    const end = Number(lines[marker].trim().split('/')[1]);
    expect(end).toBeGreaterThanOrEqual(total + 3);
    expect(lines[marker].trim()).toBe(`${end}/${end}`);
    const heading = lines.findIndex((l) => /^Hints \(1\/\d\) *$/.test(l));
    // A blank line, the heading, the hint: the last lines of the pane, over its marker.
    expect(heading).toBe(marker - (end - total) + 1);
    expect(lines[heading + 1]).toMatch(/^ {2}1\. /);
    for (const key of [KEY.end, 'G']) {
      await sendKeys(r.stdin, KEY.home);
      await waitForFrame(r.lastFrame, (x) => /↓ \d+\//.test(x));
      await sendKeys(r.stdin, key);
      f = await waitForFrame(r.lastFrame, ` ${end}/${end}`);
      expect(frameLines(f)[heading]).toMatch(/^Hints \(1\/\d\) *$/);
    }
    // One line up from the end moves at once.
    await sendKeys(r.stdin, KEY.up);
    await waitForFrame(r.lastFrame, `↓ ${end - 1}/${end}`);
  });

  it('hints come one per press; s reveals the solution and records the reveal', async () => {
    const r = renderAt(<App services={services} />, { columns: 100, rows: 30 });
    await openExercise(r, 'exercise-1');
    await sendKeys(r.stdin, KEY.enter);
    await waitForFrame(r.lastFrame, 'Live:');
    await sendKeys(r.stdin, KEY.ctrlS);
    await waitForFrame(r.lastFrame, 'FAILED');
    await sendKeys(r.stdin, 'h');
    let f = await waitForFrame(r.lastFrame, 'Hints (1/4)');
    expect(f).toContain('1. An empty podSelector');
    expect(f).not.toContain('2. ');
    await sendKeys(r.stdin, 'h');
    f = await waitForFrame(r.lastFrame, 'Hints (2/4)');
    await sendKeys(r.stdin, 's');
    f = await waitForFrame(r.lastFrame, 'Reference solution');
    expect(f).toContain('name: deny-all-ingress');
    await waitForFrame(r.lastFrame, () => store.reveals('exercise-1').length === 1);
  });
});

describe('drafts', () => {
  it('typed text is saved and restored when the task is reopened', async () => {
    const r = renderAt(<App services={services} />, { columns: 100, rows: 30 });
    await openExercise(r, 'exercise-1');
    await sendKeys(r.stdin, KEY.enter);
    await waitForFrame(r.lastFrame, 'Live:');
    await sendKeys(r.stdin, 'kind: Netw');
    await waitForFrame(r.lastFrame, '1 kind: Netw');
    // The draft reaches the store after the saver's pause.
    await waitUntil('the draft in the store', async () => {
      await store.reload();
      return store.getDraft('exercise-1', 1)?.text === 'kind: Netw';
    });
    await sendKeys(r.stdin, 'orkPolicy', KEY.esc, KEY.esc);
    await waitForFrame(r.lastFrame, '/ to filter');
    await sendKeys(r.stdin, KEY.enter);
    await waitForFrame(r.lastFrame, 'exercise-1 · Step 1/2');
    await sendKeys(r.stdin, KEY.enter);
    await waitForFrame(r.lastFrame, '1 kind: NetworkPolicy');
  });

  it('quitting with Ctrl+C right after typing keeps the text', async () => {
    const r = renderAt(<App services={services} />, { columns: 80, rows: 24 });
    await openExercise(r, 'exercise-1');
    await sendKeys(r.stdin, KEY.enter);
    await waitForFrame(r.lastFrame, 'Live:');
    await sendKeys(r.stdin, 'spec: {}', KEY.ctrlC);
    await r.exited();
    await services.close();
    const again = await openStore({ dir, onNotice: () => {} });
    expect(again.getDraft('exercise-1', 1)?.text).toBe('spec: {}');
  });

  it('the line the parser blames is marked in the editor', async () => {
    const r = renderAt(<App services={services} />, { columns: 100, rows: 30 });
    await openExercise(r, 'exercise-1');
    await sendKeys(r.stdin, KEY.enter);
    await waitForFrame(r.lastFrame, 'Live:');
    await sendKeys(
      r.stdin,
      bracketedPaste(
        'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: x, namespace: netpol-test}\nspec:\n  podSelector: {}\n  ingress:\n  - form: []',
      ),
    );
    const f = await waitForFrame(r.lastFrame, (x) => x.includes('! 7') || x.includes('!  7'));
    expect(f).toMatch(/! line 7: .*form/);
    expect(f).toContain('draft does not load');
  });
});

describe('drills', () => {
  it('predict: answers toggle with space, y/n and arrows, and are graded and recorded', async () => {
    const r = renderAt(<App services={services} />, { columns: 100, rows: 30 });
    await openExercise(r, 'andor-dash-moved');
    await sendKeys(r.stdin, KEY.enter);
    await waitForFrame(r.lastFrame, '> [ ? ] lab/frontend -> target-or:80');
    await sendKeys(r.stdin, ' ');
    await waitForFrame(r.lastFrame, '> [yes] lab/frontend -> target-or:80');
    await sendKeys(r.stdin, ' ');
    await waitForFrame(r.lastFrame, '> [no ] lab/frontend -> target-or:80');
    // y and n answer and move on to the next question.
    await sendKeys(r.stdin, 'y', 'n', 'y');
    const f = await waitForFrame(r.lastFrame, '  [yes] prod/frontend -> target-or:80');
    expect(f).toContain('  [yes] lab/frontend -> target-or:80');
    expect(f).toContain('  [no ] lab/frontend -> target-and:80');
    expect(f).toMatch(/> \[ \? \] \S/);
    expect(f).toContain('3/');
    // The policies the questions are about are on the screen beside them.
    expect(f).toMatch(/Policies in place \(\d+\)/);
    expect(f).toContain('kind: NetworkPolicy');
    await sendKeys(r.stdin, KEY.enter);
    const result = await waitForFrame(r.lastFrame, 'recorded');
    expect(result).toContain('✗ FAILED');
    expect(result).toContain('✓  lab/frontend -> target-or:80: you said allowed, it is allowed');
    // The cursor opens on the first wrong answer, and its why states both sides.
    const wrong = frameLines(result).find((l) => l.includes('✗!'))!;
    expect(wrong).toMatch(/^>✗! .*: you said (allowed|denied|nothing), it is (allowed|denied)$/);
    expect(result).toMatch(/: You said (allowed|denied|nothing); it is (allowed|denied), because/);
    expect(result).toMatch(/✗! prod\/frontend -> target-and:80: you said nothing, it is allowed/);
    const [a] = store.attempts({ exerciseId: 'andor-dash-moved' });
    expect(a.mode).toBe('practice');
    expect(a.answer).toContain('"lab/frontend -> target-or:80": yes');
  });

  it('pick: the candidates are shown and the selected one is graded', async () => {
    const r = renderAt(<App services={services} />, { columns: 120, rows: 34 });
    await openExercise(r, 'pick-orders-db-two-sources');
    await sendKeys(r.stdin, KEY.enter);
    await waitForFrame(r.lastFrame, 'candidate a');
    expect(r.lastFrame()).toContain('candidate b');
    await sendKeys(r.stdin, KEY.right);
    await waitForFrame(r.lastFrame, '> candidate b');
    await sendKeys(r.stdin, KEY.enter);
    const result = await waitForFrame(r.lastFrame, 'recorded');
    expect(result).toMatch(/[✓✗] (PASSED|FAILED)  step 1\/1/);
    // b meets the task but opens every port to orders-db: held to the least permissive candidate,
    // the cursor opens on that cell, with 5432 expected and all ports got.
    expect(result).toContain('[columns 1-4 of 8, ← →]');
    expect(result).toMatch(/^shop\/checkout +5432 +✗ +· +✓ +shop\/checkout +\[✓!\] +✗ +· +✓$/m);
    expect(result).toContain('wrong on TCP 1-5431,5433-65535; UDP all ports; SCTP all ports: least permissive');
    await sendKeys(r.stdin, ...Array<string>(7).fill(KEY.right));
    expect(await waitForFrame(r.lastFrame, '[columns 5-8 of 8, ← →]')).toContain('example.com');
    // The frame says "recorded" once the write is under way: wait for the store, not the clock.
    await waitUntil('the pick attempt in the store', async () => {
      await store.reload();
      return store.attempts({ exerciseId: 'pick-orders-db-two-sources' }).length > 0;
    });
    const [a] = store.attempts({ exerciseId: 'pick-orders-db-two-sources' });
    expect(a.answer).toBe('pick: b');
  });
});

describe('help and layout', () => {
  it('? on the task screen lists its keys; the result fits 80x24', async () => {
    const r = renderAt(<App services={services} />, { columns: 80, rows: 24 });
    await openExercise(r, 'exercise-1');
    await sendKeys(r.stdin, '?');
    const help = await waitForFrame(r.lastFrame, 'Keys: Practice · exercise-1');
    expect(help).toContain('one more hint');
    await sendKeys(r.stdin, KEY.esc, KEY.enter);
    await waitForFrame(r.lastFrame, 'Live:');
    await sendKeys(r.stdin, bracketedPaste(WRONG_STEP1), KEY.ctrlS);
    const f = await waitForFrame(r.lastFrame, 'recorded');
    const lines = frameLines(f);
    expect(lines).toHaveLength(23);
    expect(lines.every((l) => l.length <= 80)).toBe(true);
    expect(lines[22]).toContain('r retry');
  });

  it('scrolling past the end does not pile up: one PgUp after many PgDn moves back at once', async () => {
    const r = renderAt(<App services={services} />, { columns: 80, rows: 24 });
    await openExercise(r, 'andor-dash-moved');
    await sendKeys(r.stdin, KEY.pgDn, KEY.pgDn, KEY.pgDn, KEY.pgDn, KEY.pgDn, KEY.pgDn);
    const end = await waitForFrame(r.lastFrame, (f) => /\s(\d+)\/\1\n/.test(f));
    const total = Number(/\s(\d+)\/\1\n/.exec(end)![1]);
    await sendKeys(r.stdin, KEY.pgUp);
    const back = await waitForFrame(r.lastFrame, (f) => /↓ \d+\/\d+/.test(f));
    expect(Number(/↓ (\d+)\//.exec(back)![1])).toBeLessThan(total);
    await sendKeys(
      r.stdin,
      'j',
      'j',
      'j',
      'j',
      'j',
      'j',
      'j',
      'j',
      'j',
      'j',
      'j',
      'j',
      'j',
      'j',
      'j',
      'j',
      'j',
      'j',
      'j',
      'j',
      'j',
      'j',
      'j',
      'j',
      'j',
      'j',
      'j',
      'j',
      'j',
      'j',
    );
    await waitForFrame(r.lastFrame, `${total}/${total}`);
    await sendKeys(r.stdin, 'k');
    await waitForFrame(r.lastFrame, `↓ ${total - 1}/${total}`);
  });

  it("at 80x24 the cell's why is shown whole, down to the rule that admits the connection", async () => {
    const r = renderAt(<App services={services} />, { columns: 80, rows: 24 });
    await openExercise(r, 'exercise-1');
    await sendKeys(r.stdin, KEY.enter);
    await waitForFrame(r.lastFrame, 'Live:');
    await sendKeys(
      r.stdin,
      bracketedPaste(
        'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny-all-ingress, namespace: netpol-test}\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n',
      ),
      KEY.ctrlS,
    );
    await waitForFrame(r.lastFrame, (f) => f.includes('PASSED') && f.includes('recorded'));
    await sendKeys(r.stdin, 'n');
    await waitForFrame(r.lastFrame, 'Step 2/2');
    await sendKeys(r.stdin, KEY.enter);
    await waitForFrame(r.lastFrame, 'Live:');
    await sendKeys(
      r.stdin,
      KEY.ctrlEnd,
      bracketedPaste(
        '---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: allow-client-to-web, namespace: netpol-test}\nspec:\n  podSelector: {matchLabels: {app: web}}\n  ingress:\n  - from: [{podSelector: {matchLabels: {app: client}}}]\n    ports: [{port: 80}]\n',
      ),
      KEY.ctrlS,
    );
    const passed = await waitForFrame(r.lastFrame, (f) => f.includes('PASSED  step 2/2') && f.includes('recorded'));
    // A pass opens on the cell the task is about: client -> web, open on 80 only.
    expect(passed).toMatch(/^client +80 +· +✓ +client +\[80\] +· +✓$/m);
    expect(passed).toContain('client -> web: expected TCP 80; got TCP 80');
    // The deciding part of the why: which rule of which policy lets client in.
    expect(passed).toMatch(/admitted by\s+netpol-test\/allow-client-to-web\s+ingress\[0\]/);
    expect(passed).toContain('app=client');
    expect(frameLines(passed)).toHaveLength(23);
  });

  it('at 80x24 the result matrices scroll sideways with the cursor, so every column can be visited', async () => {
    const r = renderAt(<App services={services} />, { columns: 80, rows: 24 });
    await openExercise(r, 'exercise-5');
    await sendKeys(r.stdin, KEY.enter);
    await waitForFrame(r.lastFrame, 'Live:');
    // Ingress only: egress from micro to example.com stays allowed, and the step expects it denied.
    await sendKeys(
      r.stdin,
      bracketedPaste(
        'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny-all, namespace: micro}\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]',
      ),
      KEY.ctrlS,
    );
    const failed = await waitForFrame(r.lastFrame, 'recorded');
    // Five destination columns do not fit beside each other; the cursor opens on the first wrong
    // cell (frontend -> kube-dns: egress was never denied) and its columns are the ones shown.
    expect(failed).toContain('Expected [columns 2-4 of 5, ← →]');
    expect(failed).toMatch(/^from \\ to +backend +database +kube-dns +from \\ to +backend +database +kube-dns$/m);
    expect(failed).toMatch(/^frontend +✗ +✗ +✗ +frontend +✗ +✗ +\[✓!\]$/m);
    expect(failed).toContain('frontend -> kube-dns: expected nothing; got every port');
    await sendKeys(r.stdin, KEY.left, KEY.left, KEY.left);
    const moved = await waitForFrame(r.lastFrame, 'columns 1-3 of 5');
    expect(moved).toMatch(/^frontend +· +✗ +✗ +frontend +\[·\] +✗ +✗$/m);
    expect(moved).toContain('frontend -> frontend: a pod always reaches itself: never graded');
    await sendKeys(r.stdin, KEY.right);
    const backend = await waitForFrame(r.lastFrame, 'frontend -> backend: expected nothing; got nothing');
    expect(backend).toMatch(/ingress at micro\/backend-\S+: isolated for ingress by\s+micro\/deny-all/);
    // The last column, with the outside host, is reachable too.
    await sendKeys(r.stdin, KEY.right, KEY.right, KEY.right);
    expect(await waitForFrame(r.lastFrame, 'columns 3-5 of 5')).toMatch(/^frontend +✗ +✗ +✗ +frontend +✗ +✓! +\[✓!\]$/m);
  });
});
