// An exam task answered in the console is graded by replaying its commands; what `kubectl edit`
// (or vi FILE) saved is replayed too, so an edit is not lost at hand-in or on resuming.
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { loadBank } from '../../src/core/bank/load-dir.js';
import { Console } from '../../src/core/console/index.js';
import { replayConsole } from '../../src/core/training/console-answer.js';
import { ConsoleRun } from '../../src/tui/console/console-run.js';

const bank = loadBank(path.resolve(__dirname, '../../exercises'));
const ex1 = bank.byId.get('exercise-1')!;
const APPLY = [
  'cat <<EOF | kubectl apply -f -',
  'apiVersion: networking.k8s.io/v1',
  'kind: NetworkPolicy',
  'metadata: {name: deny-all-ingress, namespace: netpol-test}',
  'spec:',
  '  podSelector: {}',
  '  policyTypes: [Ingress]',
  'EOF',
].join('\n');
const EDIT = 'kubectl edit netpol deny-all-ingress -n netpol-test';
// The learner's edit: Egress added to policyTypes.
const addEgress = (text: string) => text.replace(/^(\s*)- Ingress$/m, '$1- Ingress\n$1- Egress');
const typesOf = (c: Console) => c.state().policies.find((p) => p.name === 'deny-all-ingress')?.policyTypes;

describe('replaying a console with its edits', () => {
  it('the replay makes the edits the editor saved; without them the edit would be lost', async () => {
    const run = new ConsoleRun(ex1, 1, () => 0);
    run.editor = { open: (text) => Promise.resolve(addEgress(text)), name: () => 'vi' };
    for (const line of [...APPLY.split('\n'), EDIT]) await run.enter(line);
    expect(typesOf(run.console)).toEqual(['Ingress', 'Egress']);
    expect(run.edits).toHaveLength(1);

    const replayed = await replayConsole(ex1, 1, run.commands(), { now: () => 0 }, run.edits);
    expect(typesOf(replayed.console)).toEqual(['Ingress', 'Egress']);
    expect(replayed.entries.at(-1)?.output).toEqual(['networkpolicy.networking.k8s.io/deny-all-ingress edited']);
    // No recording (an older exam record): the editor saves the file as it was, nothing changes.
    const without = await replayConsole(ex1, 1, run.commands(), { now: () => 0 });
    expect(typesOf(without.console)).toEqual(['Ingress']);
  });

  it('a resumed exam console replays the edits into its own record', async () => {
    const first = new ConsoleRun(ex1, 1, () => 0);
    first.editor = { open: (text) => Promise.resolve(addEgress(text)), name: () => 'vi' };
    for (const line of [...APPLY.split('\n'), EDIT]) await first.enter(line);
    const resumed = new ConsoleRun(ex1, 1, () => 0);
    await resumed.replay(first.commands(), first.edits);
    expect(typesOf(resumed.console)).toEqual(['Ingress', 'Egress']);
    expect(resumed.edits).toEqual(first.edits);
  });
});

describe('a namespace of the task deleted in the console', () => {
  it('is said as the reason, not blamed on the policies (the module ends each exercise with kubectl delete namespace)', async () => {
    const { gradeConsoleAnswer } = await import('../../src/core/training/console-answer.js');
    const run = new ConsoleRun(ex1, 1, () => 0);
    for (const line of [...APPLY.split('\n'), 'kubectl delete namespace netpol-test']) await run.enter(line);
    const { outcome } = gradeConsoleAnswer(ex1, 1, run.state(), undefined);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.findings.map((f) => f.message)).toEqual([
      expect.stringMatching(
        /^namespace netpol-test was deleted in the console \(kubectl delete namespace\), with its pods and policies: grade before the clean-up step/,
      ),
    ]);
    // Before the clean-up, the same console passes.
    const kept = new ConsoleRun(ex1, 1, () => 0);
    for (const line of APPLY.split('\n')) await kept.enter(line);
    const graded = gradeConsoleAnswer(ex1, 1, kept.state(), undefined).outcome;
    expect(graded.ok && graded.result.passed).toBe(true);
  });
});
