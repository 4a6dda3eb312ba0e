// The result table drawn from the grader's own Graded value: its wrong cells are exactly the
// pairs the grader counts wrong, over every bank scenario's reference and wrong answers; and the
// cells read as Kubernetes would have them (exercise 1 of the module, rule by rule).
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBank } from '../../src/core/bank/load-dir.js';
import { solutionAnswer, type Scenario } from '../../src/core/bank/scenario.js';
import { gradeAnswer, LEAST_PERMISSIVE, type Graded } from '../../src/core/grader/grade.js';
import { cellTexts, cellWhy, firstWrongCell, resultTable, wrongPairsOf, type ResultTable } from '../../src/core/grader/result-table.js';
import { compactText, connectionText, subtractConnections, allConnections } from '../../src/core/reach/ports.js';
import { formatFinding } from '../../src/core/findings.js';
import { np, scenario } from './helpers.js';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'exercises');
const bank = loadBank(dir);

function graded(s: Scenario, text: string, step?: number): Graded {
  const out = gradeAnswer(s, [{ file: 'answer.yaml', text }], step ? { step } : {});
  if (!out.ok) throw new Error(out.findings.map(formatFinding).join('\n'));
  if (!out.graded) throw new Error(`${s.id}: no graded value`);
  return out.graded;
}

/** The pairs the grader counts wrong: a wrong port in the grid, or an outside address that differs. */
function graderWrongPairs(g: Graded): Set<string> {
  const ev = g.evaluation;
  const out = new Set<string>();
  ev.grid.pairs.forEach(({ from, to }, pi) => {
    for (let c = 0; c < ev.grid.width; c++) {
      if (ev.wrong[pi * ev.grid.width + c] === 1) {
        out.add(`${ev.grid.endpoints[from].id}>${ev.grid.endpoints[to].id}`);
        break;
      }
    }
  });
  for (const d of ev.addresses) out.add(`${d.from}>${d.to}`);
  return out;
}

/** Every grid pair is in exactly one cell. */
function coveredPairs(t: ResultTable): string[] {
  const out: string[] = [];
  t.rows.forEach((r, ri) =>
    t.columns.forEach((c, ci) => {
      if (!t.cells[ri][ci] || r.kind === 'address' || c.kind === 'address') return;
      for (const a of r.members) for (const b of c.members) if (a !== b) out.push(`${a}>${b}`);
    }),
  );
  return out;
}

function answersOf(s: Scenario): { name: string; text: string; step?: number }[] {
  const out: { name: string; text: string; step?: number }[] = [];
  if (s.kind === 'predict') return out;
  if (s.kind === 'pick') return s.candidates.map((c) => ({ name: `pick ${c.id}`, text: `pick: ${c.id}` }));
  for (const sol of s.solutions) {
    for (let step = 1; step <= s.steps.length; step++) {
      const blocks = solutionAnswer(sol, step);
      if (blocks) out.push({ name: `solution "${sol.name}" step ${step}`, text: blocks.map((b) => b.text).join('\n---\n'), step });
    }
  }
  for (const w of s.wrong) out.push({ name: `wrong "${w.name}"`, text: w.answer.text, ...(w.step ? { step: w.step } : {}) });
  return out;
}

describe('the result table agrees with the grade', () => {
  for (const s of bank.scenarios) {
    if (s.kind === 'predict') continue;
    it(`${s.id}: wrong cells are the pairs the grader counts wrong`, () => {
      let checked = 0;
      for (const a of answersOf(s)) {
        const out = gradeAnswer(s, [{ file: 'answer.yaml', text: a.text }], a.step ? { step: a.step } : {});
        if (!out.ok || !out.graded) continue; // an answer the API server rejects has no table
        const t = resultTable(out.graded);
        const wrong = [...wrongPairsOf(t)].sort();
        // The pairs the grade lists as wrong connections, and (but for a too-wide pick, held to
        // the least permissive candidate) the pairs its evaluation marks wrong.
        expect(wrong, a.name).toEqual([...new Set(out.result.mismatches.map((m) => `${m.from}>${m.to}`))].sort());
        if (!out.graded.least || out.result.passed) expect(wrong, a.name).toEqual([...graderWrongPairs(out.graded)].sort());
        const covered = coveredPairs(t);
        const ev = out.graded.evaluation;
        expect(covered.length, a.name).toBe(new Set(covered).size);
        expect(new Set(covered), a.name).toEqual(new Set(ev.grid.pairs.map(({ from, to }) => `${ev.grid.endpoints[from].id}>${ev.grid.endpoints[to].id}`)));
        // A failed answer with a wrong connection opens on a wrong cell.
        if (wrong.length > 0) {
          const at = firstWrongCell(t);
          expect(t.cells[at.row][at.col]?.wrong, a.name).toBe(true);
        }
        checked++;
      }
      expect(checked).toBeGreaterThan(0);
    });
  }
});

