// The practice screen's keys, one table per view. The reducer (session-state.ts) asks these
// tables which command a key is; the footer and the `?` help are made from them.
import { screenKeys, type Keymap, type ScreenKeys } from '../input/keymap.js';
import { HELP_BINDING, QUIT_BINDING } from '../input/common-keys.js';
import { EDITOR_KEYMAP } from '../editor/keymap.js';
import type { Scenario } from '../../core/bank/scenario.js';
import { consoleKeymapFor } from '../console/keymap.js';

export const TASK_KEYMAP: Keymap = [
  { command: 'answer', keys: ['Enter', 'a', 'e'], description: 'write the answer', category: 'Task', footer: 'answer', footerKeys: ['Enter'] },
  { command: 'lineUp', keys: ['Up', 'k'], description: 'scroll a line up', category: 'Scroll' },
  { command: 'lineDown', keys: ['Down', 'j'], description: 'scroll a line down', category: 'Scroll', footer: 'scroll', footerKeys: ['Up', 'Down'] },
  { command: 'pageUp', keys: ['PgUp'], description: 'scroll a page up', category: 'Scroll' },
  { command: 'pageDown', keys: ['PgDn', 'Space'], description: 'scroll a page down', category: 'Scroll' },
  { command: 'top', keys: ['Home', 'g'], description: 'back to the top', category: 'Scroll' },
  { command: 'end', keys: ['End', 'G'], description: 'to the end (the hints)', category: 'Scroll' },
  {
    command: 'console',
    keys: ['c'],
    description: "open a console on this step's cluster (kubectl; what you change there is graded)",
    category: 'Task',
    footer: 'console',
  },
  { command: 'hint', keys: ['h'], description: 'one more hint (each press reveals the next)', category: 'Task', footer: 'hint' },
  { command: 'back', keys: ['Esc'], description: 'back to the exercise list', category: 'Task', footer: 'back' },
  HELP_BINDING,
  { ...QUIT_BINDING, description: 'quit (the draft is kept; Ctrl+C quits from any screen)' },
];

export const PREDICT_KEYMAP: Keymap = [
  { command: 'prev', keys: ['Up', 'k'], description: 'previous question', category: 'Answer' },
  { command: 'next', keys: ['Down', 'j', 'Tab'], description: 'next question', category: 'Answer', footer: 'question', footerKeys: ['Up', 'Down'] },
  { command: 'toggle', keys: ['Space'], description: 'toggle yes / no', category: 'Answer', footer: 'toggle' },
  { command: 'yes', keys: ['y', 'Right'], description: 'answer yes, then the next question', category: 'Answer', footer: 'yes/no', footerKeys: ['y', 'n'] },
  { command: 'no', keys: ['n', 'Left'], description: 'answer no, then the next question', category: 'Answer' },
  {
    command: 'grade',
    keys: ['Enter', 'Ctrl+S', 'F5'],
    description: 'grade (unanswered questions count as wrong)',
    category: 'Answer',
    footer: 'grade',
    footerKeys: ['Enter'],
  },
  { command: 'pageUp', keys: ['PgUp'], description: 'scroll the policies in place up', category: 'Scroll' },
  {
    command: 'pageDown',
    keys: ['PgDn'],
    description: 'scroll the policies in place (and the hints) down',
    category: 'Scroll',
    footer: 'policies',
    footerKeys: ['PgUp', 'PgDn'],
  },
  { command: 'hint', keys: ['h'], description: 'one more hint (shown above the policies)', category: 'Answer' },
  { command: 'task', keys: ['Esc'], description: 'back to the task', category: 'Answer', footer: 'task' },
  HELP_BINDING,
  { ...QUIT_BINDING, footer: undefined },
];

