// The mock exam screen as a reducer. Keys only dispatch, each view's keymap (keymaps.ts) naming
// the command; whatever touches the store or the
// grader (start, resume, abandon, flag, hand in) is a `request` the component carries out.
import type { KeyPress } from '../input/keys.js';
import { commandOf } from '../input/keymap.js';
import { CONFIRM_KEYMAP, INTRO_KEYMAP, LIST_KEYMAP, REOPEN_KEYMAP, RESULT_KEYMAP, REVIEW_KEYMAP, TASK_KEYMAP, WAIT_KEYMAP } from './keymaps.js';
import type { ExamRecord } from '../../core/training/records.js';
import type { HandedIn } from '../../core/training/hand-in.js';

export type ExamView =
  | 'loading'
  /** No exam running: what the exam is, Enter starts it. */
  | 'intro'
  /** An exam is still running (the app was closed): resume or abandon. */
  | 'reopen'
  | 'list'
  | 'task'
  | 'answer'
  /** The task's console: its cluster is the task's answer at hand-in. */
  | 'console'
  | 'grading'
  | 'result'
  | 'review';

export type ExamRequest = 'start' | 'resume' | 'abandon' | 'flag' | 'handIn' | 'back' | 'quit' | 'help' | 'checkDraft';

export interface ExamState {
  view: ExamView;
  exam?: ExamRecord;
  /** Selected task (list, task, answer) or result row (result, review). */
  index: number;
  /** A question waiting for y/n. */
  confirm?: 'finish' | 'abandon';
  top: number;
  editorKey: number;
  handedIn?: HandedIn;
  /** Shown above the result: why it was graded (time ran out, finished early). */
  note?: string;
  /** A problem to show (the plan failed, the store refused). */
  message?: string;
  request?: ExamRequest;
}

export interface ExamKeyContext {
  tasks: number;
  page: number;
  /** How far the shown text can scroll; absent: no limit known. */
  maxTop?: number;
}

export type ExamAction =
  | { type: 'key'; key: KeyPress; ctx: ExamKeyContext }
  | { type: 'show'; view: ExamView; exam?: ExamRecord; message?: string }
  | { type: 'view'; view: ExamView }
  | { type: 'request'; request: ExamRequest }
  | { type: 'requestDone'; message?: string }
  /** A problem to show that ends no request (a background store write failed). */
  | { type: 'message'; message: string }
  | { type: 'exam'; exam: ExamRecord }
  | { type: 'draft'; index: number; text: string }
  | { type: 'console'; index: number; commands: string[]; edits?: (string | null)[] }
  | { type: 'handedIn'; handedIn: HandedIn; note: string };

export function initialExamState(): ExamState {
  return { view: 'loading', index: 0, top: 0, editorKey: 0 };
}

const clamp = (i: number, n: number) => Math.max(0, Math.min(n - 1, i));

/** Views where the clock runs and the exam can be handed in. */
export function isRunningView(view: ExamView): boolean {
  return view === 'list' || view === 'task' || view === 'answer' || view === 'console';
}

function common(state: ExamState, command: string | undefined): ExamState | undefined {
  if (command === 'help') return { ...state, request: 'help' };
  if (command === 'quit') return { ...state, request: 'quit' };
  return undefined;
}

/** Commands of the task list and a task alike: flag, finish, next/previous task. */
function running(state: ExamState, command: string | undefined, ctx: ExamKeyContext): ExamState | undefined {
  switch (command) {
    case 'flag':
      return { ...state, request: 'flag' };
    case 'finish':
      return { ...state, confirm: 'finish' };
    case 'nextTask':
      return { ...state, index: (state.index + 1) % ctx.tasks, top: 0 };
    case 'prevTask':
      return { ...state, index: (state.index - 1 + ctx.tasks) % ctx.tasks, top: 0 };
    default:
      return undefined;
  }
}

function scrolled(state: ExamState, command: string | undefined, ctx: ExamKeyContext): ExamState | undefined {
  // Never past the end, so a key back up moves at once.
  const by = (d: number) => ({ ...state, top: Math.max(0, Math.min(ctx.maxTop ?? Infinity, state.top + d)) });
  switch (command) {
    case 'lineUp':
      return by(-1);
    case 'lineDown':
      return by(1);
    case 'pageUp':
      return by(-ctx.page);
    case 'pageDown':
      return by(ctx.page);
    case 'top':
      return { ...state, top: 0 };
    default:
      return undefined;
  }
}

