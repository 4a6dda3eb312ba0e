// Keys as data. Each screen has one table of bindings: a command, the keys that run it, what it
// does and a category (as gemini-cli's keyBindings.ts). The reducers ask the table which command
// a key is; the footer and the `?` help are made from the same table, so the help can never
// disagree with the keys. Pure: no Ink here.
import type { KeyPress } from './keys.js';

/**
 * A key as written in a table: a character ('j', '?', 'F'), 'Space', or a name: 'Enter', 'Esc',
 * 'Tab', 'Shift+Tab', 'Backspace', 'Delete', 'Up', 'Down', 'Left', 'Right', 'Home', 'End',
 * 'PgUp', 'PgDn', 'F1'..'F12', 'Ctrl+<letter>', 'Ctrl+Home', 'Ctrl+End'.
 */
export type KeySpec = string;

export interface Binding<C extends string = string> {
  command: C;
  keys: readonly KeySpec[];
  /** What the command does, for the help. */
  description: string;
  /** A heading in the help ('Move', 'Answer', ...). */
  category: string;
  /** The short label in the footer; absent: the command is in the help only. */
  footer?: string;
  /** The keys the footer shows, when not all of them (e.g. only the arrows). */
  footerKeys?: readonly KeySpec[];
}

export type Keymap<C extends string = string> = readonly Binding<C>[];

const NAMED: Record<string, KeyPress['name']> = {
  enter: 'enter',
  esc: 'escape',
  tab: 'tab',
  'shift+tab': 'backTab',
  backspace: 'backspace',
  delete: 'delete',
  up: 'up',
  down: 'down',
  left: 'left',
  right: 'right',
  home: 'home',
  end: 'end',
  pgup: 'pageUp',
  pgdn: 'pageDown',
  f1: 'f1',
  f2: 'f2',
  f3: 'f3',
  f4: 'f4',
  f5: 'f5',
  f6: 'f6',
  f7: 'f7',
  f8: 'f8',
  f9: 'f9',
  f10: 'f10',
  f11: 'f11',
  f12: 'f12',
};

/** Whether `key` is the key `spec` names. */
export function keyMatches(spec: KeySpec, key: KeyPress): boolean {
  if (spec === 'Space') return key.name === 'char' && key.text === ' ';
  if (spec.length === 1) return key.name === 'char' && key.text === spec && !key.meta;
  const lower = spec.toLowerCase();
  // Ctrl+] (GS, 0x1d): telnet's and kubectl attach's way out, taken by the console pane.
  if (lower === 'ctrl+]') return key.name === 'ctrl' && key.sequence === '\x1d';
  const ctrlNamed = /^ctrl\+(home|end|left|right|up|down)$/.exec(lower);
  if (ctrlNamed) return key.name === NAMED[ctrlNamed[1]] && key.ctrl;
  const ctrl = /^ctrl\+([a-z])$/.exec(lower);
  if (ctrl) return key.name === 'ctrl' && key.letter === ctrl[1];
  const named = NAMED[lower];
  if (!named) throw new Error(`keymap: unknown key "${spec}"`);
  // Plain arrows and Home/End: not with Ctrl (Ctrl+End is a key of its own).
  return key.name === named && (lower === 'shift+tab' || !key.ctrl);
}

/** The command `key` runs in `keymap`, or undefined. The first binding that matches wins. */
export function commandOf<C extends string>(keymap: Keymap<C>, key: KeyPress): C | undefined {
  for (const b of keymap) if (b.keys.some((k) => keyMatches(k, key))) return b.command;
  return undefined;
}

const LABEL: Record<string, string> = { Up: '↑', Down: '↓', Left: '←', Right: '→' };

/** How a key is shown: arrows as arrows, everything else as written. */
export function keyLabel(spec: KeySpec): string {
  return LABEL[spec] ?? spec;
}

/** Keys for the help: "↑ ↓ / j k" style, arrows and letters of one command grouped. */
export function keysLabel(keys: readonly KeySpec[]): string {
  const arrows = keys.filter((k) => LABEL[k]).map(keyLabel);
  let rest = keys.filter((k) => !LABEL[k]).map(keyLabel);
  // A run of digits reads as a range: "1-5".
  if (rest.length > 2 && rest.every((k, i) => /^\d$/.test(k) && (i === 0 || Number(k) === Number(rest[i - 1]) + 1)))
    rest = [`${rest[0]}-${rest[rest.length - 1]}`];
  return [arrows.join(' '), ...rest].filter((s) => s !== '').join(' / ');
}

/** [keys, what they do]: the shape the footer and the help overlay draw. */
export type KeyHints = ReadonlyArray<readonly [string, string]>;

/** The footer's hints: the bindings that have a footer label, in table order. */
export function footerHints(keymap: Keymap): KeyHints {
  return keymap.filter((b) => b.footer).map((b) => [(b.footerKeys ?? b.keys).map(keyLabel).join('/'), b.footer!] as const);
}

/** The help's rows: every binding, in table order, grouped under its category. */
export function helpRows(keymap: Keymap): KeyHints {
  const categories = [...new Set(keymap.map((b) => b.category))];
  return categories.flatMap((c) => keymap.filter((b) => b.category === c).map((b) => [keysLabel(b.keys), b.description] as const));
}

/** A screen's keys as the shell draws them. */
export interface ScreenKeys {
  footer: KeyHints;
  help: KeyHints;
}

export function screenKeys(keymap: Keymap, extraHelp: KeyHints = []): ScreenKeys {
  return { footer: footerHints(keymap), help: [...helpRows(keymap), ...extraHelp] };
}

/** A key table as Markdown (the README's key tables are these). */
export function keymapMarkdown(title: string, keymap: Keymap): string {
  const rows = keymap.map((b) => `| ${keysLabel(b.keys).replace(/\|/g, '\\|')} | ${b.description.replace(/\|/g, '\\|')} |`);
  return [`**${title}**`, '', '| keys | what they do |', '|---|---|', ...rows].join('\n');
}
