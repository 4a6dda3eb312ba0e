// The small shared views, rendered alone at a fixed size.
import { afterEach, describe, expect, it } from 'vitest';
import React from 'react';
import { ScrollLines } from '../../src/tui/components/ScrollLines.js';
import { cleanupRendered, frameLines, renderAt, waitForFrame } from './helpers.js';

afterEach(() => cleanupRendered());

describe('ScrollLines', () => {
  it('a long last line beside the scroll marker keeps every other line on its own row', async () => {
    const long = '  kube-system/coredns-kccwccknnr-t8xk5 for ingress, so it accepts everything';
    const lines = ['first', 'second', 'third', long, 'hidden below'].map((text) => ({ text }));
    const r = renderAt(<ScrollLines lines={lines} top={0} width={80} height={4} />, { columns: 80, rows: 24 });
    const frame = await waitForFrame(r.lastFrame, '4/5');
    const rows = frameLines(frame).filter((l) => l !== '');
    expect(rows).toHaveLength(4);
    expect(rows.slice(0, 3)).toEqual(['first', 'second', 'third']);
    // The long line is cut to leave the marker its room, and nothing spills onto a fifth row.
    expect(rows[3]).toMatch(/^  kube-system\/coredns-kccwccknnr-t8xk5 for ingress.*… ↓ 4\/5$/);
    expect(rows[3].length).toBeLessThanOrEqual(80);
  });
});
