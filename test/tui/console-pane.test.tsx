// The console pane through the real App, bank, console, grader and a store in a temp dir:
// the module's Exercise 1 typed as it is written, a fix scenario solved with `kubectl label ns`,
// line editing, history, completion, and the typed commands kept with the attempt.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import React from 'react';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App } from '../../src/tui/App.js';
import { TerminalProvider } from '../../src/tui/terminal-context.js';
import type { PracticeServices } from '../../src/tui/practice/services.js';
import { openStore, type ProgressStore } from '../../src/store/progress-store.js';
import { KEY, bracketedPaste, cleanupRendered, renderAt, sendKeys, waitForFrame, waitUntil, type Rendered } from './helpers.js';
import { loadedServices } from './fixtures.js';
import { QUIT_HINT } from '../../src/tui/console/ConsolePane.js';
import { howToAnswer } from '../../src/tui/console/keymap.js';
import { applyingPolicy, commandStarting } from '../console/module/commands.js';

let dir: string;
let store: ProgressStore;
let services: PracticeServices;

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'netpol-dojo-console-'));
  store = await openStore({ dir, onNotice: () => {} });
  services = await loadedServices(store);
});

afterEach(async () => {
  cleanupRendered();
  await services.close();
  rmSync(dir, { recursive: true, force: true });
});

async function openExercise(r: Rendered, id: string): Promise<string> {
  await waitForFrame(r.lastFrame, /\d+\/\d+ exercises passed/);
  await sendKeys(r.stdin, KEY.enter);
  await waitForFrame(r.lastFrame, '/ to filter');
  await sendKeys(r.stdin, '/', id, KEY.enter);
  await waitForFrame(r.lastFrame, `filter "${id}"`);
  await sendKeys(r.stdin, KEY.enter);
  return waitForFrame(r.lastFrame, `${id} · Step`);
}

/** Types one command line and waits until the prompt is back after its output. */
async function type(r: Rendered, line: string, expected: string | RegExp | ((frame: string) => boolean)): Promise<string> {
  await sendKeys(r.stdin, line, KEY.enter);
  return waitForFrame(r.lastFrame, expected);
}

/** The last prompt line on screen (what is being typed). */
function promptLine(frame: string): string {
  return (
    frame
      .split('\n')
      .filter((l) => l.startsWith('controlplane:~$'))
      .pop()
      ?.trimEnd() ?? ''
  );
}

/** The output after the last `http://web` command on screen. */
function afterLastWget(frame: string): string {
  return frame.slice(frame.lastIndexOf('http://web'));
}

// The module's Exercise 1, as printed (module 13, "Exercise 1 — Default Deny and Allow"): read from its script.
const WGET = commandStarting('ex1', 'kubectl exec -n netpol-test deploy/client -- wget');
const DENY = applyingPolicy('ex1', 'deny-all-ingress');
const ALLOW = applyingPolicy('ex1', 'allow-client-to-web');

