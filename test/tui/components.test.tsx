// The small shared views, rendered alone at a fixed size.
import { afterEach, describe, expect, it } from 'vitest';
import React from 'react';
import { ScrollLines } from '../../src/tui/components/ScrollLines.js';
import { footerText, type KeyHints } from '../../src/tui/components/KeyHelp.js';
import { cleanupRendered, frameLines, renderAt, waitForFrame } from './helpers.js';

afterEach(() => cleanupRendered());

describe('ScrollLines', () => {
  it('a long last line keeps its end and every other line its own row: the scroll marker has a row of its own', async () => {
    const long = '  kube-system/coredns-kccwccknnr-t8xk5 for ingress, so it accepts everything';
    const lines = ['first', 'second', 'third', long, 'hidden below', 'and more'].map((text) => ({ text }));
    const r = renderAt(<ScrollLines lines={lines} top={0} width={80} height={5} />, { columns: 80, rows: 24 });
    const frame = await waitForFrame(r.lastFrame, '4/6');
    const rows = frameLines(frame).filter((l) => l !== '');
    expect(rows).toHaveLength(5);
    expect(rows.slice(0, 4)).toEqual(['first', 'second', 'third', long]);
    expect(rows[4]).toMatch(/^ +↓ 4\/6$/);
    expect(rows[4].length).toBeLessThanOrEqual(80);
  });
});

describe('footer hints', () => {
  const TASK: KeyHints = [
    ['Enter', 'answer'],
    ['↑/↓', 'scroll'],
    ['f', 'flag'],
    ['n/p', 'next/prev'],
    ['Esc', 'list'],
    ['F', 'finish'],
    ['?', 'help'],
  ];

  it('every hint stays readable at 80 columns: closer spacing rather than a cut-off "? he…"', () => {
    const text = footerText(TASK, 80);
    expect(text.length).toBeLessThanOrEqual(80);
    expect(text).toBe('Enter answer  ↑/↓ scroll  f flag  n/p next/prev  Esc list  F finish  ? help');
    // With room, the usual wide spacing.
    expect(footerText(TASK, 120)).toContain('F finish   ? help');
  });

  it('when even that is too wide, hints go from the right but "? help" stays', () => {
    const text = footerText([...TASK, ['q', 'quit']], 50);
    expect(text.length).toBeLessThanOrEqual(50);
    expect(text.startsWith('Enter answer  ↑/↓ scroll')).toBe(true);
    expect(text.endsWith('? help')).toBe(true);
    expect(text).not.toContain('q quit');
  });
});
