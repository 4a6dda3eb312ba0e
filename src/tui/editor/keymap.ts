// The YAML editor's keys. Printable keys are text here, so help is F1 (not `?`) and every
// command sits on Ctrl, a function key or a named key.
import type { Keymap } from '../input/keymap.js';

export type EditorCommand =
  | 'submit'
  | 'external'
  | 'cancel'
  | 'help'
  | 'undo'
  | 'redo'
  | 'deleteLine'
  | 'clear'
  | 'newline'
  | 'tab'
  | 'backspace'
  | 'delete'
  | 'left'
  | 'right'
  | 'up'
  | 'down'
  | 'lineStart'
  | 'lineEnd'
  | 'pageUp'
  | 'pageDown'
  | 'docStart'
  | 'docEnd';

export const EDITOR_KEYMAP: Keymap<EditorCommand> = [
  { command: 'submit', keys: ['Ctrl+S', 'F5'], description: 'submit the answer', category: 'Answer', footer: 'submit', footerKeys: ['Ctrl+S'] },
  { command: 'external', keys: ['Ctrl+E'], description: 'edit in $EDITOR', category: 'Answer', footer: '$EDITOR' },
  { command: 'cancel', keys: ['Esc'], description: 'leave the editor', category: 'Answer', footer: 'back' },
  { command: 'help', keys: ['F1'], description: 'this help (? is text here)', category: 'Answer', footer: 'help' },
  { command: 'undo', keys: ['Ctrl+Z'], description: 'undo', category: 'Edit', footer: 'undo' },
  { command: 'redo', keys: ['Ctrl+Y'], description: 'redo', category: 'Edit' },
  { command: 'deleteLine', keys: ['Ctrl+K'], description: 'delete the line', category: 'Edit' },
  { command: 'clear', keys: ['Ctrl+L'], description: 'clear the whole answer (Ctrl+Z brings it back)', category: 'Edit' },
  { command: 'newline', keys: ['Enter'], description: 'new line, same indentation (typed spaces replace it)', category: 'Edit' },
  { command: 'tab', keys: ['Tab'], description: 'indent by two spaces', category: 'Edit' },
  { command: 'backspace', keys: ['Backspace'], description: 'delete the character before the cursor', category: 'Edit' },
  { command: 'delete', keys: ['Delete'], description: 'delete the character under the cursor', category: 'Edit' },
  { command: 'docStart', keys: ['Ctrl+Home'], description: 'start of the text', category: 'Move' },
  { command: 'docEnd', keys: ['Ctrl+End'], description: 'end of the text', category: 'Move' },
  { command: 'lineStart', keys: ['Home'], description: 'first non-blank of the line; again: column 1', category: 'Move' },
  { command: 'lineEnd', keys: ['End'], description: 'end of the line', category: 'Move' },
  { command: 'pageUp', keys: ['PgUp'], description: 'a page up', category: 'Move' },
  { command: 'pageDown', keys: ['PgDn'], description: 'a page down', category: 'Move' },
  { command: 'left', keys: ['Left'], description: 'a character left', category: 'Move' },
  { command: 'right', keys: ['Right'], description: 'a character right', category: 'Move' },
  { command: 'up', keys: ['Up'], description: 'a line up', category: 'Move' },
  { command: 'down', keys: ['Down'], description: 'a line down', category: 'Move' },
];
