// Review mistakes' keys: the list, one opened attempt, and the weak-spot queue.
import { screenKeys, type Keymap, type ScreenKeys } from '../input/keymap.js';
import { HELP_BINDING, QUIT_BINDING } from '../input/common-keys.js';

export type ReviewView = 'list' | 'detail' | 'weak';

export const LIST_KEYMAP: Keymap = [
  { command: 'up', keys: ['Up', 'k'], description: 'previous failed attempt', category: 'Mistakes' },
  { command: 'down', keys: ['Down', 'j'], description: 'next failed attempt', category: 'Mistakes', footer: 'select', footerKeys: ['Up', 'Down'] },
  { command: 'open', keys: ['Enter'], description: 'open it: your answer beside a reference, what was wrong, why', category: 'Mistakes', footer: 'open' },
  { command: 'retry', keys: ['r'], description: 'retry that task now with your old answer (recorded as review)', category: 'Mistakes', footer: 'retry' },
  {
    command: 'weak',
    keys: ['d', 'w'],
    description: 'drill my weak spots: the queue of tasks to come back to',
    category: 'Mistakes',
    footer: 'weak spots',
    footerKeys: ['d'],
  },
  { command: 'back', keys: ['Esc'], description: 'home', category: 'Mistakes', footer: 'home' },
  HELP_BINDING,
  { ...QUIT_BINDING, footer: undefined },
];

export const DETAIL_KEYMAP: Keymap = [
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
  { command: 'retry', keys: ['r'], description: 'retry now: the task opens with this answer (recorded as review)', category: 'Mistake', footer: 'retry now' },
  { command: 'next', keys: ['n'], description: 'next failed attempt', category: 'Mistake', footer: 'next/prev', footerKeys: ['n', 'p'] },
  { command: 'prev', keys: ['p'], description: 'previous failed attempt', category: 'Mistake' },
  { command: 'list', keys: ['Esc'], description: 'back to the list', category: 'Mistake', footer: 'list' },
  HELP_BINDING,
  { ...QUIT_BINDING, footer: undefined },
];

export const WEAK_KEYMAP: Keymap = [
  { command: 'up', keys: ['Up', 'k'], description: 'previous entry', category: 'Weak spots' },
  {
    command: 'down',
    keys: ['Down', 'j'],
    description: 'next entry (the first is the one to do now)',
    category: 'Weak spots',
    footer: 'select',
    footerKeys: ['Up', 'Down'],
  },
  { command: 'start', keys: ['Enter'], description: 'start the selected task (recorded as review)', category: 'Weak spots', footer: 'start' },
  { command: 'list', keys: ['Esc'], description: 'back to the mistakes', category: 'Weak spots', footer: 'mistakes' },
  HELP_BINDING,
  QUIT_BINDING,
];

export function reviewKeys(view: ReviewView): ScreenKeys {
  if (view === 'detail') return screenKeys(DETAIL_KEYMAP, [['- / +', 'a line only in your answer / only in the reference']]);
  if (view === 'weak')
    return screenKeys(WEAK_KEYMAP, [
      ['', 'A task leaves the queue once passed on two different days'],
      ['', 'Tasks marked new are not tried yet, from your weakest topic'],
    ]);
  return screenKeys(LIST_KEYMAP);
}
