// The result screen and the live matrix, rendered alone: the result from the grader's own table
// (Expected beside Got per workload, CoreDNS and the outside host included, compact connection
// sets, "!" on wrong cells), the live matrix's columns all in view at 120, 100 and 80 columns.
// Frames are plain (FORCE_COLOR=0): every meaning must read without colour.
import { afterEach, describe, expect, it } from 'vitest';
import React from 'react';
import { ResultView } from '../../src/tui/practice/ResultView.js';
import type { PaneExtent } from '../../src/tui/components/ScrollLines.js';
import { AnswerEditor } from '../../src/tui/components/AnswerEditor.js';
import { firstCell, gradedView } from '../../src/tui/practice/graded.js';
import { matrixLayout } from '../../src/tui/practice/world.js';
import { initialSession } from '../../src/tui/practice/session-state.js';
import { preparedStep } from '../../src/core/bank/prepare.js';
import { gradeAnswer } from '../../src/core/grader/grade.js';
import { bank } from './fixtures.js';
import { cleanupRendered, frameLines, renderAt, waitForFrame } from './helpers.js';

afterEach(() => cleanupRendered());

const b = bank();
const np = (name: string, spec: string) =>
  `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: ${name}, namespace: netpol-test}\nspec:\n${spec}\n---\n`;
const DENY = np('deny-all-ingress', '  podSelector: {}\n  policyTypes: [Ingress]');
// The allow rule without ports: client gets in on every port, where the task asks for 80 only.
const ALLOW_ALL_PORTS = np(
  'allow-client-to-web',
  '  podSelector: {matchLabels: {app: web}}\n  ingress:\n  - from: [{podSelector: {matchLabels: {app: client}}}]',
);

function result(id: string, step: number, text: string, size: { columns: number; rows: number }) {
  const s = b.byId.get(id)!;
  const prep = preparedStep(s, step).prepared!;
  const outcome = gradeAnswer(s, [{ file: 'answer.yaml', text }], { step });
  if (!outcome.ok) throw new Error('does not grade');
  const g = { ...gradedView(prep, text, outcome), saved: 'saved' };
  const state = { ...initialSession(step, text, [], 0, 0), view: 'result' as const, cursor: firstCell(prep, g) };
  const paneRef = { current: undefined as PaneExtent | undefined };
  return renderAt(<ResultView prep={prep} graded={g} state={state} width={size.columns} height={size.rows - 1} paneRef={paneRef} />, size);
}

describe('the result screen', () => {
  it('exercise 1, an allow rule without ports: Got shows every port where 80 is expected, and opens there', async () => {
    const r = result('exercise-1', 2, DENY + ALLOW_ALL_PORTS, { columns: 100, rows: 30 });
    const f = await waitForFrame(r.lastFrame, 'Got (! = wrong)');
    const lines = frameLines(f);
    expect(lines[0]).toBe('✗ FAILED  step 2/2 · score 57% · recorded');
    expect(lines[2]).toMatch(/^from \\ to +web +client +kube-dns +example… +from \\ to +web +client +kube-dns +example…$/);
    // web's two replicas reach each other only through the policies: denied, and rightly so.
    expect(f).toMatch(/^web +✗ +✗ +✓ +✓ +web +✗ +✗ +✓ +✓$/m);
    // The cursor on the first wrong cell: 80 expected, everything got.
    expect(f).toMatch(/^client +80 +· +✓ +✓ +client +\[✓!\] +· +✓ +✓$/m);
    expect(f).toMatch(/^example\.com +✗ +✗ +✓ +· +example\.com +✗ +✗ +✓ +·$/m);
    expect(f).toContain('✓ all  ✗ none  80 TCP port  53/U UDP  ¬22 all but 22  · not graded  ! wrong');
    expect(f).toContain('client -> web: expected TCP 80; got every port (wrong)');
    expect(f).toContain('wrong on TCP 1-79,81-65535; UDP all ports; SCTP all ports: nothing but client reaches netpol-test');
    // The engine's verdict on the first wrong port, down to the rule that lets it in.
    expect(f).toMatch(/on 1\/TCP: ALLOWED/);
    expect(f).toMatch(
      /admitted by\s+netpol-test\/allow-client-to-web ingress\[0\] \(from\[0\]: pods labelled app=client in namespace\s+netpol-test; any port\)/,
    );
    // Every port is decided alike here, so no "by port" stretches.
    expect(f).not.toContain('by port:');
  });

  it('a pass opens on the cell the task is about, at 80x24 too', async () => {
    const allow80 = ALLOW_ALL_PORTS.replace(
      '[{podSelector: {matchLabels: {app: client}}}]',
      '[{podSelector: {matchLabels: {app: client}}}]\n    ports: [{port: 80}]',
    );
    const r = result('exercise-1', 2, DENY + allow80, { columns: 80, rows: 24 });
    const f = await waitForFrame(r.lastFrame, 'PASSED');
    expect(f).toMatch(/^client +80 +· +✓ +client +\[80\] +· +✓$/m);
    expect(f).not.toMatch(/[✓✗0-9]!/);
    expect(f).toContain('client -> web: expected TCP 80; got TCP 80');
    expect(frameLines(f).every((l) => l.length <= 80)).toBe(true);
  });
});

