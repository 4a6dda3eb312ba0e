// The mock exam's keys, one table per view; the reducer (exam-state.ts) asks them which command
// a key is, and the footer and `?` help are made from them.
import { screenKeys, type Keymap, type ScreenKeys } from '../input/keymap.js';
import { HELP_BINDING, QUIT_BINDING } from '../input/common-keys.js';
import { EDITOR_KEYMAP } from '../editor/keymap.js';
import type { ExamState } from './exam-state.js';
import { EXAM_CONSOLE_KEYMAP } from '../console/keymap.js';

const QUIT_RUNNING = { ...QUIT_BINDING, description: 'quit; the exam keeps running and can be resumed', footer: undefined };

export const INTRO_KEYMAP: Keymap = [
  {
    command: 'start',
    keys: ['Enter', 's'],
    description: 'start the exam (the clock starts at once)',
    category: 'Exam',
    footer: 'start the exam',
    footerKeys: ['Enter'],
  },
  { command: 'back', keys: ['Esc'], description: 'back home', category: 'Exam', footer: 'back' },
  HELP_BINDING,
  QUIT_BINDING,
];

export const REOPEN_KEYMAP: Keymap = [
  {
    command: 'resume',
    keys: ['Enter', 'r'],
    description: 'resume the exam where you left it (the clock has kept running)',
    category: 'Exam',
    footer: 'resume',
  },
  { command: 'abandon', keys: ['a'], description: 'abandon it (asks first; it is not scored)', category: 'Exam', footer: 'abandon' },
  { command: 'back', keys: ['Esc'], description: 'back home (the exam keeps running)', category: 'Exam', footer: 'back' },
  HELP_BINDING,
  { ...QUIT_RUNNING },
];

/** Keys of the task list and of a task alike. */
const RUNNING: Keymap = [
  { command: 'flag', keys: ['f'], description: 'flag or unflag the task to come back to it', category: 'Exam', footer: 'flag' },
  { command: 'finish', keys: ['F'], description: 'finish now: hand in and grade every task (asks first)', category: 'Exam', footer: 'finish now' },
  { command: 'nextTask', keys: ['n', 'Tab'], description: 'next task', category: 'Tasks' },
  { command: 'prevTask', keys: ['p', 'Shift+Tab'], description: 'previous task', category: 'Tasks' },
];

export const LIST_KEYMAP: Keymap = [
  { command: 'up', keys: ['Up', 'k'], description: 'previous task in the list', category: 'Tasks' },
  { command: 'down', keys: ['Down', 'j'], description: 'next task in the list', category: 'Tasks', footer: 'task', footerKeys: ['Up', 'Down'] },
  { command: 'first', keys: ['Home', 'g'], description: 'first task', category: 'Tasks' },
  { command: 'last', keys: ['End', 'G'], description: 'last task', category: 'Tasks' },
  { command: 'open', keys: ['Enter', 'Space'], description: 'read the selected task', category: 'Tasks', footer: 'open', footerKeys: ['Enter'] },
  { command: 'answer', keys: ['a', 'e'], description: 'write the answer of the selected task', category: 'Tasks', footer: 'answer', footerKeys: ['a'] },
  ...RUNNING,
  { command: 'back', keys: ['Esc'], description: 'home; the exam keeps running, reopen it from Mock exam', category: 'Exam', footer: 'home' },
  HELP_BINDING,
  QUIT_RUNNING,
];

export const TASK_KEYMAP: Keymap = [
  {
    command: 'answer',
    keys: ['Enter', 'a', 'e'],
    description: 'write the answer (your draft is kept)',
    category: 'Task',
    footer: 'answer',
    footerKeys: ['Enter'],
  },
  {
    command: 'console',
    keys: ['c'],
    description: "open the task's console (kubectl; its cluster is graded at hand-in, your draft applied on top)",
    category: 'Task',
    footer: 'console',
  },
  { command: 'lineUp', keys: ['Up', 'k'], description: 'scroll a line up', category: 'Scroll' },
  { command: 'lineDown', keys: ['Down', 'j'], description: 'scroll a line down', category: 'Scroll', footer: 'scroll', footerKeys: ['Up', 'Down'] },
  { command: 'pageUp', keys: ['PgUp'], description: 'scroll a page up', category: 'Scroll' },
  { command: 'pageDown', keys: ['PgDn', 'Space'], description: 'scroll a page down', category: 'Scroll' },
  { command: 'top', keys: ['Home', 'g'], description: 'back to the top', category: 'Scroll' },
  ...RUNNING.map((b) =>
    b.command === 'nextTask' ? { ...b, footer: 'next/prev', footerKeys: ['n', 'p'] } : b.command === 'finish' ? { ...b, footer: 'finish' } : b,
  ),
  { command: 'list', keys: ['Esc', 'l'], description: 'back to the task list', category: 'Task', footer: 'list', footerKeys: ['Esc'] },
  HELP_BINDING,
  QUIT_RUNNING,
];

