// @alcalzone/ansi-tokenize for the bundles (scripts/bundle-options.mjs aliases the package here):
// the package itself, with a styledCharsToString that gives the same strings faster. Ink turns
// every row of every frame back into text with it, and the original diffs the styles of each
// character against the one before: three Sets, filters and spreads per character, even when
// nothing changes (blank cells, a run of one colour). A 100x30 frame allocated about 2.5 MB for
// it. Two neighbours with the same codes in the same order have an empty diff (the codes of one
// both replace and restate the other's), so only a change of style goes to the original diff.
// test/tui/ansi-tokenize-shim.test.ts compares the two on random styled rows.
import { ansiCodesToString, diffAnsiCodes } from '../../node_modules/@alcalzone/ansi-tokenize/build/index.js';

export * from '../../node_modules/@alcalzone/ansi-tokenize/build/index.js';

function sameCodes(a, b) {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i].code !== b[i].code || a[i].endCode !== b[i].endCode) return false;
  return true;
}

export function styledCharsToString(chars) {
  let ret = '';
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i];
    if (i === 0) {
      if (char.styles.length > 0) ret += ansiCodesToString(char.styles);
    } else if (!sameCodes(chars[i - 1].styles, char.styles)) {
      ret += ansiCodesToString(diffAnsiCodes(chars[i - 1].styles, char.styles));
    }
    ret += char.value;
    // Styles still on at the end of the row are turned off.
    if (i === chars.length - 1 && char.styles.length > 0) ret += ansiCodesToString(diffAnsiCodes(char.styles, []));
  }
  return ret;
}
