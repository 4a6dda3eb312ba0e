// The practice screen's scrolling panes at the sizes a tester played (80x24, 100x30): PgDn moves
// by the pane's own height, so every line of the result's details, the hints and the candidates
// comes into view. Practice is rendered alone at the height App gives it (rows - 3), started on a
// step with an answer in the editor (as a retry from the review screen is).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import React from 'react';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Practice } from '../../src/tui/practice/PracticeScreen.js';
import { ScrollLines, paneExtent } from '../../src/tui/components/ScrollLines.js';
import type { PracticeData, PracticeServices } from '../../src/tui/practice/services.js';
import { openStore } from '../../src/store/progress-store.js';
import { KEY, cleanupRendered, frameLines, renderAt, sendKeys, waitForFrame } from './helpers.js';
import { loadedServices } from './fixtures.js';

let dir: string;
let services: PracticeServices;
let data: PracticeData;

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'netpol-dojo-panes-'));
  services = await loadedServices(await openStore({ dir, onNotice: () => {} }));
  data = await services.load();
});

afterEach(async () => {
  cleanupRendered();
  await services.close();
  rmSync(dir, { recursive: true, force: true });
});

const np = (ns: string, name: string, spec: string) =>
  `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: ${name}, namespace: ${ns}}\nspec:\n${spec}\n`;
const DENY_EGRESS = np('egress-test', 'deny-all-egress', '  podSelector: {}\n  policyTypes: [Egress]');
// allow-dns whose `to` is a podSelector alone: it looks for CoreDNS in egress-test and finds nothing.
const DNS_IN_OWN_NAMESPACE = np(
  'egress-test',
  'allow-dns',
  [
    '  podSelector: {}',
    '  policyTypes: [Egress]',
    '  egress:',
    '  - to:',
    '    - podSelector: {matchLabels: {k8s-app: kube-dns}}',
    '    ports:',
    '    - {port: 53, protocol: UDP}',
    '    - {port: 53, protocol: TCP}',
  ].join('\n'),
);

const exercise2 = () => data.bank.byId.get('exercise-2')!;

function practiceAt(id: string, start: { step: number; text: string } | undefined, size: { columns: number; rows: number }) {
  const scenario = data.bank.byId.get(id)!;
  const noop = () => {};
  return renderAt(
    <Practice
      data={data}
      scenario={scenario}
      start={start}
      width={size.columns}
      height={size.rows - 3}
      isActive
      onBack={noop}
      onQuit={noop}
      onHelp={noop}
      onNext={noop}
      onKeys={noop}
    />,
    size,
  );
}

/** The scroll marker's "shown up to / of": the last line of a pane that scrolls. */
function marker(frame: string): { end: number; total: number } | undefined {
  const m = /(\d+)\/(\d+)\s*$/.exec(
    frameLines(frame)
      .filter((l) => l !== '')
      .at(-1) ?? '',
  );
  return m ? { end: Number(m[1]), total: Number(m[2]) } : undefined;
}

/** The details pane: the lines under the rule that ends the why. */
function detailsPane(frame: string): string[] {
  const lines = frameLines(frame);
  const rule = lines.findIndex((l) => /^─{20,}$/.test(l));
  return lines.slice(rule + 1).filter((l, i, all) => i < all.length - 1 || l !== '');
}

/**
 * Pages through the pane with PgDn to its end. Every page must start where the last one ended
 * (one line shared when the pane is taller than 3 lines), so no line is ever skipped.
 */
async function pageToEnd(r: ReturnType<typeof renderAt>, pane: (frame: string) => string[]): Promise<string[]> {
  let frame = r.lastFrame();
  const seen = [...pane(frame)];
  let at = marker(frame)!;
  expect(at.end).toBeLessThan(at.total);
  while (at.end < at.total) {
    // The pane's text lines (its last row is the marker's own).
    const height = pane(frame).length - 1;
    const page = height > 3 ? height - 1 : height;
    await sendKeys(r.stdin, KEY.pgDn);
    const want = Math.min(at.total, at.end + page);
    frame = await waitForFrame(r.lastFrame, (f) => marker(f)?.end !== at.end);
    const next = marker(frame)!;
    expect(next.end).toBe(want);
    seen.push(...pane(frame));
    at = next;
  }
  return seen;
}

