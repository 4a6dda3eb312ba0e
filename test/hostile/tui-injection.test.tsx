// Terminal injection in the TUI: a graded answer whose YAML comment holds an OSC title change
// (or OSC 52, the clipboard) is stored with the attempt; Review shows it. Every frame must be
// free of raw control characters. And no screen may bypass the escaping Text.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import React from 'react';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App } from '../../src/tui/App.js';
import { practiceServices } from '../../src/tui/practice/services.js';
import { openStore, type ProgressStore } from '../../src/store/progress-store.js';
import { loadBank } from '../../src/core/bank/load-dir.js';
import { createTextBuffer, textBufferReducer, bufferText } from '../../src/tui/editor/text-buffer.js';
import { KEY, FakeClock, cleanupRendered, renderAt, sendKeys, waitForFrame } from '../tui/helpers.js';
import { RAW_CONTROL, repoRoot } from './helpers.js';

const EXERCISES = path.join(repoRoot, 'exercises');
let dir: string;
let store: ProgressStore;

beforeAll(async () => {
  await import('../../src/tui/practice/screens.js');
  loadBank(EXERCISES);
});

const HOSTILE_ANSWER = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
# \x1b]0;PWNED\x07 and \x1b]52;c;SGVsbG8=\x07 and \u009d0;C1 title\u009c
metadata: {name: "deny\u009b2J", namespace: default}
spec:
  podSelector: {}
  policyTypes: [Ingress]
`;

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'netpol-dojo-inject-'));
  store = await openStore({ dir, onNotice: () => {} });
  await store.recordAttempt({
    exerciseId: 'exercise-1', step: 1, mode: 'practice', passed: false, score: 0, answer: HOSTILE_ANSWER,
    finishedAt: new Date(2026, 10, 18, 10).toISOString(),
    mismatches: [{ from: 'netpol-test/client\x1b[2J', to: 'netpol-test/web', port: 80, protocol: 'TCP', expected: 'denied', got: 'allowed', reason: 'not isolated \u009b6n', requirement: 'nothing \x07 reaches' }],
  });
});

afterEach(() => {
  cleanupRendered();
  rmSync(dir, { recursive: true, force: true });
});

describe('the TUI escapes what it shows', () => {
  it('Review: the list, the stored answer and the mismatch, with no raw control in any frame', async () => {
    const clock = new FakeClock(new Date(2026, 10, 20, 18, 0).getTime());
    const services = practiceServices({ store, exercisesDir: EXERCISES });
    const r = renderAt(<App services={services} clock={clock} initialScreen={{ name: 'review' }} />, { columns: 100, rows: 30 });
    await waitForFrame(r.lastFrame, 'failed attempt');
    await sendKeys(r.stdin, KEY.enter);
    const detail = await waitForFrame(r.lastFrame, 'Your answer');
    expect(detail).toContain('\\x1b]0;PWNED\\x07');
    await sendKeys(r.stdin, KEY.pgDn, KEY.pgDn, KEY.pgDn);
    await waitForFrame(r.lastFrame, 'Why the reference works');
    const all = r.stdout.frames.join('');
    expect(all.replace(/\n/g, '')).not.toMatch(RAW_CONTROL);
  });

  it('the editor drops control characters from pasted or loaded text (C1 included)', () => {
    let b = createTextBuffer('a\x1b]0;x\x07b\u009bc');
    expect(bufferText(b)).toBe('a]0;xbc');
    b = textBufferReducer(b, { type: 'insert', text: '\u009d52;c;x\u009c\x1b[2J' });
    expect(bufferText(b)).toBe('52;c;x[2Ja]0;xbc');
  });

  it('no TUI file takes Text straight from ink: every text goes through the escaping Text', () => {
    const offenders: string[] = [];
    const walk = (d: string): void => {
      for (const name of readdirSync(d)) {
        const full = path.join(d, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (/\.tsx?$/.test(name) && !full.endsWith(path.join('components', 'Text.tsx'))) {
          const src = readFileSync(full, 'utf8');
          for (const m of src.matchAll(/import\s*\{([^}]*)\}\s*from\s*'ink'/g)) {
            if (/\bText\b|\bTransform\b/.test(m[1])) offenders.push(path.relative(repoRoot, full));
          }
        }
      }
    };
    walk(path.join(repoRoot, 'src', 'tui'));
    expect(offenders).toEqual([]);
  });
});