const ex1 = bank.byId.get('exercise-1')!;
const deny = np('netpol-test', 'deny-all-ingress', 'podSelector: {}\npolicyTypes: [Ingress]');
const allow = (ports: string) =>
  np('netpol-test', 'allow-client-to-web', `podSelector:\n  matchLabels: {app: web}\npolicyTypes: [Ingress]\ningress:\n- from:\n  - podSelector:\n      matchLabels: {app: client}\n${ports}`);

function at(t: ResultTable, from: string, to: string) {
  const r = t.rows.findIndex((x) => x.label === from);
  const c = t.columns.findIndex((x) => x.label === to);
  expect(r, `row ${from} in ${t.rows.map((x) => x.label).join(',')}`).toBeGreaterThanOrEqual(0);
  expect(c, `column ${to} in ${t.columns.map((x) => x.label).join(',')}`).toBeGreaterThanOrEqual(0);
  return t.cells[r][c]!;
}

describe('the result table of exercise 1', () => {
  it('has a row and a column per workload: web, client, kube-dns, the outside host', () => {
    const t = resultTable(graded(ex1, deny + allow('  ports:\n  - port: 80'), 2));
    expect(t.rows.map((r) => r.label)).toEqual(['web', 'client', 'kube-dns', 'example.com']);
    expect(t.columns.map((r) => r.label)).toEqual(['web', 'client', 'kube-dns', 'example.com']);
    expect(t.rows[2].members).toHaveLength(2); // CoreDNS's two replicas behave alike
    expect(t.cells.flat().some((c) => c?.wrong)).toBe(false);
    expect(compactText(at(t, 'client', 'web').got)).toBe('80');
    expect(compactText(at(t, 'web', 'client').got)).toBe('✗'); // client is isolated for ingress too
    expect(compactText(at(t, 'client', 'kube-dns').got)).toBe('✓'); // egress untouched
    // web's two replicas reach each other no more than anyone else does (a pod to itself is never
    // graded, one replica to the other is); client is a lone pod: its own cell is not graded, and
    // an outside host to itself neither.
    expect(t.rows[0].members).toHaveLength(2);
    expect(compactText(at(t, 'web', 'web').got)).toBe('✗');
    expect(at(t, 'client', 'client')).toBeUndefined();
    expect(t.cells[3][3]).toBeUndefined();
  });

  it('without the default deny, client -> web is wrong on every port but 80, and web accepts everyone', () => {
    const t = resultTable(graded(ex1, allow('  ports:\n  - port: 80'), 2));
    const c = at(t, 'client', 'web');
    // allow-client-to-web isolates web for ingress and admits client on 80 only: web is right.
    expect(c.wrong).toBe(false);
    // client is not isolated: every pod still reaches it, on every port, nobody serving or not.
    const w = at(t, 'web', 'client');
    expect(w.wrong).toBe(true);
    expect(connectionText(w.expected)).toBe('none');
    expect(connectionText(w.got)).toBe('all');
    expect(at(t, 'kube-dns', 'client').wrong).toBe(true);
    expect(at(t, 'example.com', 'client').wrong).toBe(true);
    expect(t.cells[firstWrongCell(t).row][firstWrongCell(t).col]?.wrong).toBe(true);
  });

  it('with a deny only on web (step 1), client accepts everything: a wrong cell nobody serves', () => {
    const t = resultTable(graded(ex1, np('netpol-test', 'deny-all-ingress', 'podSelector:\n  matchLabels: {app: web}\npolicyTypes: [Ingress]'), 1));
    const c = at(t, 'web', 'client');
    expect(c.wrong).toBe(true);
    expect(compactText(c.expected)).toBe('✗');
    expect(compactText(c.got)).toBe('✓');
    expect(at(t, 'client', 'web').wrong).toBe(false);
  });

  it('an allow rule without ports shows the extra ports in the Got cell', () => {
    const t = resultTable(graded(ex1, deny + allow(''), 2));
    const c = at(t, 'client', 'web');
    expect(c.wrong).toBe(true);
    expect(connectionText(c.expected)).toBe('TCP 80');
    expect(connectionText(c.got)).toBe('all');
    expect(connectionText(c.wrongSet)).toBe(connectionText(subtractConnections(allConnections(), c.expected)));
    expect(compactText(c.expected)).toBe('80');
    expect(compactText(c.got)).toBe('✓');
    expect(c.wrongRequirements).toEqual(['nothing but client reaches netpol-test']);
  });

  it('an extra port beside 80 is in the Got cell, by number', () => {
    const t = resultTable(graded(ex1, deny + allow('  ports:\n  - port: 80\n  - port: 22'), 2));
    const c = at(t, 'client', 'web');
    expect(c.wrong).toBe(true);
    expect(compactText(c.got)).toBe('22,80');
    expect(connectionText(c.wrongSet)).toBe('TCP 22');
  });
});