describe('the console pane in practice', () => {
  it("plays the module's Exercise 1 verbatim: each test shows the stated outcome, and both steps pass on the console's cluster", async () => {
    const r = renderAt(<App services={services} />, { columns: 100, rows: 30 });
    const task = await openExercise(r, 'exercise-1');
    expect(task).toContain('c console');
    await sendKeys(r.stdin, 'c');
    await waitForFrame(r.lastFrame, 'console · exercise-1 step 1');
    await waitForFrame(r.lastFrame, 'controlplane:~$');
    // The scenario's cluster already holds what the exercise's first commands create.
    await type(r, 'kubectl create namespace netpol-test', 'Error from server (AlreadyExists): namespaces "netpol-test" already exists');
    await type(r, WGET, 'Welcome to nginx!');
    // The here-document typed line by line: "> " continues it.
    const lines = DENY.split('\n');
    await sendKeys(r.stdin, lines[0], KEY.enter);
    await waitForFrame(r.lastFrame, /\n>\s*\n/);
    for (const l of lines.slice(1)) await sendKeys(r.stdin, l, KEY.enter);
    await waitForFrame(r.lastFrame, 'networkpolicy.networking.k8s.io/deny-all-ingress created');
    const denied = await type(r, WGET, 'wget: download timed out');
    expect(denied).toContain('command terminated with exit code 1');
    // Grade from the pane: the result screen, as for a YAML answer.
    await sendKeys(r.stdin, KEY.ctrlS);
    const passed = await waitForFrame(r.lastFrame, 'PASSED');
    expect(passed).toContain('Expected');
    await waitUntil('the attempt with its commands is stored', () => store.attempts({ exerciseId: 'exercise-1', step: 1 }).length === 1);
    const a1 = store.attempts({ exerciseId: 'exercise-1', step: 1 })[0];
    expect(a1.passed).toBe(true);
    expect(a1.console?.map((e) => e.command)).toEqual(['kubectl create namespace netpol-test', WGET, DENY, WGET]);
    expect(a1.console?.[3].output).toContain('wget: download timed out');
    expect(a1.answer).toBe('');

    // Step 2 goes on in the same console.
    await sendKeys(r.stdin, 'n');
    await waitForFrame(r.lastFrame, 'exercise-1 · Step 2/2');
    await sendKeys(r.stdin, 'c');
    await waitForFrame(r.lastFrame, 'deny-all-ingress created');
    await sendKeys(r.stdin, bracketedPaste(`${ALLOW}\n`));
    await waitForFrame(r.lastFrame, 'networkpolicy.networking.k8s.io/allow-client-to-web created');
    const open = await type(r, WGET, (f: string) => afterLastWget(f).includes('</html>'));
    expect(afterLastWget(open)).not.toContain('timed out');
    await sendKeys(r.stdin, KEY.f5);
    await waitForFrame(r.lastFrame, 'PASSED');
    await waitUntil('step 2 stored', () => store.attempts({ exerciseId: 'exercise-1', step: 2 }).length === 1);
    expect(store.attempts({ exerciseId: 'exercise-1', step: 2 })[0].passed).toBe(true);
  });

  it("a fix scenario's namespace-label mistake is fixed with kubectl label ns; Esc keeps the console", async () => {
    const r = renderAt(<App services={services} />, { columns: 100, rows: 30 });
    await openExercise(r, 'fix-namespace-label');
    await sendKeys(r.stdin, 'c');
    await waitForFrame(r.lastFrame, 'console · fix-namespace-label');
    const ns = await type(r, 'kubectl get ns --show-labels', /kubernetes\.io\/metadata\.name=/);
    expect(ns).toContain('NAME');
    // Before any change, grading fails.
    await sendKeys(r.stdin, KEY.ctrlS);
    await waitForFrame(r.lastFrame, 'FAILED');
    await sendKeys(r.stdin, KEY.esc);
    await waitForFrame(r.lastFrame, 'c console');
    await sendKeys(r.stdin, 'c');
    // Back in the same console: the earlier command is still on screen.
    await waitForFrame(r.lastFrame, '$ kubectl get ns --show-labels');
    // The scenario's first solution: "label the namespace (kubectl label namespace frontend tier=frontend)".
    const LABEL = 'kubectl label ns frontend tier=frontend';
    await type(r, LABEL, 'namespace/frontend labeled');
    await sendKeys(r.stdin, KEY.ctrlS);
    await waitForFrame(r.lastFrame, 'PASSED');
    await waitUntil('stored', () => store.attempts({ exerciseId: 'fix-namespace-label' }).length === 2);
    const last = store.attempts({ exerciseId: 'fix-namespace-label' })[1];
    expect(last.passed).toBe(true);
    expect(last.console?.map((e) => e.command)).toEqual(['kubectl get ns --show-labels', LABEL]);
  });

  it('a predict drill is answered on its questions: its console offers no grading, and Ctrl+S says how to answer', async () => {
    const r = renderAt(<App services={services} />, { columns: 80, rows: 24 });
    await openExercise(r, 'diagnose-deny-not-holding');
    await sendKeys(r.stdin, 'c');
    const pane = await waitForFrame(r.lastFrame, 'controlplane:~$');
    expect(pane).toContain('console · diagnose-deny-not-holding');
    expect(pane).not.toMatch(/Ctrl\+S grade/);
    await sendKeys(r.stdin, KEY.ctrlS);
    await waitForFrame(r.lastFrame, howToAnswer('predict')!);
    expect(store.attempts()).toEqual([]);
    // The next key clears it; F1's help does not offer grading either.
    await sendKeys(r.stdin, KEY.f1);
    const help = await waitForFrame(r.lastFrame, 'how this drill is answered');
    expect(help).not.toContain('grade the cluster');
    expect(help).not.toContain(howToAnswer('predict')!);
  });

  it('edits the line, recalls history with Up, completes with Tab, cancels a here-document with Ctrl+G', async () => {
    const r = renderAt(<App services={services} />, { columns: 100, rows: 30 });
    await openExercise(r, 'exercise-1');
    await sendKeys(r.stdin, 'c');
    await waitForFrame(r.lastFrame, 'controlplane:~$');
    // Tab completes the namespace after -n, then the subcommand's resource type.
    await sendKeys(r.stdin, 'kubectl get po -n netp', KEY.tab);
    await waitForFrame(r.lastFrame, 'kubectl get po -n netpol-test');
    await sendKeys(r.stdin, 'x');
    await waitForFrame(r.lastFrame, 'kubectl get po -n netpol-test x');
    await sendKeys(r.stdin, KEY.backspace);
    await sendKeys(r.stdin, KEY.enter);
    await waitForFrame(r.lastFrame, /client-[a-z0-9]+-[a-z0-9]+\s+1\/1\s+Running/);
    // A typo mended with Left/Backspace, then run.
    await sendKeys(r.stdin, 'kubectl get nsx', KEY.left, KEY.delete, KEY.enter);
    await waitForFrame(r.lastFrame, /netpol-test\s+Active/);
    // Up twice brings back the first command; Ctrl+U empties the line.
    await sendKeys(r.stdin, KEY.up, KEY.up);
    await waitForFrame(r.lastFrame, (f) => promptLine(f) === 'controlplane:~$ kubectl get po -n netpol-test');
    await sendKeys(r.stdin, '\x15');
    await waitForFrame(r.lastFrame, (f) => promptLine(f) === 'controlplane:~$');
    // A here-document left open is dropped with Ctrl+G, and nothing was applied.
    await sendKeys(r.stdin, 'cat <<EOF | kubectl apply -f -', KEY.enter, 'kind: NetworkPolicy', KEY.enter);
    await waitForFrame(r.lastFrame, '> kind: NetworkPolicy');
    await sendKeys(r.stdin, '\x07');
    await waitForFrame(r.lastFrame, '^C');
    await type(r, 'kubectl get netpol -A', 'No resources found');
    // Control characters pasted, and printed back by echo, reach the screen escaped, never raw.
    await sendKeys(r.stdin, bracketedPaste('echo "a\x1b]0;x\x07b"'), KEY.enter);
    const shown = await waitForFrame(r.lastFrame, (f) => f.split('\\x1b]0;x\\x07b').length >= 3);
    expect(shown).not.toMatch(/\x1b|\x07/);
  });

  it('Review mistakes shows what was typed in the console, with the output kept', async () => {
    await store.recordAttempt({
      exerciseId: 'fix-namespace-label',
      step: 1,
      mode: 'practice',
      passed: false,
      score: 0.25,
      answer: '',
      mismatches: [],
      console: [
        {
          command: 'kubectl get ns frontend --show-labels',
          output: ['NAME       STATUS   AGE   LABELS', 'frontend   Active   15m   kubernetes.io/metadata.name=frontend'],
          exitCode: 0,
        },
        { command: 'kubectl label ns frontend tier=front', output: ['namespace/frontend labeled'], exitCode: 0 },
        { command: 'kubectl describe netpol -A', outputLines: 120, exitCode: 0 },
      ],
    });
    const r = renderAt(<App services={services} initialScreen={{ name: 'review' }} />, { columns: 100, rows: 30 });
    await waitForFrame(r.lastFrame, 'Review mistakes (1 failed attempt');
    await sendKeys(r.stdin, KEY.enter);
    const d = await waitForFrame(r.lastFrame, 'What you typed in the console');
    expect(d).toContain('$ kubectl label ns frontend tier=front');
    expect(d).toContain('namespace/frontend labeled');
    expect(d).toContain('(120 lines of output, not kept)');
  });
});

