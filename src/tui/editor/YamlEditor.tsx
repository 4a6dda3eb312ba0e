// A multi-line YAML editor for Ink: line numbers, a visible cursor, the line a parser blames
// marked in the gutter, bracketed and unbracketed paste, and a way out to $EDITOR.
import React, { useEffect, useReducer } from 'react';
import { Box } from 'ink';
import { Text } from '../components/Text.js';
import { useKeys } from '../input/use-keys.js';
import type { KeyPress } from '../input/keys.js';
import { useTerminalUi } from '../terminal-context.js';
import { bufferText, createTextBuffer, textBufferReducer, type TextBuffer, type TextBufferAction } from './text-buffer.js';
import { commandOf } from '../input/keymap.js';
import { EDITOR_KEYMAP, type EditorCommand } from './keymap.js';

export interface YamlEditorProps {
  initialText?: string;
  /** Columns and rows the editor occupies; the last row is its status line. */
  width: number;
  height: number;
  /** Only the active editor reads keys (one layer owns the keyboard at a time). */
  isActive?: boolean;
  /** 1-based line a parser or validator blames, and what it says. */
  errorLine?: number;
  errorMessage?: string;
  onChange?: (text: string) => void;
  /** Ctrl+S or F5. */
  onSubmit?: (text: string) => void;
  /** Esc; receives the draft so that the caller may keep it. */
  onCancel?: (text: string) => void;
  /** Ctrl+E. Defaults to $VISUAL/$EDITOR through the terminal context; a returned string replaces the draft. */
  onOpenExternalEditor?: (text: string) => Promise<string | undefined> | string | undefined | void;
  /** F1. */
  onHelp?: () => void;
}

type Request = 'submit' | 'cancel' | 'external' | 'help';


interface EditorState {
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

type EditorAction =
  | { type: 'edit'; action: TextBufferAction }
  | { type: 'history'; direction: 'undo' | 'redo' }
  | { type: 'deleteLine' }
  | { type: 'clear' }
  | { type: 'request'; request: Request }
  | { type: 'requestDone'; notice?: string };

const UNDO_LIMIT = 200;

function initialEditor(text: string, rows: number): EditorState {
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
  if (action.type === 'insert' && auto && auto.row === before.row && before.col === auto.width && /^ /.test(action.text) && before.lines[before.row].trim() === '') {
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

function editorReducer(state: EditorState, action: EditorAction): EditorState {
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
  left: 'left', right: 'right', up: 'up', down: 'down', lineStart: 'lineStart', lineEnd: 'lineEnd',
  pageUp: 'pageUp', pageDown: 'pageDown', docStart: 'docStart', docEnd: 'docEnd',
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
    case 'submit': case 'external': case 'cancel': case 'help': return { type: 'request', request: command === 'external' ? 'external' : command };
    case 'undo': return { type: 'history', direction: 'undo' };
    case 'redo': return { type: 'history', direction: 'redo' };
    case 'deleteLine': return { type: 'deleteLine' };
    case 'clear': return { type: 'clear' };
    case 'newline': return editAction({ type: 'newline' });
    case 'tab': return editAction({ type: 'tab' });
    case 'backspace': return editAction({ type: 'backspace' });
    case 'delete': return editAction({ type: 'delete' });
    default: return undefined;
  }
}

export function YamlEditor(props: YamlEditorProps) {
  const { width, height, errorLine, errorMessage } = props;
  const isActive = props.isActive ?? true;
  const viewRows = Math.max(1, height - 1);
  const [state, dispatch] = useReducer(editorReducer, undefined, () => initialEditor(props.initialText ?? '', viewRows));
  const terminal = useTerminalUi();
  const { buffer } = state;

  useKeys((key) => {
    const action = editorActionFor(key);
    if (action) dispatch(action);
  }, { isActive });

  useEffect(() => {
    if (!isActive) return;
    terminal.setBracketedPaste(true);
    return () => terminal.setBracketedPaste(false);
  }, [isActive, terminal]);

  useEffect(() => {
    if (buffer.height !== viewRows) dispatch({ type: 'edit', action: { type: 'resize', height: viewRows } });
  }, [viewRows, buffer.height]);

  const { onChange } = props;
  const text = bufferText(buffer);
  useEffect(() => {
    onChange?.(text);
  }, [text, onChange]);

  useEffect(() => {
    const request = state.request;
    if (!request) return;
    if (request === 'submit') props.onSubmit?.(text);
    if (request === 'cancel') props.onCancel?.(text);
    if (request === 'help') props.onHelp?.();
    if (request !== 'external') {
      dispatch({ type: 'requestDone' });
      return;
    }
    let live = true;
    void (async () => {
      let notice: string | undefined;
      let replacement: string | undefined;
      if (props.onOpenExternalEditor) {
        const r = await props.onOpenExternalEditor(text);
        if (typeof r === 'string') replacement = r;
      } else {
        const r = await terminal.openExternalEditor(text);
        if (r.ok) replacement = r.text;
        else notice = r.message;
      }
      if (!live) return;
      if (replacement !== undefined) dispatch({ type: 'edit', action: { type: 'setText', text: replacement } });
      dispatch({ type: 'requestDone', notice });
    })();
    return () => {
      live = false;
    };
    // Runs once per request; the callbacks are read at that moment.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state.request]);

  const numberWidth = Math.max(3, String(buffer.lines.length).length);
  const gutterWidth = numberWidth + 2; // marker, number, space
  const textWidth = Math.max(1, width - gutterWidth);
  // Scroll sideways only as far as the cursor needs; all lines move together.
  const left = buffer.col >= textWidth ? buffer.col - textWidth + 1 : 0;
  const errorRow = errorLine !== undefined ? errorLine - 1 : -1;

  const rows: React.ReactNode[] = [];
  for (let i = 0; i < viewRows; i++) {
    const row = buffer.scrollTop + i;
    if (row >= buffer.lines.length) {
      rows.push(<Text key={i} dimColor>{'~'.padStart(gutterWidth - 1)}</Text>);
      continue;
    }
    const line = buffer.lines[row].slice(left, left + textWidth);
    const isError = row === errorRow;
    const isCursorRow = row === buffer.row && isActive;
    const gutter = (isError ? '!' : ' ') + String(row + 1).padStart(numberWidth) + ' ';
    // One span for a plain row: Ink's frame output costs per styled span, and a keystroke
    // redraws every visible row. Only the error row and the cursor row carry styles.
    if (!isCursorRow) {
      rows.push(
        <Text key={i} wrap="truncate" color={isError ? 'red' : undefined}>
          {gutter + line}
        </Text>,
      );
      continue;
    }
    const c = buffer.col - left;
    const under = line[c] ?? ' ';
    rows.push(
      <Text key={i} wrap="truncate" color={isError ? 'red' : undefined}>
        {gutter + line.slice(0, c)}
        <Text inverse>{under}</Text>
        {line.slice(c + 1)}
      </Text>,
    );
  }

  const position = `Ln ${buffer.row + 1}, Col ${buffer.col + 1}`;
  let status: React.ReactNode;
  if (state.notice) status = <Text color="yellow" wrap="truncate">{state.notice}</Text>;
  else if (errorMessage) {
    const where = errorLine !== undefined ? `line ${errorLine}: ` : '';
    status = <Text color="red" wrap="truncate">{`! ${where}${errorMessage}`}</Text>;
  } else status = <Text dimColor wrap="truncate">{position}</Text>;

  return (
    <Box flexDirection="column" width={width} height={height}>
      {rows}
      {status}
    </Box>
  );
}
