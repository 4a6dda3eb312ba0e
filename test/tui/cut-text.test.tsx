// Text that does not fit 80 columns: a title is cut with "…" (never mid-word without a mark),
// and the key help wraps its descriptions rather than cutting them.
import { afterEach, describe, expect, it } from 'vitest';
import React from 'react';
import path from 'node:path';
import { loadBank } from '../../src/core/bank/load-dir.js';
import { PracticeHead } from '../../src/tui/practice/PracticeHead.js';
import { ExamResultView } from '../../src/tui/exam/ExamResultView.js';
import { HelpOverlay, helpRows } from '../../src/tui/components/KeyHelp.js';
import { ellipsis } from '../../src/tui/components/ellipsis.js';
import { wrapWords } from '../../src/core/text/wrap-words.js';
import { practiceKeys } from '../../src/tui/practice/keymaps.js';
import type { HandedIn } from '../../src/core/training/hand-in.js';
import { cleanupRendered, frameLines, renderAt, waitForFrame } from './helpers.js';

const bank = loadBank(path.resolve(__dirname, '../../exercises'));
afterEach(() => cleanupRendered());

describe('ellipsis', () => {
  it('keeps a text that fits; cuts one that does not with "…" in the last column', () => {
    expect(ellipsis('from egress-test', 16)).toBe('from egress-test');
    expect(ellipsis('from egress-test', 15)).toBe('from egress-te…');
    // No space before the mark.
    expect(ellipsis('from egress-test', 6)).toBe('from…');
    expect(ellipsis('abc', 0)).toBe('');
  });
});

describe('wrapWords', () => {
  it('breaks at spaces, indents continuations, cuts only a word longer than a line', () => {
    expect(wrapWords('drop the typed line or here-document', 16, '  ')).toEqual(['drop the typed', '  line or', '  here-document']);
    expect(wrapWords('abcdefghij kl', 4)).toEqual(['abcd', 'efgh', 'ij', 'kl']);
    expect(wrapWords('short', 40)).toEqual(['short']);
  });
});

describe('cut at 80 columns', () => {
  it('the practice head cuts the title with "…" before the time', async () => {
    const s = bank.byId.get('exercise-2')!;
    const r = renderAt(<PracticeHead scenario={s} step={1} elapsedMs={1000} width={80} />, { columns: 80, rows: 5 });
    const f = await waitForFrame(r.lastFrame, 'time 00:01');
    expect(frameLines(f)[0]).toBe('exercise-2 · Step 1/2: Deny every outgoing connection from egress-te… time 00:01');
  });

  it("the exam result cuts a task's title with the task list's ellipsis", async () => {
    const s = bank.scenarios.find((x) => x.title.length > 40)!;
    const handedIn = {
      exam: { id: 'e', seed: 1, startedAt: '', deadline: '', status: 'finished', tasks: [] },
      tasks: [],
      score: {
        tasks: [{ exerciseId: s.id, weight: 10, score: 0, passed: false, points: 0, verdict: 'unanswered' }],
        totalPct: 0,
        passed: false,
        timeUsedMs: 60_000,
      },
    } as HandedIn;
    const r = renderAt(<ExamResultView handedIn={handedIn} index={0} scenarioOf={(id) => bank.byId.get(id)} width={80} />, { columns: 80, rows: 12 });
    const f = await waitForFrame(r.lastFrame, '· unanswered');
    const row = frameLines(f).find((l) => l.includes('· unanswered'))!;
    const cut = /^> +1 {2}(.*?) {2,}10%/.exec(row)![1];
    expect(cut.endsWith('…')).toBe(true);
    expect(s.title.startsWith(cut.slice(0, -1))).toBe(true);
  });

  it('the F1 help wraps descriptions at 80 columns: every word is there, no row cut', async () => {
    const keys = practiceKeys('console', 'write').help;
    const r = renderAt(<HelpOverlay title="Practice" keys={keys} width={80} height={60} />, { columns: 80, rows: 60 });
    const f = await waitForFrame(r.lastFrame, 'Esc or ? closes this help');
    const inside = frameLines(f).map((l) => l.replace(/^│ ?/, '').replace(/ ?│$/, ''));
    expect(inside.some((l) => l.endsWith('…'))).toBe(false);
    const text = inside.join(' ').replace(/\s+/g, ' ');
    for (const [, what] of keys) expect(text).toContain(what.replace(/\s+/g, ' '));
  });

  it('helpRows keeps whole entries only, and says how many are left out', () => {
    const keys = [
      ['Enter', 'a description long enough to take two rows when the help is only forty columns wide'],
      ['Tab', 'short'],
    ] as const;
    const { rows, hidden } = helpRows(keys, 40, 3);
    expect(rows.map((r) => r.key)).toEqual(['Enter', '', '']);
    expect(hidden).toBe(1);
    expect(helpRows(keys, 40, 4).hidden).toBe(0);
    expect(rows.every((r) => r.text.length <= 40 - 7)).toBe(true);
  });
});