describe('PgDn pages by the height of the pane it scrolls', () => {
  it("exercise-2 step 2 at 80x24: the result's details, page by page, down to the mistakes spotted", async () => {
    const r = practiceAt('exercise-2', { step: 2, text: DENY_EGRESS + '---\n' + DNS_IN_OWN_NAMESPACE }, { columns: 80, rows: 24 });
    await waitForFrame(r.lastFrame, 'Live: who can talk to whom');
    await sendKeys(r.stdin, KEY.ctrlS);
    const first = await waitForFrame(r.lastFrame, 'FAILED');
    expect(detailsPane(first).length).toBeLessThan(8);
    const seen = (await pageToEnd(r, detailsPane)).join('\n');
    expect(seen).toContain('Failed checks (1)');
    expect(seen).toContain('Mistakes spotted');
    expect(seen).toContain('egress-test/allow-dns egress[0]: podSelector k8s-app=kube-dns');
    // PgUp goes back by the same page.
    const end = marker(r.lastFrame())!;
    await sendKeys(r.stdin, KEY.pgUp);
    const back = await waitForFrame(r.lastFrame, (f) => marker(f)?.end !== end.end);
    const h = detailsPane(back).length - 1;
    expect(marker(back)!.end).toBe(end.end - (h > 3 ? h - 1 : h));
  });

  it('the hints after h at 80x24 are paged the same way', async () => {
    const r = practiceAt('exercise-2', { step: 2, text: DENY_EGRESS + '---\n' + DNS_IN_OWN_NAMESPACE }, { columns: 80, rows: 24 });
    await waitForFrame(r.lastFrame, 'Live: who can talk to whom');
    await sendKeys(r.stdin, KEY.ctrlS);
    await waitForFrame(r.lastFrame, 'FAILED');
    await sendKeys(r.stdin, 'h', 'h', 'h');
    await waitForFrame(r.lastFrame, 'Hints (3/3)');
    const seen = (await pageToEnd(r, detailsPane)).join('\n');
    for (const hint of exercise2().hints) expect(seen).toContain(hint.slice(0, 40));
    expect(seen).toContain('Mistakes spotted');
  });

  it("a pick's result at 80x24: the details down to every candidate's verdict", async () => {
    const r = practiceAt('pick-orders-db-two-sources', undefined, { columns: 80, rows: 24 });
    await waitForFrame(r.lastFrame, 'Step 1/1');
    await sendKeys(r.stdin, KEY.enter);
    await waitForFrame(r.lastFrame, 'candidate a');
    await sendKeys(r.stdin, KEY.enter);
    await waitForFrame(r.lastFrame, 'FAILED');
    const seen = (await pageToEnd(r, detailsPane)).join('\n');
    expect(seen).toContain('Candidates');
    for (const c of data.bank.byId.get('pick-orders-db-two-sources')!.candidates) expect(seen).toMatch(new RegExp(`^  ${c.id}: `, 'm'));
  });
});

describe("a predict drill's policies in place", () => {
  /** The policies pane: below the questions, from its "Policies in place" head or the line after the questions' count. */
  const policiesPane = (f: string) => {
    const lines = frameLines(f);
    const from = lines.findIndex((l) => /^\d+\/\d+ answered/.test(l)) + 2;
    return lines.slice(from).filter((l, i, all) => i < all.length - 1 || l !== '');
  };

  for (const size of [
    { columns: 100, rows: 30 },
    { columns: 80, rows: 24 },
  ])
    it(`scroll with PgDn at ${size.columns}x${size.rows}, every policy in turn, the questions staying in view`, async () => {
      const id = 'predict-layered-union';
      const r = practiceAt(id, undefined, size);
      await waitForFrame(r.lastFrame, 'Step 1/1');
      await sendKeys(r.stdin, KEY.enter);
      const first = await waitForFrame(r.lastFrame, 'Policies in place (3)');
      expect(first).toContain('> [ ? ] frontend -> backend:8080');
      const seen = (await pageToEnd(r, policiesPane)).join('\n');
      for (const name of ['deny-all-ingress', 'frontend-to-backend', 'monitoring-to-backend']) expect(seen).toContain(`name: ${name}`);
      // Answering moves through the questions; the policies pane stays where it was read.
      const end = marker(r.lastFrame())!;
      const answered = await (async () => {
        await sendKeys(r.stdin, 'y');
        return waitForFrame(r.lastFrame, '[yes] frontend -> backend:8080');
      })();
      expect(answered).toContain('> [ ? ] monitoring -> backend:9090');
      expect(marker(answered)).toEqual(end);
      // PgUp goes back to the top of the policies.
      for (let i = 0; i < end.total; i++) {
        if (r.lastFrame().includes('Policies in place (3)')) break;
        await sendKeys(r.stdin, KEY.pgUp);
      }
      expect(r.lastFrame()).toContain('Policies in place (3)');
    });

  it('h puts the hint at the head of the policies pane, in view', async () => {
    const r = practiceAt('predict-layered-union', undefined, { columns: 80, rows: 24 });
    await waitForFrame(r.lastFrame, 'Step 1/1');
    await sendKeys(r.stdin, KEY.enter);
    await waitForFrame(r.lastFrame, 'Policies in place (3)');
    await sendKeys(r.stdin, KEY.pgDn, KEY.pgDn);
    await waitForFrame(r.lastFrame, (f) => !f.includes('Policies in place (3)'));
    await sendKeys(r.stdin, 'h');
    const f = await waitForFrame(r.lastFrame, 'Hints (1/');
    expect(policiesPane(f)[0]).toMatch(/^Hints \(1\/\d\)$/);
  });
});

describe('the scroll marker', () => {
  it('has a line of its own: the last line shown keeps its end', async () => {
    const lines = Array.from({ length: 30 }, (_, i) => ({ text: `line ${i + 1}: isolates every pod of its namespace for ingress, ${'x'.repeat(12)} end` }));
    const r = renderAt(<ScrollLines lines={lines} top={0} width={80} height={6} />, { columns: 80, rows: 10 });
    const f = frameLines(await waitForFrame(r.lastFrame, '/30'));
    expect(f.slice(0, 5)).toEqual(lines.slice(0, 5).map((l) => l.text));
    expect(f[5]).toMatch(/^ +↓ 5\/30$/);
    // At the end: the last line whole, the marker under it.
    const end = renderAt(<ScrollLines lines={lines} top={99} width={80} height={6} />, { columns: 80, rows: 10 });
    const e = frameLines(await waitForFrame(end.lastFrame, '30/30'));
    expect(e[4]).toBe(lines[29].text);
    expect(e[5]).toMatch(/^ +30\/30$/);
    expect(paneExtent(30, 6)).toEqual({ maxTop: 25, height: 5 });
  });
});
