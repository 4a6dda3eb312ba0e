// The practice session's state as a reducer: task -> answer -> result, per step.
// Keys only dispatch, and the view's keymap (keymaps.ts) says which command a key is; anything
// with a side effect (grading, the store) is a `request` carried out by the screen component,
// so fast keys always see the latest state.
import type { KeyPress } from '../input/keys.js';
import { commandOf } from '../input/keymap.js';
import { PICK_KEYMAP, PREDICT_KEYMAP, RESULT_KEYMAP, TASK_KEYMAP } from './keymaps.js';

export type View = 'task' | 'answer' | 'result' | 'console';

export type Request = 'grade' | 'back' | 'quit' | 'help' | 'next' | 'reveal';

export interface SessionState {
  view: View;
  /** 1-based. */
  step: number;
  /** Answer text of write/fix drills (the editor's latest text); generated for predict/pick. */
  text: string;
  /** Bumped to remount the editor with `text` (retry, a new step). */
  editorKey: number;
  predict: (boolean | undefined)[];
  predictIndex: number;
  pickIndex: number;
  hints: number;
  solutionShown: boolean;
  taskTop: number;
  pickTop: number;
  /** A predict drill's policies pane (the hints asked for above them). */
  policiesTop: number;
  detailsTop: number;
  cursor: { row: number; col: number };
  stepStartedAt: number;
  request?: Request;
}

/** What the reducer needs to know about the screen (changes rarely). */
export interface KeyContext {
  kind: 'write' | 'fix' | 'predict' | 'pick';
  questions: number;
  candidates: number;
  hintCount: number;
  page: number;
  /** Result matrix size (rows x columns shown). */
  rows: number;
  cols: number;
  /** How far the current view's scrolling pane can scroll (its lines less its height); absent: no limit known. */
  maxTop?: number;
}

export type SessionAction =
  | { type: 'key'; key: KeyPress; ctx: KeyContext }
  | { type: 'text'; text: string }
  | { type: 'request'; request: Request }
  | { type: 'requestDone' }
  | { type: 'graded'; cursor: { row: number; col: number } }
  | { type: 'solutionShown' }
  | { type: 'view'; view: View }
  | { type: 'startStep'; step: number; text: string; predict: (boolean | undefined)[]; pickIndex: number; now: number };

export function initialSession(step: number, text: string, predict: (boolean | undefined)[], pickIndex: number, now: number): SessionState {
  return {
    view: 'task',
    step,
    text,
    editorKey: 0,
    predict,
    predictIndex: 0,
    pickIndex,
    hints: 0,
    solutionShown: false,
    taskTop: 0,
    pickTop: 0,
    policiesTop: 0,
    detailsTop: 0,
    cursor: { row: 0, col: 0 },
    stepStartedAt: now,
  };
}

/** Scrolls by `by`, never past the end: a key after the end was reached must move back at once. */
function scroll(top: number, by: number, max = Infinity): number {
  return Math.max(0, Math.min(max, top + by));
}

/** help and quit: every view's table has them. */
function common(state: SessionState, command: string | undefined): SessionState | undefined {
  if (command === 'help') return { ...state, request: 'help' };
  if (command === 'quit') return { ...state, request: 'quit' };
  return undefined;
}

function taskKey(state: SessionState, key: KeyPress, ctx: KeyContext): SessionState {
  const command = commandOf(TASK_KEYMAP, key);
  const top = (t: number) => ({ ...state, taskTop: t });
  // taskTop may be "the end" (Infinity, set by a hint or End): scroll from where the pane is.
  const at = Math.min(state.taskTop, ctx.maxTop ?? state.taskTop);
  switch (command) {
    case 'back':
      return { ...state, request: 'back' };
    case 'answer':
      return { ...state, view: 'answer' };
    case 'console':
      return { ...state, view: 'console' };
    case 'hint':
      // The hints end the task screen: scroll to the end, where the new one is.
      return { ...state, hints: Math.min(ctx.hintCount, state.hints + 1), taskTop: Infinity };
    case 'lineUp':
      return top(scroll(at, -1, ctx.maxTop));
    case 'lineDown':
      return top(scroll(at, 1, ctx.maxTop));
    case 'pageUp':
      return top(scroll(at, -ctx.page, ctx.maxTop));
    case 'pageDown':
      return top(scroll(at, ctx.page, ctx.maxTop));
    case 'top':
      return top(0);
    case 'end':
      return top(Infinity);
    default:
      return common(state, command) ?? state;
  }
}

