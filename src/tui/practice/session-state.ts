// The practice session's state as a reducer: task -> answer -> result, per step.
// Keys only dispatch; anything with a side effect (grading, the store) is a `request`
// carried out by the session component, so fast keys always see the latest state.
import type { KeyPress } from '../input/keys.js';

export type View = 'task' | 'answer' | 'result';

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
    view: 'task', step, text, editorKey: 0, predict, predictIndex: 0, pickIndex, hints: 0, solutionShown: false,
    taskTop: 0, pickTop: 0, detailsTop: 0, cursor: { row: 0, col: 0 }, stepStartedAt: now,
  };
}

const isChar = (k: KeyPress, c: string) => k.name === 'char' && k.text === c;

function common(state: SessionState, key: KeyPress): SessionState | undefined {
  if (key.name === 'f1' || isChar(key, '?')) return { ...state, request: 'help' };
  if (isChar(key, 'q')) return { ...state, request: 'quit' };
  return undefined;
}

/** Scrolls by `by`, never past the end: a key after the end was reached must move back at once. */
function scroll(top: number, by: number, max = Infinity): number {
  return Math.max(0, Math.min(max, top + by));
}

function taskKey(state: SessionState, key: KeyPress, ctx: KeyContext): SessionState {
  const c = common(state, key);
  if (c) return c;
  if (key.name === 'escape') return { ...state, request: 'back' };
  if (key.name === 'enter' || isChar(key, 'a') || isChar(key, 'e')) return { ...state, view: 'answer' };
  if (isChar(key, 'h')) return { ...state, hints: Math.min(ctx.hintCount, state.hints + 1) };
  if (key.name === 'up' || isChar(key, 'k')) return { ...state, taskTop: scroll(state.taskTop, -1, ctx.maxTop) };
  if (key.name === 'down' || isChar(key, 'j')) return { ...state, taskTop: scroll(state.taskTop, 1, ctx.maxTop) };
  if (key.name === 'pageUp') return { ...state, taskTop: scroll(state.taskTop, -ctx.page, ctx.maxTop) };
  if (key.name === 'pageDown' || isChar(key, ' ')) return { ...state, taskTop: scroll(state.taskTop, ctx.page, ctx.maxTop) };
  if (key.name === 'home' || isChar(key, 'g')) return { ...state, taskTop: 0 };
  return state;
}

function isSubmit(key: KeyPress): boolean {
  return key.name === 'f5' || (key.name === 'ctrl' && key.letter === 's');
}

function predictKey(state: SessionState, key: KeyPress, ctx: KeyContext): SessionState {
  const c = common(state, key);
  if (c) return c;
  const i = state.predictIndex;
  const set = (v: boolean | undefined) => {
    const predict = state.predict.slice();
    predict[i] = v;
    return { ...state, predict };
  };
  if (key.name === 'escape') return { ...state, view: 'task' };
  if (key.name === 'enter' || isSubmit(key)) return { ...state, request: 'grade' };
  if (key.name === 'up' || isChar(key, 'k')) return { ...state, predictIndex: Math.max(0, i - 1) };
  if (key.name === 'down' || isChar(key, 'j') || key.name === 'tab') return { ...state, predictIndex: Math.min(ctx.questions - 1, i + 1) };
  if (isChar(key, ' ')) return set(state.predict[i] === undefined ? true : !state.predict[i]);
  if (key.name === 'right' || isChar(key, 'y')) return set(true);
  if (key.name === 'left' || isChar(key, 'n')) return set(false);
  if (isChar(key, 'h')) return { ...state, hints: Math.min(ctx.hintCount, state.hints + 1) };
  return state;
}

function pickKey(state: SessionState, key: KeyPress, ctx: KeyContext): SessionState {
  const c = common(state, key);
  if (c) return c;
  const n = Math.max(1, ctx.candidates);
  if (key.name === 'escape') return { ...state, view: 'task' };
  if (key.name === 'enter' || isSubmit(key)) return { ...state, request: 'grade' };
  if (key.name === 'left' || key.name === 'up' || isChar(key, 'k')) return { ...state, pickIndex: (state.pickIndex - 1 + n) % n, pickTop: 0 };
  if (key.name === 'right' || key.name === 'down' || isChar(key, 'j') || key.name === 'tab') return { ...state, pickIndex: (state.pickIndex + 1) % n, pickTop: 0 };
  if (key.name === 'pageUp') return { ...state, pickTop: scroll(state.pickTop, -ctx.page, ctx.maxTop) };
  if (key.name === 'pageDown' || isChar(key, ' ')) return { ...state, pickTop: scroll(state.pickTop, ctx.page, ctx.maxTop) };
  if (isChar(key, 'h')) return { ...state, hints: Math.min(ctx.hintCount, state.hints + 1) };
  return state;
}

function resultKey(state: SessionState, key: KeyPress, ctx: KeyContext): SessionState {
  const c = common(state, key);
  if (c) return c;
  const { row, col } = state.cursor;
  const cell = (r: number, cc: number) => ({ ...state, cursor: { row: Math.max(0, Math.min(ctx.rows - 1, r)), col: Math.max(0, Math.min(ctx.cols - 1, cc)) } });
  if (key.name === 'escape') return { ...state, view: 'task' };
  if (key.name === 'up' || isChar(key, 'k')) return cell(row - 1, col);
  if (key.name === 'down' || isChar(key, 'j')) return cell(row + 1, col);
  if (key.name === 'left') return cell(row, col - 1);
  if (key.name === 'right') return cell(row, col + 1);
  if (key.name === 'pageUp') return { ...state, detailsTop: scroll(state.detailsTop, -ctx.page, ctx.maxTop) };
  if (key.name === 'pageDown' || isChar(key, ' ')) return { ...state, detailsTop: scroll(state.detailsTop, ctx.page, ctx.maxTop) };
  if (isChar(key, 'r')) return { ...state, view: 'answer', editorKey: state.editorKey + 1 };
  if (isChar(key, 'n')) return { ...state, request: 'next' };
  if (isChar(key, 'h')) return { ...state, hints: Math.min(ctx.hintCount, state.hints + 1), detailsTop: 0 };
  if (isChar(key, 's')) return state.solutionShown ? state : { ...state, request: 'reveal' };
  return state;
}

export function sessionReducer(state: SessionState, action: SessionAction): SessionState {
  switch (action.type) {
    case 'key': {
      if (state.request) return state;
      const { key, ctx } = action;
      if (state.view === 'task') return taskKey(state, key, ctx);
      if (state.view === 'result') return resultKey(state, key, ctx);
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