describe('kubectl edit in the pane', () => {
  it('opens $KUBE_EDITOR on the object with the terminal handed over, and applies what was saved', async () => {
    // A fake editor: a sed script, picked by a file the test writes, that records what it was given.
    const editor = path.join(dir, 'editor.sh');
    const mode = path.join(dir, 'mode');
    writeFileSync(
      editor,
      `#!/bin/sh\ncp "$1" "${dir}/seen-$(cat ${mode})"\ncase "$(cat ${mode})" in\n` +
        `egress) sed -i 's/^  - Ingress$/  - Ingress\\n  - Egress/' "$1" ;;\n` +
        `bad) sed -i 's/^  - Egress$/  - Sideways/' "$1" ;;\n` +
        `esac\n`,
    );
    chmodSync(editor, 0o755);
    const calls: string[] = [];
    const control = { setBracketedPaste: () => {}, suspend: () => calls.push('suspend'), resume: () => calls.push('resume') };
    const r = renderAt(
      <TerminalProvider control={control} env={{ ...process.env, KUBE_EDITOR: editor, VISUAL: '', EDITOR: '' }}>
        <App services={services} />
      </TerminalProvider>,
      { columns: 100, rows: 30 },
    );
    await openExercise(r, 'exercise-1');
    await sendKeys(r.stdin, 'c');
    await waitForFrame(r.lastFrame, 'controlplane:~$');
    await sendKeys(r.stdin, bracketedPaste(`${DENY}\n`));
    await waitForFrame(r.lastFrame, 'networkpolicy.networking.k8s.io/deny-all-ingress created');

    writeFileSync(mode, 'egress');
    await type(r, 'kubectl edit netpol deny-all-ingress -n netpol-test', 'networkpolicy.networking.k8s.io/deny-all-ingress edited');
    expect(calls).toEqual(['suspend', 'resume']);
    const seen = readFileSync(path.join(dir, 'seen-egress'), 'utf8');
    expect(seen.split('\n')[0]).toBe("# Please edit the object below. Lines beginning with a '#' will be ignored,");
    expect(seen).toContain('  name: deny-all-ingress\n');
    await type(r, 'kubectl get netpol -n netpol-test deny-all-ingress -o jsonpath={.spec.policyTypes}', '["Ingress","Egress"]');

    // Rejected by the API server, then saved again unchanged: kubectl's messages, nothing applied.
    writeFileSync(mode, 'bad');
    await type(r, 'kubectl edit netpol deny-all-ingress -n netpol-test', 'error: Edit cancelled, no valid changes were saved.');
    const f = r.lastFrame();
    expect(f).toContain('error: networkpolicies.networking.k8s.io "deny-all-ingress" is invalid');
    expect(f).toMatch(/A copy of your changes has been stored to "\/tmp\/kubectl-edit-[0-9a-f]+\.yaml"/);
    expect(readFileSync(path.join(dir, 'seen-bad'), 'utf8')).toContain('# * spec.policyTypes[1]: Unsupported value: "Sideways"');
    expect(calls).toHaveLength(6);

    // Saved as it was opened.
    writeFileSync(mode, 'same');
    await type(r, 'kubectl edit netpol/deny-all-ingress -n netpol-test', 'Edit cancelled, no changes made.');
    await type(r, 'kubectl get netpol -n netpol-test deny-all-ingress -o jsonpath={.spec.policyTypes}', (x) => x.split('["Ingress","Egress"]').length === 3);
  });
});