function predictKey(state: SessionState, key: KeyPress, ctx: KeyContext): SessionState {
  const command = commandOf(PREDICT_KEYMAP, key);
  const i = state.predictIndex;
  const last = Math.max(0, ctx.questions - 1);
  // y and n answer and move on to the next question, as a quiz does.
  const set = (v: boolean | undefined, advance: boolean) => {
    const predict = state.predict.slice();
    predict[i] = v;
    return { ...state, predict, predictIndex: advance ? Math.min(last, i + 1) : i };
  };
  switch (command) {
    case 'task':
      return { ...state, view: 'task' };
    case 'grade':
      return { ...state, request: 'grade' };
    case 'prev':
      return { ...state, predictIndex: Math.max(0, i - 1) };
    case 'next':
      return { ...state, predictIndex: Math.min(last, i + 1) };
    case 'toggle':
      return set(state.predict[i] === undefined ? true : !state.predict[i], false);
    case 'yes':
      return set(true, true);
    case 'no':
      return set(false, true);
    case 'pageUp':
      return { ...state, policiesTop: scroll(state.policiesTop, -ctx.page, ctx.maxTop) };
    case 'pageDown':
      return { ...state, policiesTop: scroll(state.policiesTop, ctx.page, ctx.maxTop) };
    case 'hint':
      // The hints head the policies pane: back to its top to show the new one.
      return { ...state, hints: Math.min(ctx.hintCount, state.hints + 1), policiesTop: 0 };
    default:
      return common(state, command) ?? state;
  }
}

function pickKey(state: SessionState, key: KeyPress, ctx: KeyContext): SessionState {
  const command = commandOf(PICK_KEYMAP, key);
  const n = Math.max(1, ctx.candidates);
  switch (command) {
    case 'task':
      return { ...state, view: 'task' };
    case 'grade':
      return { ...state, request: 'grade' };
    case 'prev':
      return { ...state, pickIndex: (state.pickIndex - 1 + n) % n, pickTop: 0 };
    case 'next':
      return { ...state, pickIndex: (state.pickIndex + 1) % n, pickTop: 0 };
    case 'pageUp':
      return { ...state, pickTop: scroll(state.pickTop, -ctx.page, ctx.maxTop) };
    case 'pageDown':
      return { ...state, pickTop: scroll(state.pickTop, ctx.page, ctx.maxTop) };
    case 'hint':
      return { ...state, hints: Math.min(ctx.hintCount, state.hints + 1) };
    default:
      return common(state, command) ?? state;
  }
}

function resultKey(state: SessionState, key: KeyPress, ctx: KeyContext): SessionState {
  const command = commandOf(RESULT_KEYMAP, key);
  const { row, col } = state.cursor;
  const cell = (r: number, cc: number) => ({ ...state, cursor: { row: Math.max(0, Math.min(ctx.rows - 1, r)), col: Math.max(0, Math.min(ctx.cols - 1, cc)) } });
  switch (command) {
    case 'task':
      return { ...state, view: 'task' };
    case 'up':
      return cell(row - 1, col);
    case 'down':
      return cell(row + 1, col);
    case 'left':
      return cell(row, col - 1);
    case 'right':
      return cell(row, col + 1);
    case 'pageUp':
      return { ...state, detailsTop: scroll(state.detailsTop, -ctx.page, ctx.maxTop) };
    case 'pageDown':
      return { ...state, detailsTop: scroll(state.detailsTop, ctx.page, ctx.maxTop) };
    case 'retry':
      return { ...state, view: 'answer', editorKey: state.editorKey + 1 };
    case 'next':
      return { ...state, request: 'next' };
    case 'hint':
      return { ...state, hints: Math.min(ctx.hintCount, state.hints + 1), detailsTop: 0 };
    case 'solution':
      return state.solutionShown ? state : { ...state, request: 'reveal' };
    default:
      return common(state, command) ?? state;
  }
}

export function sessionReducer(state: SessionState, action: SessionAction): SessionState {
  switch (action.type) {
    case 'key': {
      if (state.request) return state;
      const { key, ctx } = action;
      if (state.view === 'task') return taskKey(state, key, ctx);
      if (state.view === 'result') return resultKey(state, key, ctx);
      if (state.view === 'console') return state; // the console pane reads its own keys
      if (ctx.kind === 'predict') return predictKey(state, key, ctx);
      if (ctx.kind === 'pick') return pickKey(state, key, ctx);
      return state; // the editor reads its own keys
    }
    case 'text':
      return action.text === state.text ? state : { ...state, text: action.text };
    case 'request':
      return state.request ? state : { ...state, request: action.request };
    case 'requestDone':
      return { ...state, request: undefined };
    case 'graded':
      return { ...state, request: undefined, view: 'result', cursor: action.cursor, detailsTop: 0, solutionShown: false };
    case 'solutionShown':
      return { ...state, solutionShown: true, request: undefined, detailsTop: 0 };
    case 'view':
      return { ...state, view: action.view, request: undefined };
    case 'startStep':
      return { ...initialSession(action.step, action.text, action.predict, action.pickIndex, action.now), editorKey: state.editorKey + 1, hints: state.hints };
  }
}