describe('a cell in words', () => {
  it('says expected and got, the requirement, the verdict of the port that matters and the stretches', () => {
    const g = graded(ex1, allow('  ports:\n  - port: 80'), 2);
    const t = resultTable(g);
    const r = t.rows.findIndex((x) => x.label === 'client');
    const c = t.columns.findIndex((x) => x.label === 'web');
    const why = cellWhy(t, r, c, g.evaluation);
    expect(why[0]).toBe('client -> web: expected TCP 80; got TCP 80');
    expect(why[1]).toBe('  right: nothing but client reaches netpol-test; client reaches web on 80');
    expect(why[2]).toBe('  on 80/TCP: ALLOWED');
    expect(why.some((l) => l.includes('admitted by netpol-test/allow-client-to-web ingress[0]'))).toBe(true);
    expect(why[why.length - 1]).toBe('  by port: TCP 1-79 denied, TCP 80 allowed, TCP 81-65535 denied, UDP all denied, SCTP all denied');
    const self = t.columns.findIndex((x) => x.label === 'client');
    expect(cellWhy(t, r, self, g.evaluation)).toEqual(['client -> client: a pod always reaches itself: never graded']);
  });
});

describe('the port a cell is explained on', () => {
  const why = (g: Graded, from: string, to: string) => {
    const t = resultTable(g);
    return cellWhy(t, t.rows.findIndex((x) => x.label === from), t.columns.findIndex((x) => x.label === to), g.evaluation);
  };

  it('is a port the destination serves when nothing gets through (nginx listens on 80), not 1/TCP', () => {
    const g = graded(ex1, allow('  ports:\n  - port: 80'), 2);
    const w = why(g, 'web', 'web');
    expect(w[0]).toBe('web -> web: expected nothing; got nothing');
    expect(w[2]).toBe('  on 80/TCP: DENIED');
  });

  it('is a served port inside the wrong ports, though the stretch starts at 1', () => {
    // Step 1 of exercise 3 answered with nothing: frontend/web reaches api on every port, and
    // api (nginx, Service api on 80) serves 80.
    const ex3 = bank.byId.get('exercise-3')!;
    const w = why(graded(ex3, '', 1), 'web', 'api');
    expect(w[1]).toBe('  wrong on all: nothing reaches backend any more');
    expect(w[2]).toBe('  on 80/TCP: ALLOWED');
  });

  it('is the first port of the stretch when the destination serves none in it (busybox listens on nothing)', () => {
    const g = graded(ex1, allow('  ports:\n  - port: 80'), 2);
    expect(why(g, 'web', 'client')[2]).toBe('  on 1/TCP: ALLOWED');
  });
});