describe('the live matrix', () => {
  const s = b.byId.get('andor-egress-to-entries')!;
  const prep = preparedStep(s, 1).prepared!;
  const layout = matrixLayout(prep);
  const editor = (columns: number, rows: number) =>
    renderAt(
      <AnswerEditor
        prep={prep}
        layout={layout}
        initialText=""
        width={columns}
        height={rows - 1}
        isActive
        onChange={() => undefined}
        onSubmit={() => undefined}
        onCancel={() => undefined}
        onHelp={() => undefined}
      />,
      { columns, rows },
    );

  for (const [columns, rows] of [
    [120, 34],
    [100, 30],
    [80, 24],
  ] as const) {
    it(`shows all ${layout.columns.length} columns at ${columns}x${rows}`, async () => {
      const r = editor(columns, rows);
      const f = await waitForFrame(r.lastFrame, 'Live: who can talk to whom');
      expect(f).not.toContain('(+');
      expect(f).not.toContain('widen the window');
      // The ports head every column (the names above them, cut to fit where they must).
      // A step about egress has CoreDNS's 53/UDP too.
      expect(f).toMatch(/from \\ to +80 +6379 +8443 +8443 +8443 +53\/(UDP|…) +80 +443/);
      // cart's egress is shut by the existing policy but for DNS; the payments pods reach everything.
      expect(f).toMatch(/checkout\/cart +(✗ +){5}✓ +✗ +✗/);
      expect(f).toMatch(/payments\/ledg… +(✓ +){3}· +(✓ +){3}✓/);
      expect(frameLines(f).every((l) => l.length <= columns)).toBe(true);
      if (columns >= 110) expect(f).toContain('columns: web:80 · redis:6379 · payments/gateway:8443');
    });
  }
});

describe('the details under the result', () => {
  it('an unmet policy requirement says why: the deny in default is in another namespace', async () => {
    const inDefault = DENY.replace('namespace: netpol-test', 'namespace: default');
    const r = result('exercise-1', 1, inDefault, { columns: 100, rows: 60 });
    const f = await waitForFrame(r.lastFrame, 'the policy is named deny-all-ingress');
    const lines = frameLines(f);
    const at = lines.findIndex((l) => l.startsWith('✗ the policy is named deny-all-ingress'));
    expect(at).toBeGreaterThanOrEqual(0);
    // Right under it (wrapped at 100 columns).
    expect(`${lines[at + 1]} ${lines[at + 2].trim()}`).toBe(
      '    no NetworkPolicy named deny-all-ingress in namespace netpol-test: default/deny-all-ingress is in another namespace',
    );
  });
});
