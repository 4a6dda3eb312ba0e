// Every screen's key table by name, in the order the README lists them (its key tables are
// generated from these and checked by a test).
import type { Keymap } from './input/keymap.js';
import { BROWSER_KEYMAP, FILTER_KEYMAP, HOME_KEYMAP, STATS_KEYMAP } from './screens/keymaps.js';
import { PICK_KEYMAP, PRACTICE_EDITOR_KEYMAP, PREDICT_KEYMAP, RESULT_KEYMAP, TASK_KEYMAP } from './practice/keymaps.js';
import * as exam from './exam/keymaps.js';
import * as review from './review/keymaps.js';
import { CONSOLE_KEYMAP, DRILL_CONSOLE_KEYMAP, EXAM_CONSOLE_KEYMAP } from './console/keymap.js';

export const ALL_KEYMAPS: ReadonlyArray<{ screen: string; keymap: Keymap }> = [
  { screen: 'Home', keymap: HOME_KEYMAP },
  { screen: 'Practice browser', keymap: BROWSER_KEYMAP },
  { screen: 'Practice browser, typing a filter', keymap: FILTER_KEYMAP },
  { screen: 'Task', keymap: TASK_KEYMAP },
  { screen: 'Answer (YAML editor)', keymap: PRACTICE_EDITOR_KEYMAP },
  { screen: 'Predict drill', keymap: PREDICT_KEYMAP },
  { screen: 'Pick drill', keymap: PICK_KEYMAP },
  { screen: 'Result', keymap: RESULT_KEYMAP },
  { screen: 'Console pane', keymap: CONSOLE_KEYMAP },
  { screen: 'Console pane, predict and pick drills', keymap: DRILL_CONSOLE_KEYMAP },
  { screen: 'Mock exam: start', keymap: exam.INTRO_KEYMAP },
  { screen: 'Mock exam: resume', keymap: exam.REOPEN_KEYMAP },
  { screen: 'Mock exam: task list', keymap: exam.LIST_KEYMAP },
  { screen: 'Mock exam: task', keymap: exam.TASK_KEYMAP },
  { screen: 'Mock exam: answer', keymap: exam.EXAM_EDITOR_KEYMAP },
  { screen: 'Mock exam: console', keymap: EXAM_CONSOLE_KEYMAP },
  { screen: 'Mock exam: result', keymap: exam.RESULT_KEYMAP },
  { screen: 'Mock exam: task review', keymap: exam.REVIEW_KEYMAP },
  { screen: 'Review mistakes', keymap: review.LIST_KEYMAP },
  { screen: 'Review: one mistake', keymap: review.DETAIL_KEYMAP },
  { screen: 'Review: weak spots', keymap: review.WEAK_KEYMAP },
  { screen: 'Stats', keymap: STATS_KEYMAP },
];
