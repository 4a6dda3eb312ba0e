// A big paste through the real editor component (key reader, bracketed paste, reducer, render):
// 400 KB of short lines used to overflow the stack in insertText and lose the draft.
import { afterEach, describe, expect, it, vi } from 'vitest';
import React from 'react';
import { YamlEditor } from '../../src/tui/editor/YamlEditor.js';
import { bracketedPaste, cleanupRendered, frameLines, renderAt, sendKeys, waitForFrame } from '../tui/helpers.js';

afterEach(cleanupRendered);

describe('pasting into the editor', () => {
  for (const [label, bytes] of [['400 KB', 400 * 1024], ['5 MB', 5 * 1024 * 1024]] as const) {
    it(`${label} of short lines arrives whole, in chunks as a terminal sends them`, async () => {
      const count = Math.ceil(bytes / 7);
      const paste = Array.from({ length: count }, (_, i) => `k: v${i % 100}`.slice(0, 6)).join('\r');
      const onChange = vi.fn();
      const r = renderAt(<YamlEditor width={60} height={6} onChange={onChange} />, { columns: 60, rows: 10 });
      await waitForFrame(r.lastFrame, 'Ln 1, Col 1');
      const whole = bracketedPaste(paste);
      const chunks: string[] = [];
      for (let i = 0; i < whole.length; i += 64 * 1024) chunks.push(whole.slice(i, i + 64 * 1024));
      await sendKeys(r.stdin, ...chunks);
      const frame = await waitForFrame(r.lastFrame, `Ln ${count}, Col`);
      expect(frameLines(frame).at(-1)).toMatch(new RegExp(`^Ln ${count}, Col \\d+`));
      expect(onChange).toHaveBeenLastCalledWith(paste.replace(/\r/g, '\n'));
    });
  }
});