describe('compact connection text', () => {
  it('names sets by protocol, all-but when shorter, relative to the graded scope', () => {
    const set = (tcp: [number, number][], udp: [number, number][] = []) => ({ TCP: tcp, UDP: udp, SCTP: [] as [number, number][] });
    expect(compactText(set([[80, 80], [443, 443]]))).toBe('80,443');
    expect(compactText(set([], [[53, 53]]))).toBe('53/U');
    expect(compactText(set([[53, 53]], [[53, 53]]))).toBe('53 53/U');
    expect(compactText(set([[1, 65535]]))).toBe('TCP');
    expect(compactText({ TCP: [[1, 21], [23, 65535]], UDP: [[1, 65535]], SCTP: [[1, 65535]] })).toBe('¬22');
    // DNS left to choice: everything else allowed reads as all.
    const scope = subtractConnections(allConnections(), set([[53, 53]], [[53, 53]]));
    expect(compactText(scope, scope)).toBe('✓');
    expect(compactText(set([]), set([]))).toBe('·');
  });
});

describe('replicas that do not behave alike', () => {
  // web's two replicas get 10.244.1.10 and 10.244.1.11; an egress ipBlock of the first one's IP
  // tells them apart, so they cannot share a column.
  const toFirst = np('shop', 'client-out', 'podSelector: {matchLabels: {app: client}}\npolicyTypes: [Egress]\negress:\n- to: [{ipBlock: {cidr: 10.244.1.10/32}}]');
  const s = scenario(
    'replicas',
    `kind: write
cluster:
  namespaces: [{name: shop}]
  deployments:
    - {name: web, namespace: shop, image: nginx, replicas: 2, expose: 80}
    - {name: client, namespace: shop, image: busybox}
solutions:
  - answer: |
${toFirst.replace(/^/gm, '      ')}
steps:
  - title: s
    expect:
      - requirement: client reaches the first web pod only
        cells: [{from: shop/client, to: "*", expect: denied}]
`,
  );

  it('are shown per pod, each with its own cell', () => {
    const t = resultTable(graded(s, toFirst));
    expect(t.columns.map((c) => c.label)).toEqual(['web#1', 'web#2', 'client', 'kube-dns', 'example.com']);
    expect(at(t, 'client', 'web#1').got).not.toEqual(at(t, 'client', 'web#2').got);
    expect(t.columns[0].members).toHaveLength(1);
  });

  it('share one column when the answer treats them alike', () => {
    const t = resultTable(graded(s, ''));
    expect(t.columns.map((c) => c.label)).toEqual(['web', 'client', 'kube-dns', 'example.com']);
    expect(t.columns[0].members).toHaveLength(2);
    expect(at(t, 'web', 'web').got).toBeDefined(); // the two replicas reach each other: a graded cell
  });
});

describe('a pick drill: the least permissive candidate decides the ports left to choice', () => {
  const s = bank.byId.get('pick-orders-db-two-sources')!;
  const tableOf = (id: string) => {
    const out = gradeAnswer(s, [{ file: 'answer.yaml', text: `pick: ${id}` }]);
    if (!out.ok || !out.graded) throw new Error(`pick ${id} does not grade`);
    return { t: resultTable(out.graded), out };
  };
  const expectedTexts = (t: ResultTable) => t.cells.map((row) => row.map((c) => (c ? cellTexts(c).expected : '')));

  it('Expected is the same whichever candidate is picked', () => {
    const right = expectedTexts(tableOf('c').t);
    for (const c of s.candidates) expect(expectedTexts(tableOf(c.id).t), `pick ${c.id}`).toEqual(right);
  });

  it('the right pick opens on checkout -> orders-db, TCP 5432 expected and got, nothing left to choice', () => {
    const { t, out } = tableOf('c');
    expect(out.result.passed).toBe(true);
    const cell = at(t, 'checkout', 'orders-db');
    expect(cellTexts(cell)).toEqual({ expected: '5432', got: '5432' });
    expect(cell.wrong).toBe(false);
    const first = firstWrongCell(t);
    expect([t.rows[first.row].label, t.columns[first.col].label]).toEqual(['checkout', 'orders-db']);
    const why = cellWhy(t, first.row, first.col, out.graded!.evaluation).join('\n');
    expect(why).not.toContain('left to choice');
    expect(why).toContain('expected TCP 5432; got TCP 5432');
  });

  it('b, too wide, is wrong on the ports beyond 5432 that c denies', () => {
    const { t } = tableOf('b');
    const cell = at(t, 'checkout', 'orders-db');
    expect(cellTexts(cell).expected).toBe('5432');
    expect(cell.wrong).toBe(true);
    expect(cell.wrongRequirements).toContain(LEAST_PERMISSIVE);
  });
});
