// Keys as data: the matcher, the footer and help made from a table, every table free of a key
// bound twice, and the README's key tables equal to the tables.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { commandOf, footerHints, helpRows, keyMatches, keymapMarkdown, keysLabel, type Keymap } from '../../src/tui/input/keymap.js';
import { parseKey } from '../../src/tui/input/keys.js';
import { ALL_KEYMAPS } from '../../src/tui/keymaps.js';
import { KEY } from './helpers.js';
import { readmeKeysSection } from '../../scripts/readme-keys.js';

const press = (seq: string) => parseKey(seq);

describe('keyMatches', () => {
  it.each([
    ['Enter', KEY.enter, true],
    ['Esc', KEY.esc, true],
    ['Up', KEY.up, true],
    ['PgDn', KEY.pgDn, true],
    ['Ctrl+S', KEY.ctrlS, true],
    ['Ctrl+Z', KEY.ctrlZ, true],
    ['F1', KEY.f1, true],
    ['F5', KEY.f5, true],
    ['Space', ' ', true],
    ['j', 'j', true],
    ['F', 'F', true],
    ['f', 'F', false],
    ['F', 'f', false],
    ['Home', KEY.home, true],
    ['Home', KEY.ctrlHome, false],
    ['Ctrl+Home', KEY.ctrlHome, true],
    ['End', KEY.ctrlEnd, false],
    ['Shift+Tab', '\x1b[Z', true],
    ['Tab', '\x1b[Z', false],
    ['q', '\x1bq', false],
  ])('%s matches %j: %s', (spec, seq, expected) => {
    expect(keyMatches(spec, press(seq))).toBe(expected);
  });

  it('refuses a key name it does not know (a typo in a table fails loudly)', () => {
    expect(() => keyMatches('Ctrl+Shift+Q', press('q'))).toThrow(/unknown key/);
  });
});

const TABLE: Keymap = [
  { command: 'down', keys: ['Down', 'j'], description: 'next', category: 'Move', footer: 'move', footerKeys: ['Up', 'Down'] },
  { command: 'up', keys: ['Up', 'k'], description: 'previous', category: 'Move' },
  { command: 'help', keys: ['?', 'F1'], description: 'this help', category: 'General', footer: 'help', footerKeys: ['?'] },
];

describe('a table', () => {
  it('names the command of a key, and nothing for a key it does not bind', () => {
    expect(commandOf(TABLE, press('j'))).toBe('down');
    expect(commandOf(TABLE, press(KEY.up))).toBe('up');
    expect(commandOf(TABLE, press(KEY.f1))).toBe('help');
    expect(commandOf(TABLE, press('x'))).toBeUndefined();
  });

  it('makes the footer and the help', () => {
    expect(footerHints(TABLE)).toEqual([
      ['↑/↓', 'move'],
      ['?', 'help'],
    ]);
    expect(helpRows(TABLE)).toEqual([
      ['↓ / j', 'next'],
      ['↑ / k', 'previous'],
      ['? / F1', 'this help'],
    ]);
    expect(keysLabel(['1', '2', '3', '4'])).toBe('1-4');
  });
});

describe("every screen's table", () => {
  it.each(ALL_KEYMAPS.map((m) => [m.screen, m.keymap] as const))('%s binds no key twice, and every key is one the matcher knows', (_screen, keymap) => {
    const seen = new Map<string, string>();
    for (const b of keymap) {
      for (const k of b.keys) {
        expect(seen.get(k), `${k} is bound to ${seen.get(k)} and ${b.command}`).toBeUndefined();
        seen.set(k, b.command);
        expect(() => keyMatches(k, press('x'))).not.toThrow();
      }
    }
    // Every screen has a way to the help.
    expect(keymap.some((b) => b.command === 'help') || keymap.some((b) => b.keys.includes('Esc'))).toBe(true);
  });

  it("the README's key tables are these tables (regenerate: node --import tsx scripts/readme-keys.ts)", () => {
    const readme = readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
    expect(readme).toContain(readmeKeysSection());
    expect(keymapMarkdown('Home', ALL_KEYMAPS[0].keymap)).toContain('| ↑ / k / Shift+Tab | previous entry |');
  });
});

describe('help that matches behaviour', () => {
  it('Home lists Ctrl+C once; a predict result has no ←/→ cells; the editor Home is a smart Home', async () => {
    const { HOME_KEYS } = await import('../../src/tui/screens/keymaps.js');
    const { practiceKeys } = await import('../../src/tui/practice/keymaps.js');
    const { EDITOR_KEYMAP } = await import('../../src/tui/editor/keymap.js');
    const text = (h: readonly (readonly [string, string])[]) => h.map(([k, d]) => `${k} ${d}`).join('\n');
    expect(text(HOME_KEYS.help).match(/Ctrl\+C/g)).toHaveLength(1);
    const predict = practiceKeys('result', 'predict');
    expect(text(predict.footer)).not.toMatch(/←|→|\bcell\b/);
    expect(text(predict.footer)).toContain('question');
    expect(text(practiceKeys('result', 'write').footer)).toContain('cell');
    expect(EDITOR_KEYMAP.find((b) => b.command === 'lineStart')!.description).toBe('first non-blank of the line; again: column 1');
  });
});
