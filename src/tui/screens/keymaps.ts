// The keys of the home menu, the practice browser and the stats screen.
import { screenKeys, type Keymap, type ScreenKeys } from '../input/keymap.js';
import { HELP_BINDING, QUIT_BINDING } from '../input/common-keys.js';

export const HOME_KEYMAP: Keymap = [
  { command: 'up', keys: ['Up', 'k', 'Shift+Tab'], description: 'previous entry', category: 'Menu' },
  { command: 'down', keys: ['Down', 'j', 'Tab'], description: 'next entry', category: 'Menu', footer: 'move', footerKeys: ['Up', 'Down'] },
  { command: 'first', keys: ['Home', 'g'], description: 'first entry', category: 'Menu' },
  { command: 'last', keys: ['End', 'G'], description: 'last entry', category: 'Menu' },
  { command: 'open', keys: ['Enter', 'Space'], description: 'open the selected entry', category: 'Menu', footer: 'open', footerKeys: ['Enter'] },
  {
    command: 'number',
    keys: ['1', '2', '3', '4', '5'],
    description: 'open an entry by its number',
    category: 'Menu',
    footer: 'open by number',
    footerKeys: ['1-5'],
  },
  HELP_BINDING,
  QUIT_BINDING,
];

export const BROWSER_KEYMAP: Keymap = [
  { command: 'up', keys: ['Up', 'k'], description: 'previous exercise', category: 'Exercises' },
  { command: 'down', keys: ['Down', 'j'], description: 'next exercise', category: 'Exercises', footer: 'move', footerKeys: ['Up', 'Down'] },
  { command: 'pageUp', keys: ['PgUp'], description: 'a page up', category: 'Exercises' },
  { command: 'pageDown', keys: ['PgDn'], description: 'a page down', category: 'Exercises' },
  { command: 'first', keys: ['Home', 'g'], description: 'first exercise', category: 'Exercises' },
  { command: 'last', keys: ['End', 'G'], description: 'last exercise', category: 'Exercises' },
  { command: 'open', keys: ['Enter'], description: 'open the exercise', category: 'Exercises', footer: 'open' },
  { command: 'filter', keys: ['/'], description: 'filter by id, title or topic (Enter keeps it, Esc clears it)', category: 'Exercises', footer: 'filter' },
  { command: 'back', keys: ['Esc'], description: 'back to the menu', category: 'Exercises', footer: 'back' },
  HELP_BINDING,
  QUIT_BINDING,
];

/** While the filter is typed, printable keys are the filter's text. */
export const FILTER_KEYMAP: Keymap = [
  { command: 'up', keys: ['Up'], description: 'previous match', category: 'Filter' },
  { command: 'down', keys: ['Down'], description: 'next match', category: 'Filter' },
  { command: 'erase', keys: ['Backspace'], description: 'erase a character of the filter', category: 'Filter', footer: 'filter', footerKeys: ['type'] },
  { command: 'keep', keys: ['Enter'], description: 'keep the filter', category: 'Filter', footer: 'keep filter' },
  { command: 'clear', keys: ['Esc'], description: 'clear the filter', category: 'Filter', footer: 'clear filter' },
];

export const STATS_KEYMAP: Keymap = [
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
  { command: 'back', keys: ['Esc'], description: 'home', category: 'Stats', footer: 'home' },
  HELP_BINDING,
  QUIT_BINDING,
];

export const HOME_KEYS: ScreenKeys = screenKeys(HOME_KEYMAP);
export const BROWSER_KEYS: ScreenKeys = screenKeys(BROWSER_KEYMAP, [
  ['✓ ✗ ·', 'passed / attempted, not passed / new'],
  ['●●○○○', 'difficulty 1-5; then suggested minutes'],
]);
export const FILTER_KEYS: ScreenKeys = screenKeys(FILTER_KEYMAP);
export const STATS_KEYS: ScreenKeys = screenKeys(STATS_KEYMAP, [['█ ░ |', 'exam score bar / the rest / the 66% pass mark']]);

/** The help overlay's own keys: it closes on any of them. */
export const HELP_OVERLAY_KEYMAP: Keymap = [
  {
    command: 'close',
    keys: ['Esc', 'Enter', 'F1', '?', 'q'],
    description: 'close this help',
    category: 'Help',
    footer: 'close help',
    footerKeys: ['Esc', '?'],
  },
];