export const EXAM_EDITOR_KEYMAP: Keymap = EDITOR_KEYMAP.map((b) =>
  b.command === 'submit'
    ? { ...b, description: 'check that the draft loads, back to the task list', footer: 'save, to the list' }
    : b.command === 'cancel'
      ? { ...b, description: 'back to the task (the draft is kept)', footer: 'task' }
      : b,
);

export const RESULT_KEYMAP: Keymap = [
  { command: 'up', keys: ['Up', 'k'], description: 'previous task', category: 'Result' },
  { command: 'down', keys: ['Down', 'j'], description: 'next task', category: 'Result', footer: 'task', footerKeys: ['Up', 'Down'] },
  {
    command: 'review',
    keys: ['Enter', 'Space'],
    description: 'review it: your YAML, the reference, the wrong cells, the explanation',
    category: 'Result',
    footer: 'review the task',
    footerKeys: ['Enter'],
  },
  { command: 'back', keys: ['Esc'], description: 'home', category: 'Result', footer: 'home' },
  HELP_BINDING,
  QUIT_BINDING,
];

export const REVIEW_KEYMAP: Keymap = [
  { command: 'lineUp', keys: ['Up', 'k'], description: 'scroll a line up', category: 'Scroll' },
  { command: 'lineDown', keys: ['Down', 'j'], description: 'scroll a line down', category: 'Scroll' },
  { command: 'pageUp', keys: ['PgUp'], description: 'scroll a page up', category: 'Scroll' },
  {
    command: 'pageDown',
    keys: ['PgDn', 'Space'],
    description: 'scroll a page down',
    category: 'Scroll',
    footer: 'scroll',
    footerKeys: ['Up', 'Down', 'PgUp', 'PgDn'],
  },
  { command: 'top', keys: ['Home', 'g'], description: 'back to the top', category: 'Scroll' },
  { command: 'nextTask', keys: ['n', 'Tab'], description: 'next task', category: 'Tasks', footer: 'next/prev task', footerKeys: ['n', 'p'] },
  { command: 'prevTask', keys: ['p', 'Shift+Tab'], description: 'previous task', category: 'Tasks' },
  { command: 'result', keys: ['Esc'], description: 'back to the result', category: 'Tasks', footer: 'result' },
  HELP_BINDING,
  QUIT_BINDING,
];

export const CONFIRM_KEYMAP: Keymap = [
  { command: 'yes', keys: ['y', 'Y'], description: 'yes', category: 'Confirm', footer: 'yes', footerKeys: ['y'] },
  { command: 'no', keys: ['n', 'N', 'Esc'], description: 'no', category: 'Confirm', footer: 'no', footerKeys: ['n', 'Esc'] },
];

export const WAIT_KEYMAP: Keymap = [{ command: 'back', keys: ['Esc'], description: 'back', category: 'Exam', footer: 'back' }];

const REVIEW_LEGEND = [['- / +', 'a line only in your answer / only in the reference']] as const;
const LIST_LEGEND = [['⚑ ✎ · !', 'flagged / draft / untouched / the draft does not load']] as const;

export function examKeys(state: Pick<ExamState, 'view' | 'confirm'>): ScreenKeys {
  if (state.confirm) return screenKeys(CONFIRM_KEYMAP);
  switch (state.view) {
    case 'intro':
      return screenKeys(INTRO_KEYMAP);
    case 'reopen':
      return screenKeys(REOPEN_KEYMAP);
    case 'list':
      return screenKeys(LIST_KEYMAP, LIST_LEGEND);
    case 'task':
      return screenKeys(TASK_KEYMAP);
    case 'answer':
      return screenKeys(EXAM_EDITOR_KEYMAP, [
        ['', 'No live matrix in the exam: the draft is graded when the exam ends'],
        ['Ctrl+C', 'quit; the exam and its drafts are kept'],
      ]);
    case 'console':
      return screenKeys(EXAM_CONSOLE_KEYMAP, [['Ctrl+C Ctrl+C', "on an empty prompt: quit; the exam and the console's commands are kept"]]);
    case 'result':
      return screenKeys(RESULT_KEYMAP);
    case 'review':
      return screenKeys(REVIEW_KEYMAP, REVIEW_LEGEND);
    default:
      return screenKeys(WAIT_KEYMAP);
  }
}