function keyReducer(state: ExamState, key: KeyPress, ctx: ExamKeyContext): ExamState {
  if (state.confirm) {
    const command = commandOf(CONFIRM_KEYMAP, key);
    if (command === 'yes') return { ...state, confirm: undefined, request: state.confirm === 'finish' ? 'handIn' : 'abandon' };
    if (command === 'no') return { ...state, confirm: undefined };
    return state;
  }
  const n = Math.max(1, ctx.tasks);
  switch (state.view) {
    case 'intro': {
      const command = commandOf(INTRO_KEYMAP, key);
      if (command === 'start') return { ...state, request: 'start' };
      if (command === 'back') return { ...state, request: 'back' };
      return common(state, command) ?? state;
    }
    case 'reopen': {
      const command = commandOf(REOPEN_KEYMAP, key);
      if (command === 'resume') return { ...state, request: 'resume' };
      if (command === 'abandon') return { ...state, confirm: 'abandon' };
      if (command === 'back') return { ...state, request: 'back' };
      return common(state, command) ?? state;
    }
    case 'list': {
      const command = commandOf(LIST_KEYMAP, key);
      // 1-9 open a task by its number.
      if (key.name === 'char' && /^[1-9]$/.test(key.text) && Number(key.text) <= n) return { ...state, index: Number(key.text) - 1, view: 'task', top: 0 };
      switch (command) {
        case 'up':
          return { ...state, index: clamp(state.index - 1, n) };
        case 'down':
          return { ...state, index: clamp(state.index + 1, n) };
        case 'first':
          return { ...state, index: 0 };
        case 'last':
          return { ...state, index: n - 1 };
        case 'open':
          return { ...state, view: 'task', top: 0 };
        case 'answer':
          return { ...state, view: 'answer', editorKey: state.editorKey + 1 };
        case 'back':
          return { ...state, request: 'back' };
        default:
          return running(state, command, ctx) ?? common(state, command) ?? state;
      }
    }
    case 'task': {
      const command = commandOf(TASK_KEYMAP, key);
      if (command === 'answer') return { ...state, view: 'answer', editorKey: state.editorKey + 1 };
      if (command === 'console') return { ...state, view: 'console' };
      if (command === 'list') return { ...state, view: 'list' };
      return running(state, command, ctx) ?? scrolled(state, command, ctx) ?? common(state, command) ?? state;
    }
    case 'result': {
      const command = commandOf(RESULT_KEYMAP, key);
      if (command === 'up') return { ...state, index: clamp(state.index - 1, n) };
      if (command === 'down') return { ...state, index: clamp(state.index + 1, n) };
      if (command === 'review') return { ...state, view: 'review', top: 0 };
      if (command === 'back') return { ...state, request: 'back' };
      return common(state, command) ?? state;
    }
    case 'review': {
      const command = commandOf(REVIEW_KEYMAP, key);
      if (command === 'result') return { ...state, view: 'result', top: 0 };
      if (command === 'nextTask') return { ...state, index: (state.index + 1) % n, top: 0 };
      if (command === 'prevTask') return { ...state, index: (state.index - 1 + n) % n, top: 0 };
      return scrolled(state, command, ctx) ?? common(state, command) ?? state;
    }
    default:
      if (commandOf(WAIT_KEYMAP, key) === 'back' && state.view !== 'grading') return { ...state, request: 'back' };
      return state;
  }
}

export function examReducer(state: ExamState, action: ExamAction): ExamState {
  switch (action.type) {
    case 'key':
      if (state.request) return state;
      return keyReducer(state, action.key, action.ctx);
    case 'show':
      return {
        ...state,
        view: action.view,
        exam: action.exam ?? state.exam,
        message: action.message,
        request: undefined,
        confirm: undefined,
        index: 0,
        top: 0,
      };
    case 'view':
      return { ...state, view: action.view, top: 0 };
    case 'request':
      return state.request ? state : { ...state, request: action.request };
    case 'requestDone':
      return { ...state, request: undefined, ...(action.message !== undefined ? { message: action.message } : {}) };
    case 'message':
      return { ...state, message: action.message };
    case 'exam':
      return { ...state, exam: action.exam };
    case 'draft': {
      if (!state.exam) return state;
      const tasks = state.exam.tasks.slice();
      tasks[action.index] = { ...tasks[action.index], draft: action.text };
      return { ...state, exam: { ...state.exam, tasks } };
    }
    case 'console': {
      if (!state.exam) return state;
      const tasks = state.exam.tasks.slice();
      tasks[action.index] = { ...tasks[action.index], console: action.commands, ...(action.edits?.length ? { consoleEdits: action.edits } : {}) };
      return { ...state, exam: { ...state.exam, tasks } };
    }
    case 'handedIn':
      return {
        ...state,
        view: 'result',
        handedIn: action.handedIn,
        exam: action.handedIn.exam,
        note: action.note,
        index: 0,
        top: 0,
        confirm: undefined,
        request: undefined,
      };
  }
}
