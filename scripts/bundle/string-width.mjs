// string-width for the bundles (scripts/bundle-options.mjs aliases `string-width` here): the same
// widths, without its slow path for the few one-column symbols the screens draw (✓ ✗ · ● ─ …).
// Ink measures every line of every frame; a single such symbol sent string-width to grapheme
// segmentation and its emoji regexes, which cost ~25 ms to compile on the first frame and most
// of Ink's time per frame after. Anything else goes to string-width itself.
import realWidth from '../../node_modules/string-width/index.js';

// Each is one column in string-width (test/tui/string-width-shim.test.ts checks every one).
export const NARROW_SYMBOLS = '·…✗✓○↓↑✎⚑●│→←░█─×▏⏱¬≥≤▸▾';
const narrow = new Set(Array.from(NARROW_SYMBOLS, (c) => c.charCodeAt(0)));
// eslint-disable-next-line no-control-regex -- colour codes start with ESC
const SGR = /\u001b\[[0-9;]*m/g;

export default function stringWidth(input, options) {
  if (typeof input !== 'string' || input.length === 0) return 0;
  if (options && (options.ambiguousIsNarrow === false || options.countAnsiEscapeCodes)) return realWidth(input, options);
  const text = input.includes('\u001b') ? input.replace(SGR, '') : input;
  let width = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x20 && c <= 0x7e) || narrow.has(c)) width++;
    else return realWidth(input, options);
  }
  return width;
}
