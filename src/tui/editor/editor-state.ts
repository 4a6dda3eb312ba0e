// The editor's state as a reducer: the text buffer, undo and redo, the indentation Enter added,
// and requests (submit, cancel, $EDITOR, help) that the component carries out. Keys become
// actions through the editor's keymap (keymap.ts). Pure: no Ink here.
import type { KeyPress } from '../input/keys.js';
import { commandOf } from '../input/keymap.js';
import { bufferText, createTextBuffer, textBufferReducer, type TextBuffer, type TextBufferAction } from './text-buffer.js';
import { EDITOR_KEYMAP, type EditorCommand } from './keymap.js';

export type Request = 'submit' | 'cancel' | 'external' | 'help';

export interface EditorState {
  buffer: TextBuffer;
  /** Buffers before each change (newest last), and those undone (for redo). */
  undo: TextBuffer[];
  redo: TextBuffer[];
  /** Typing on one line coalesces into one undo step: the row it happens on. */
  typingRow?: number;
  /** The indentation Enter just added on this row: typed spaces replace it instead of stacking. */
  autoIndent?: { row: number; width: number };
  /** A one-off message for the status line (e.g. the external editor failed). */
  notice?: string;
  /** A request from a key, carried out by an effect so that it sees the text after every earlier key. */
  request?: Request;
}

export type EditorAction =
  | { type: 'edit'; action: TextBufferAction }
  | { type: 'history'; direction: 'undo' | 'redo' }
  | { type: 'deleteLine' }
  | { type: 'clear' }
  | { type: 'request'; request: Request }
  | { type: 'requestDone'; notice?: string };

const UNDO_LIMIT = 200;

export function initialEditor(text: string, rows: number): EditorState {
  return { buffer: createTextBuffer(text, rows), undo: [], redo: [] };
}

/** The state after `buffer` replaced the current one as a change of its own (one undo step). */
function changed(state: EditorState, buffer: TextBuffer, typingRow?: number): EditorState {
  const coalesce = typingRow !== undefined && state.typingRow === typingRow;
  const undo = coalesce ? state.undo : [...state.undo, state.buffer].slice(-UNDO_LIMIT);
  return { ...state, buffer, undo, redo: [], typingRow, autoIndent: undefined, notice: undefined };
}

function edit(state: EditorState, action: TextBufferAction): EditorState {
  let before = state.buffer;
  // Enter indents like the line above; spaces typed right after replace that indentation.
  const auto = state.autoIndent;
  if (
    action.type === 'insert' &&
    auto &&
    auto.row === before.row &&
    before.col === auto.width &&
    /^ /.test(action.text) &&
    before.lines[before.row].trim() === ''
  ) {
    before = { ...before, lines: before.lines.map((l, i) => (i === before.row ? l.slice(auto.width) : l)), col: 0, goalCol: 0 };
  }
  const buffer = textBufferReducer(before, action);
  if (buffer === state.buffer) return state;
  if (action.type === 'move' || action.type === 'resize' || action.type === 'gotoLine') {
    return { ...state, buffer, typingRow: undefined, autoIndent: undefined, notice: undefined };
  }
  const typing = action.type === 'insert' && action.text.length === 1 && action.text !== ' ' ? buffer.row : undefined;
  const next = changed(state, buffer, typing);
  if (action.type === 'newline') {
    const width = buffer.lines[buffer.row].length;
    return width > 0 ? { ...next, autoIndent: { row: buffer.row, width } } : next;
  }
  return next;
}

export function editorReducer(state: EditorState, action: EditorAction): EditorState {
  switch (action.type) {
    case 'edit':
      return edit(state, action.action);
    case 'history': {
      const [from, to] = action.direction === 'undo' ? [state.undo, state.redo] : [state.redo, state.undo];
      const restored = from[from.length - 1];
      if (!restored) return state;
      const buffer = { ...restored, height: state.buffer.height };
      const rest = from.slice(0, -1);
      const other = [...to, state.buffer];
      return action.direction === 'undo'
        ? { ...state, buffer, undo: rest, redo: other, typingRow: undefined, autoIndent: undefined }
        : { ...state, buffer, redo: rest, undo: other, typingRow: undefined, autoIndent: undefined };
    }
    case 'deleteLine': {
      const b = state.buffer;
      if (b.lines.length === 1 && b.lines[0] === '') return state;
      const lines = b.lines.length === 1 ? [''] : b.lines.filter((_, i) => i !== b.row);
      const row = Math.min(b.row, lines.length - 1);
      return changed(state, textBufferReducer({ ...b, lines, row, col: 0, goalCol: 0 }, { type: 'gotoLine', row }));
    }
    case 'clear':
      if (bufferText(state.buffer) === '') return state;
      return changed(state, textBufferReducer(state.buffer, { type: 'setText', text: '' }));
    case 'request':
      return state.request ? state : { ...state, request: action.request };
    case 'requestDone':
      return { ...state, request: undefined, notice: action.notice };
  }
}

const MOVES: Partial<Record<EditorCommand, Extract<TextBufferAction, { type: 'move' }>['to']>> = {
  left: 'left',
  right: 'right',
  up: 'up',
  down: 'down',
  lineStart: 'lineStart',
  lineEnd: 'lineEnd',
  pageUp: 'pageUp',
  pageDown: 'pageDown',
  docStart: 'docStart',
  docEnd: 'docEnd',
};

/** Turns a key into an editor action (by the editor's keymap); undefined for keys the editor does not use. */
export function editorActionFor(key: KeyPress): EditorAction | undefined {
  const editAction = (action: TextBufferAction): EditorAction => ({ type: 'edit', action });
  if (key.name === 'paste') return editAction({ type: 'insert', text: key.text });
  if (key.name === 'char') return key.meta ? undefined : editAction({ type: 'insert', text: key.text });
  const command = commandOf(EDITOR_KEYMAP, key);
  if (!command) return undefined;
  const to = MOVES[command];
  if (to) return editAction({ type: 'move', to });
  switch (command) {
    case 'submit':
    case 'external':
    case 'cancel':
    case 'help':
      return { type: 'request', request: command === 'external' ? 'external' : command };
    case 'undo':
      return { type: 'history', direction: 'undo' };
    case 'redo':
      return { type: 'history', direction: 'redo' };
    case 'deleteLine':
      return { type: 'deleteLine' };
    case 'clear':
      return { type: 'clear' };
    case 'newline':
      return editAction({ type: 'newline' });
    case 'tab':
      return editAction({ type: 'tab' });
    case 'backspace':
      return editAction({ type: 'backspace' });
    case 'delete':
      return editAction({ type: 'delete' });
    default:
      return undefined;
  }
}
