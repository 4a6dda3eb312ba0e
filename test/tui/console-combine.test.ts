// How a console answer and a YAML draft combine (core/training/console-answer.ts): the console's
// cluster with the draft applied on top, as `kubectl apply -f` would; an untouched draft adds
// nothing; a draft that does not load is refused; replaying the commands rebuilds the cluster.
import { describe, expect, it } from 'vitest';
import { Console } from '../../src/core/console/index.js';
import { gradeConsoleAnswer, replayConsole, untouchedDraft } from '../../src/core/training/console-answer.js';
import { existingBlocksAt } from '../../src/core/bank/prepare.js';
import { bank } from './fixtures.js';

const b = bank();
const ex1 = b.byId.get('exercise-1')!;
const DENY = `cat <<EOF | kubectl apply -f -
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-all-ingress, namespace: netpol-test}
spec: {podSelector: {}, policyTypes: [Ingress]}
EOF`;
const ALLOW_YAML = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow-client-to-web, namespace: netpol-test}
spec:
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Ingress]
  ingress:
  - from: [{podSelector: {matchLabels: {app: client}}}]
    ports: [{port: 80, protocol: TCP}]
`;

async function consoleAt(id: string, step: number, commands: string[]): Promise<Console> {
  const c = new Console({ scenario: { scenario: b.byId.get(id)!, step }, now: () => 0 });
  for (const x of commands) await c.runLine(x);
  return c;
}

describe('console + YAML draft', () => {
  it('the draft is applied on top of the console\'s cluster: deny typed in the console, allow in the draft, passes step 2', async () => {
    // Step 2 starts from step 1's reference (deny-all-ingress in place): delete it, re-create it in the console.
    const c = await consoleAt('exercise-1', 2, ['kubectl delete netpol -n netpol-test deny-all-ingress', DENY]);
    const alone = gradeConsoleAnswer(ex1, 2, c.state(), '');
    expect(alone.outcome.ok && alone.outcome.result.passed).toBe(false);
    const both = gradeConsoleAnswer(ex1, 2, c.state(), ALLOW_YAML);
    expect(both.outcome.ok && both.outcome.result.passed).toBe(true);
    expect(both.world?.draftApplied).toBe(true);
    expect(both.world?.policies.map((p) => p.name).sort()).toEqual(['allow-client-to-web', 'deny-all-ingress']);
  });

  it('a policy deleted in the console stays deleted when the draft is the fix task\'s untouched start', async () => {
    const fix = b.scenarios.find((s) => s.kind === 'fix' && existingBlocksAt(s, 1).length > 0)!;
    const start = existingBlocksAt(fix, 1).map((x) => x.text.trimEnd()).join('\n---\n') + '\n';
    expect(untouchedDraft(fix, 1, start)).toBe(true);
    expect(untouchedDraft(fix, 1, `${start}# a comment\n`)).toBe(false);
    const c = await consoleAt(fix.id, 1, []);
    const namespaces = [...new Set(c.state().policies.map((p) => p.namespace))];
    for (const ns of namespaces) await c.runLine(`kubectl delete netpol --all -n ${ns}`);
    const graded = gradeConsoleAnswer(fix, 1, c.state(), start);
    expect(graded.world?.policies).toEqual([]);
    expect(graded.world?.draftApplied).toBe(false);
  });

  it('a draft that does not load is refused with its line, as kubectl apply would refuse it', async () => {
    const c = await consoleAt('exercise-1', 1, []);
    const graded = gradeConsoleAnswer(ex1, 1, c.state(), 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: x, namespace: netpol-test}\nspec: {podSelector: {}, policyTypes: [Sideways]}\n');
    expect(graded.outcome.ok).toBe(false);
  });

  it('replaying the commands rebuilds the same cluster (how the exam grades a console after a restart)', async () => {
    const commands = [DENY, 'kubectl label ns netpol-test team=web', 'kubectl run probe --image=busybox -n netpol-test -- sleep 3600'];
    const live = await consoleAt('exercise-1', 1, commands);
    const { console: again, entries } = await replayConsole(ex1, 1, commands, { now: () => 0 });
    expect(JSON.stringify(again.state())).toBe(JSON.stringify(live.state()));
    expect(entries.map((e) => e.command)).toEqual(commands);
    expect(entries[1].output).toEqual(['namespace/netpol-test labeled']);
  });
});