describe('Ctrl+C in the pane, as in bash', () => {
  it('drops the typed line or the here-document with ^C; on an empty prompt a hint, then a second Ctrl+C in a row quits', async () => {
    const r = renderAt(<App services={services} />, { columns: 100, rows: 30 });
    await openExercise(r, 'exercise-1');
    // A YAML draft first: quitting from the console must keep it.
    await sendKeys(r.stdin, KEY.enter);
    await waitForFrame(r.lastFrame, 'Live:');
    await sendKeys(r.stdin, 'spec: {}');
    await waitForFrame(r.lastFrame, 'spec: {}');
    await sendKeys(r.stdin, KEY.esc);
    await waitForFrame(r.lastFrame, 'c console');
    await sendKeys(r.stdin, 'c');
    await waitForFrame(r.lastFrame, 'controlplane:~$');
    // A typed line: shown with ^C, a fresh prompt, nothing run, nothing in the history.
    await sendKeys(r.stdin, 'kubectl delete ns netpol-test', KEY.ctrlC);
    await waitForFrame(r.lastFrame, (f) => f.includes('controlplane:~$ kubectl delete ns netpol-test^C') && promptLine(f) === 'controlplane:~$');
    expect(r.lastFrame()).not.toContain(QUIT_HINT);
    await type(r, 'kubectl get ns netpol-test', /netpol-test\s+Active/);
    // A here-document: the open line gets ^C, the command is dropped whole.
    await sendKeys(r.stdin, 'cat <<EOF | kubectl apply -f -', KEY.enter, 'kind: NetworkPolicy', KEY.enter, 'metadata:');
    await waitForFrame(r.lastFrame, '> metadata:');
    await sendKeys(r.stdin, KEY.ctrlC);
    await waitForFrame(r.lastFrame, (f) => f.includes('> metadata:^C') && promptLine(f) === 'controlplane:~$');
    expect(r.lastFrame()).not.toContain(QUIT_HINT);
    await sendKeys(r.stdin, KEY.up);
    await waitForFrame(r.lastFrame, (f) => promptLine(f) === 'controlplane:~$ kubectl get ns netpol-test');
    await sendKeys(r.stdin, '\x15');
    await waitForFrame(r.lastFrame, (f) => promptLine(f) === 'controlplane:~$');
    // An empty prompt: the hint; another key disarms it, so one more Ctrl+C only hints again.
    await sendKeys(r.stdin, KEY.ctrlC);
    await waitForFrame(r.lastFrame, QUIT_HINT);
    await sendKeys(r.stdin, KEY.left);
    await waitForFrame(r.lastFrame, (f) => !f.includes(QUIT_HINT));
    await sendKeys(r.stdin, KEY.ctrlC);
    await waitForFrame(r.lastFrame, QUIT_HINT);
    // Esc still goes back to the task, and the hint goes with the key.
    await sendKeys(r.stdin, KEY.esc);
    await waitForFrame(r.lastFrame, 'c console');
    await sendKeys(r.stdin, 'c');
    await waitForFrame(r.lastFrame, (f) => f.includes('console · exercise-1') && !f.includes(QUIT_HINT));
    await sendKeys(r.stdin, KEY.ctrlC);
    await waitForFrame(r.lastFrame, QUIT_HINT);
    await sendKeys(r.stdin, KEY.ctrlC);
    await r.exited();
    await services.close();
    const again = await openStore({ dir, onNotice: () => {} });
    expect(again.getDraft('exercise-1', 1)?.text).toBe('spec: {}');
    expect(again.attempts()).toEqual([]);
  });
});
