// The console pane's keys. Printable keys are text at a prompt, so every command sits on Ctrl,
// a function key or a named key, and help is F1. Ctrl+C is a shell's: it drops the typed line or
// here-document; only on an empty prompt, pressed twice in a row, does it quit the trainer.
import type { Keymap } from '../input/keymap.js';
import type { Scenario } from '../../core/bank/scenario.js';

export type ConsoleCommand =
  | 'run' | 'complete' | 'historyPrev' | 'historyNext' | 'left' | 'right' | 'lineStart' | 'lineEnd'
  | 'backspace' | 'delete' | 'killStart' | 'killEnd' | 'killWord' | 'interrupt' | 'cancel' | 'clear'
  | 'scrollUp' | 'scrollDown' | 'grade' | 'howToAnswer' | 'leave' | 'help';

const BASE: Keymap<ConsoleCommand> = [
  { command: 'run', keys: ['Enter'], description: 'run the command (an open here-document, quote or \\ continues at "> ")', category: 'Console', footer: 'run' },
  { command: 'complete', keys: ['Tab'], description: 'complete the command, resource, name, namespace or flag (twice: list them)', category: 'Console', footer: 'complete' },
  { command: 'historyPrev', keys: ['Up'], description: 'the previous command', category: 'Console', footer: 'history', footerKeys: ['Up', 'Down'] },
  { command: 'historyNext', keys: ['Down'], description: 'the next command', category: 'Console' },
  { command: 'grade', keys: ['Ctrl+S', 'F5'], description: 'grade the cluster as it stands (your YAML draft, if any, applied on top)', category: 'Console', footer: 'grade', footerKeys: ['Ctrl+S'] },
  { command: 'leave', keys: ['Esc', 'Ctrl+]'], description: 'back to the task (the console keeps its cluster and history)', category: 'Console', footer: 'task', footerKeys: ['Esc'] },
  { command: 'help', keys: ['F1'], description: 'this help (? is text here)', category: 'Console', footer: 'help' },
  { command: 'scrollUp', keys: ['PgUp'], description: 'scroll the output up', category: 'Console' },
  { command: 'scrollDown', keys: ['PgDn'], description: 'scroll the output down', category: 'Console' },
  {
    command: 'interrupt',
    keys: ['Ctrl+C'],
    description: 'drop the typed line or here-document (^C); twice on an empty prompt: quit',
    category: 'Edit',
  },
  { command: 'cancel', keys: ['Ctrl+G'], description: 'drop the typed line or here-document (never quits)', category: 'Edit' },
  { command: 'clear', keys: ['Ctrl+L'], description: 'clear the screen', category: 'Edit' },
  { command: 'left', keys: ['Left'], description: 'a character left', category: 'Edit' },
  { command: 'right', keys: ['Right'], description: 'a character right', category: 'Edit' },
  { command: 'lineStart', keys: ['Home', 'Ctrl+A'], description: 'start of the line', category: 'Edit' },
  { command: 'lineEnd', keys: ['End', 'Ctrl+E'], description: 'end of the line', category: 'Edit' },
  { command: 'backspace', keys: ['Backspace'], description: 'delete the character before the cursor', category: 'Edit' },
  { command: 'delete', keys: ['Delete'], description: 'delete the character under the cursor', category: 'Edit' },
  { command: 'killStart', keys: ['Ctrl+U'], description: 'delete to the start of the line', category: 'Edit' },
  { command: 'killEnd', keys: ['Ctrl+K'], description: 'delete to the end of the line', category: 'Edit' },
  { command: 'killWord', keys: ['Ctrl+W'], description: 'delete the word before the cursor', category: 'Edit' },
];

/** Practice: Ctrl+S grades the console's cluster. */
export const CONSOLE_KEYMAP: Keymap<ConsoleCommand> = BASE;

/**
 * A predict or pick drill is answered on its questions or candidates, not by the cluster: its
 * console offers no grading, and Ctrl+S says how to answer instead.
 */
export const DRILL_CONSOLE_KEYMAP: Keymap<ConsoleCommand> = BASE.map((b) =>
  b.command === 'grade'
    ? { command: 'howToAnswer', keys: b.keys, description: 'how this drill is answered (on its questions, not by the cluster)', category: b.category }
    : b,
);

/** The practice console's keys for a scenario of this kind. */
export function consoleKeymapFor(kind: Scenario['kind']): Keymap<ConsoleCommand> {
  return kind === 'write' || kind === 'fix' ? CONSOLE_KEYMAP : DRILL_CONSOLE_KEYMAP;
}

/** What Ctrl+S says in a drill's console (one line: it must fit 80 columns). */
export function howToAnswer(kind: Scenario['kind']): string | undefined {
  if (kind === 'predict') return 'this drill is answered on its questions: Esc, Enter, then y/n';
  if (kind === 'pick') return 'this drill is answered by picking a candidate: Esc, Enter, then Left/Right';
  return undefined;
}

/** The mock exam grades at hand-in: the console's cluster is the task's answer then. */
export const EXAM_CONSOLE_KEYMAP: Keymap<ConsoleCommand> = BASE.filter((b) => b.command !== 'grade').map((b) =>
  b.command === 'leave' ? { ...b, description: 'back to the task (the cluster is this task\'s answer at hand-in)' } : b,
);
