// The bundles' string-width (scripts/bundle/string-width.mjs) gives string-width's own widths:
// for every symbol it counts itself, and for random text mixing ASCII, those symbols, colour
// codes, wide (CJK, emoji) and zero-width characters, which it hands to string-width.
import { describe, expect, it } from 'vitest';
import realWidth from 'string-width';
import shimWidth, { NARROW_SYMBOLS } from '../../scripts/bundle/string-width.mjs';
import { seededRandom } from '../../src/core/training/exam-plan.js';

describe('the bundles string-width', () => {
  it('counts each of its symbols as string-width does: one column', () => {
    for (const c of NARROW_SYMBOLS) expect([c, realWidth(c)]).toEqual([c, 1]);
  });

  it('agrees with string-width on 5,000 random strings', () => {
    const r = seededRandom(7);
    const pieces = [
      'a',
      'Z',
      ' ',
      '~',
      ...NARROW_SYMBOLS,
      '\u001b[31m',
      '\u001b[39m',
      '\u001b[1;2m',
      '界',
      '🙂',
      '👩‍💻',
      'é',
      'e\u0301',
      '\u200b',
      '\t',
      '\u001b]0;x\u0007',
      'ｱ',
      '\u00ad',
    ];
    for (let i = 0; i < 5000; i++) {
      let s = '';
      const n = Math.floor(r() * 12);
      for (let k = 0; k < n; k++) s += pieces[Math.floor(r() * pieces.length)];
      expect([s, shimWidth(s)]).toEqual([s, realWidth(s)]);
    }
    const line = '✓ PASSED  step 1/2 · score 100%';
    expect(shimWidth(line)).toBe(line.length);
    expect(shimWidth('\u001b[32m✓\u001b[39m ok', { ambiguousIsNarrow: false })).toBe(realWidth('\u001b[32m✓\u001b[39m ok', { ambiguousIsNarrow: false }));
  });
});
