// The mock exam screen as a reducer. Keys only dispatch; whatever touches the store or the
// grader (start, resume, abandon, flag, hand in) is a `request` the component carries out.
import type { KeyPress } from '../input/keys.js';
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
  | { type: 'handedIn'; handedIn: HandedIn; note: string };

export function initialExamState(): ExamState {
  return { view: 'loading', index: 0, top: 0, editorKey: 0 };
}

const isChar = (k: KeyPress, c: string) => k.name === 'char' && k.text === c;
const clamp = (i: number, n: number) => Math.max(0, Math.min(n - 1, i));

/** Views where the clock runs and the exam can be handed in. */
export function isRunningView(view: ExamView): boolean {
  return view === 'list' || view === 'task' || view === 'answer';
}

function common(state: ExamState, key: KeyPress): ExamState | undefined {
  if (key.name === 'f1' || isChar(key, '?')) return { ...state, request: 'help' };
  if (isChar(key, 'q')) return { ...state, request: 'quit' };
  return undefined;
}

function confirmKey(state: ExamState, key: KeyPress): ExamState {
  if (isChar(key, 'y') || isChar(key, 'Y')) {
    return { ...state, confirm: undefined, request: state.confirm === 'finish' ? 'handIn' : 'abandon' };
  }
  if (isChar(key, 'n') || isChar(key, 'N') || key.name === 'escape') return { ...state, confirm: undefined };
  return state;
}

/** Keys shared by the task list and a task: flag, finish, next/previous task. */
function runningKey(state: ExamState, key: KeyPress, ctx: ExamKeyContext): ExamState | undefined {
  if (isChar(key, 'f')) return { ...state, request: 'flag' };
  if (isChar(key, 'F')) return { ...state, confirm: 'finish' };
  if (isChar(key, 'n') || key.name === 'tab') return { ...state, index: (state.index + 1) % ctx.tasks, top: 0 };
  if (isChar(key, 'p') || key.name === 'backTab') return { ...state, index: (state.index - 1 + ctx.tasks) % ctx.tasks, top: 0 };
  return undefined;
}

function keyReducer(state: ExamState, key: KeyPress, ctx: ExamKeyContext): ExamState {
  if (state.confirm) return confirmKey(state, key);
  const c = common(state, key);
  if (c) return c;
  const n = Math.max(1, ctx.tasks);
  switch (state.view) {
    case 'intro':
      if (key.name === 'enter' || isChar(key, 's')) return { ...state, request: 'start' };
      if (key.name === 'escape') return { ...state, request: 'back' };
      return state;
    case 'reopen':
      if (key.name === 'enter' || isChar(key, 'r')) return { ...state, request: 'resume' };
      if (isChar(key, 'a')) return { ...state, confirm: 'abandon' };
      if (key.name === 'escape') return { ...state, request: 'back' };
      return state;
    case 'list': {
      const r = runningKey(state, key, ctx);
      if (r) return r;
      if (key.name === 'up' || isChar(key, 'k')) return { ...state, index: clamp(state.index - 1, n) };
      if (key.name === 'down' || isChar(key, 'j')) return { ...state, index: clamp(state.index + 1, n) };
      if (key.name === 'home' || isChar(key, 'g')) return { ...state, index: 0 };
      if (key.name === 'end' || isChar(key, 'G')) return { ...state, index: n - 1 };
      if (key.name === 'enter' || isChar(key, ' ')) return { ...state, view: 'task', top: 0 };
      if (isChar(key, 'a') || isChar(key, 'e')) return { ...state, view: 'answer', editorKey: state.editorKey + 1 };
      if (key.name === 'char' && /^[1-9]$/.test(key.text) && Number(key.text) <= n) return { ...state, index: Number(key.text) - 1, view: 'task', top: 0 };
      if (key.name === 'escape') return { ...state, request: 'back' };
      return state;
    }
    case 'task': {
      const r = runningKey(state, key, ctx);
      if (r) return r;
      if (key.name === 'enter' || isChar(key, 'a') || isChar(key, 'e')) return { ...state, view: 'answer', editorKey: state.editorKey + 1 };
      if (key.name === 'escape' || isChar(key, 'l')) return { ...state, view: 'list' };
      return scrollKey(state, key, ctx) ?? state;
    }
    case 'result':
      if (key.name === 'up' || isChar(key, 'k')) return { ...state, index: clamp(state.index - 1, n) };
      if (key.name === 'down' || isChar(key, 'j')) return { ...state, index: clamp(state.index + 1, n) };
      if (key.name === 'enter' || isChar(key, ' ')) return { ...state, view: 'review', top: 0 };
      if (key.name === 'escape') return { ...state, request: 'back' };
      return state;
    case 'review':
      if (key.name === 'escape') return { ...state, view: 'result', top: 0 };
      if (isChar(key, 'n') || key.name === 'tab') return { ...state, index: (state.index + 1) % n, top: 0 };
      if (isChar(key, 'p') || key.name === 'backTab') return { ...state, index: (state.index - 1 + n) % n, top: 0 };
      return scrollKey(state, key, ctx) ?? state;
    default:
      if (key.name === 'escape' && state.view !== 'grading') return { ...state, request: 'back' };
      return state;
  }
}

function scrollKey(state: ExamState, key: KeyPress, ctx: ExamKeyContext): ExamState | undefined {
  // Never past the end, so a key back up moves at once.
  const by = (d: number) => ({ ...state, top: Math.max(0, Math.min(ctx.maxTop ?? Infinity, state.top + d)) });
  if (key.name === 'up' || isChar(key, 'k')) return by(-1);
  if (key.name === 'down' || isChar(key, 'j')) return by(1);
  if (key.name === 'pageUp') return by(-ctx.page);
  if (key.name === 'pageDown' || isChar(key, ' ')) return by(ctx.page);
  if (key.name === 'home' || isChar(key, 'g')) return { ...state, top: 0 };
  return undefined;
}

export function examReducer(state: ExamState, action: ExamAction): ExamState {
  switch (action.type) {
    case 'key':
      if (state.request) return state;
      return keyReducer(state, action.key, action.ctx);
    case 'show':
      return { ...state, view: action.view, exam: action.exam ?? state.exam, message: action.message, request: undefined, confirm: undefined, index: 0, top: 0 };
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
    case 'handedIn':
      return { ...state, view: 'result', handedIn: action.handedIn, exam: action.handedIn.exam, note: action.note, index: 0, top: 0, confirm: undefined, request: undefined };
  }
}
