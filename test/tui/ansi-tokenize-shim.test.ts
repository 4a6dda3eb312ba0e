// The bundles' styledCharsToString (scripts/bundle/ansi-tokenize.mjs) gives the package's own
// strings: on rows Ink builds from styled text (colours, bold, dim, inverse, runs and changes of
// style, blank cells) and on rows of random style lists, same codes in another order included.
import { describe, expect, it } from 'vitest';
import { styledCharsFromTokens, styledCharsToString as realToString, tokenize } from '@alcalzone/ansi-tokenize';
import { styledCharsToString as shimToString } from '../../scripts/bundle/ansi-tokenize.mjs';
import { seededRandom } from '../../src/core/training/exam-plan.js';

const ESC = '\u001b[';
// Codes Ink writes (chalk's): on and off pairs.
const STYLES = [
  [`${ESC}1m`, `${ESC}22m`],
  [`${ESC}2m`, `${ESC}22m`],
  [`${ESC}7m`, `${ESC}27m`],
  [`${ESC}4m`, `${ESC}24m`],
  [`${ESC}31m`, `${ESC}39m`],
  [`${ESC}32m`, `${ESC}39m`],
  [`${ESC}36m`, `${ESC}39m`],
  [`${ESC}90m`, `${ESC}39m`],
  [`${ESC}41m`, `${ESC}49m`],
];

describe('the bundles styledCharsToString', () => {
  it("matches the package's on rows of styled text", () => {
    const r = seededRandom(11);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
    for (let n = 0; n < 3000; n++) {
      let text = '';
      for (let k = 0; k < 1 + Math.floor(r() * 12); k++) {
        const [on, off] = pick(STYLES);
        const run = pick(['a', ' ', 'xy', '✓', '  ', '界', 'text']).repeat(1 + Math.floor(r() * 4));
        const close = r() < 0.7;
        text += r() < 0.3 ? run : `${on}${run}${close ? off : ''}`;
      }
      const chars = styledCharsFromTokens(tokenize(text));
      expect(shimToString(chars)).toBe(realToString(chars));
    }
  });

  it("matches the package's on rows of random style lists", () => {
    const r = seededRandom(5);
    const codes = STYLES.map(([code, endCode]) => ({ type: 'ansi' as const, code, endCode }));
    const styles = () => {
      const chosen = codes.filter(() => r() < 0.25);
      return r() < 0.5 ? chosen : [...chosen].reverse();
    };
    for (let n = 0; n < 3000; n++) {
      const row = Array.from({ length: Math.floor(r() * 10) }, () => ({
        type: 'char' as const,
        value: r() < 0.5 ? ' ' : 'x',
        fullWidth: false,
        styles: styles(),
      }));
      expect(shimToString(row)).toBe(realToString(row));
    }
  });
});