export const PICK_KEYMAP: Keymap = [
  { command: 'prev', keys: ['Left', 'Up', 'k'], description: 'previous candidate', category: 'Answer' },
  { command: 'next', keys: ['Right', 'Down', 'j', 'Tab'], description: 'next candidate', category: 'Answer', footer: 'choose', footerKeys: ['Left', 'Right'] },
  {
    command: 'grade',
    keys: ['Enter', 'Ctrl+S', 'F5'],
    description: 'grade the selected candidate',
    category: 'Answer',
    footer: 'grade',
    footerKeys: ['Enter'],
  },
  { command: 'pageUp', keys: ['PgUp'], description: 'scroll the candidate files up', category: 'Scroll' },
  {
    command: 'pageDown',
    keys: ['PgDn', 'Space'],
    description: 'scroll the candidate files down',
    category: 'Scroll',
    footer: 'scroll',
    footerKeys: ['PgUp', 'PgDn'],
  },
  { command: 'hint', keys: ['h'], description: 'one more hint', category: 'Answer' },
  { command: 'task', keys: ['Esc'], description: 'back to the task', category: 'Answer', footer: 'task' },
  HELP_BINDING,
  { ...QUIT_BINDING, footer: undefined },
];

export const RESULT_KEYMAP: Keymap = [
  { command: 'up', keys: ['Up', 'k'], description: 'the cell (or question) above: its full why is shown', category: 'Cells' },
  { command: 'down', keys: ['Down', 'j'], description: 'the cell (or question) below', category: 'Cells' },
  { command: 'left', keys: ['Left'], description: 'the cell to the left', category: 'Cells' },
  { command: 'right', keys: ['Right'], description: 'the cell to the right', category: 'Cells', footer: 'cell', footerKeys: ['Up', 'Down', 'Left', 'Right'] },
  { command: 'pageUp', keys: ['PgUp'], description: 'scroll the details up', category: 'Cells' },
  { command: 'pageDown', keys: ['PgDn', 'Space'], description: 'scroll the details down', category: 'Cells' },
  { command: 'retry', keys: ['r'], description: 'retry: back to the editor with your answer', category: 'Next', footer: 'retry' },
  {
    command: 'next',
    keys: ['n'],
    description: 'next step, or the next exercise (from the module track: its next exercise, in the console)',
    category: 'Next',
    footer: 'next',
  },
  { command: 'hint', keys: ['h'], description: 'one more hint', category: 'Next', footer: 'hint' },
  { command: 'solution', keys: ['s'], description: 'show the reference solution (recorded as revealed)', category: 'Next', footer: 'solution' },
  { command: 'task', keys: ['Esc'], description: 'back to the task', category: 'Next', footer: 'task' },
  HELP_BINDING,
  { ...QUIT_BINDING, footer: undefined },
];

/** A predict result has questions, not a grid: no cells to the left or right. */
const PREDICT_RESULT_KEYMAP: Keymap = RESULT_KEYMAP.filter((b) => b.command !== 'left' && b.command !== 'right').map((b) =>
  b.command === 'down'
    ? { ...b, description: 'the question below', footer: 'question', footerKeys: ['Up', 'Down'] }
    : b.command === 'up'
      ? { ...b, description: 'the question above: its full why is shown' }
      : b,
);

const RESULT_LEGEND = [
  ['!', 'a cell that differs from what the step expects'],
  ['✓ ✗ ·', 'allowed / denied / not graded'],
] as const;

/** The editor's table as practice uses it: Ctrl+S grades, and the live matrix follows the draft. */
export const PRACTICE_EDITOR_KEYMAP: Keymap = EDITOR_KEYMAP.map((b) =>
  b.command === 'submit'
    ? { ...b, description: 'grade the answer', footer: 'grade' }
    : b.command === 'cancel'
      ? { ...b, description: 'back to the task (the draft is kept)', footer: 'task' }
      : b,
);

export function practiceKeys(view: 'task' | 'answer' | 'result' | 'console', kind: Scenario['kind']): ScreenKeys {
  if (view === 'task') return screenKeys(TASK_KEYMAP);
  if (view === 'console')
    return screenKeys(consoleKeymapFor(kind), [['Ctrl+C Ctrl+C', "on an empty prompt: quit (the console's commands are kept with a graded attempt only)"]]);
  if (view === 'result' && kind === 'predict') return screenKeys(PREDICT_RESULT_KEYMAP);
  if (view === 'result') return screenKeys(RESULT_KEYMAP, RESULT_LEGEND);
  if (kind === 'predict') return screenKeys(PREDICT_KEYMAP);
  if (kind === 'pick') return screenKeys(PICK_KEYMAP);
  return screenKeys(PRACTICE_EDITOR_KEYMAP, [['Ctrl+C', 'quit (the draft is kept)']]);
}
