// Writes the README's key tables from the keymaps (src/tui/keymaps.ts), between the markers
// <!-- keys:start --> and <!-- keys:end -->. A test checks that the README is up to date.
// Run: node --import tsx scripts/readme-keys.ts
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ALL_KEYMAPS } from '../src/tui/keymaps.js';
import { keymapMarkdown } from '../src/tui/input/keymap.js';

const START = '<!-- keys:start (generated from the keymaps by scripts/readme-keys.ts) -->';
const END = '<!-- keys:end -->';

export function readmeKeysSection(): string {
  return [START, ...ALL_KEYMAPS.map((m) => keymapMarkdown(m.screen, m.keymap)), END].join('\n\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'README.md');
  const text = readFileSync(file, 'utf8');
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  if (a === -1 || b === -1) {
    process.stderr.write(`readme-keys: README.md has no ${START} ... ${END} section\n`);
    process.exit(1);
  }
  writeFileSync(file, text.slice(0, a) + readmeKeysSection() + text.slice(b + END.length));
}
