// A multi-line YAML editor for Ink: line numbers, a visible cursor, the line a parser blames
// marked in the gutter, bracketed and unbracketed paste, and a way out to $EDITOR.
import React, { memo, useEffect, useReducer } from 'react';
import { Box } from 'ink';
import { Text } from '../components/Text.js';
import { useKeys } from '../input/use-keys.js';
import { useTerminalUi } from '../terminal-context.js';
import { bufferText } from './text-buffer.js';
import { editorActionFor, editorReducer, initialEditor } from './editor-state.js';

export { editorActionFor };

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
  /**
   * The text after each completed edit: any change but letters typed in a run on one line (a
   * space, Enter, Backspace, a paste, a move off the line end the run). What a costly view of
   * the draft (the live matrix) follows, so that it is not recomputed on every key.
   */
  onSettledChange?: (text: string) => void;
  /** Ctrl+S or F5. */
  onSubmit?: (text: string) => void;
  /** Esc; receives the draft so that the caller may keep it. */
  onCancel?: (text: string) => void;
  /** Ctrl+E. Defaults to $VISUAL/$EDITOR through the terminal context; a returned string replaces the draft. */
  onOpenExternalEditor?: (text: string) => Promise<string | undefined> | string | undefined | void;
  /** F1. */
  onHelp?: () => void;
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

  const { onChange, onSettledChange } = props;
  const text = bufferText(buffer);
  useEffect(() => {
    onChange?.(text);
  }, [text, onChange]);
  const settled = state.typingRow === undefined;
  useEffect(() => {
    if (settled) onSettledChange?.(text);
  }, [settled, text, onSettledChange]);

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

  // Only the visible window is laid out; each row is memoised on what it shows, so a key
  // re-renders the rows it changed (the cursor row, mostly), not the whole window.
  const rows: React.ReactNode[] = [];
  for (let i = 0; i < viewRows; i++) {
    const row = buffer.scrollTop + i;
    if (row >= buffer.lines.length) {
      rows.push(<EditorRow key={i} gutter={'~'.padStart(gutterWidth - 1)} line="" cursor={-1} isError={false} filler />);
      continue;
    }
    const isError = row === errorRow;
    const gutter = (isError ? '!' : ' ') + String(row + 1).padStart(numberWidth) + ' ';
    const cursor = row === buffer.row && isActive ? buffer.col - left : -1;
    rows.push(<EditorRow key={i} gutter={gutter} line={buffer.lines[row].slice(left, left + textWidth)} cursor={cursor} isError={isError} />);
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

interface EditorRowProps {
  gutter: string;
  /** The part of the line in view. */
  line: string;
  /** Column of the cursor within `line`, or -1 when the cursor is not on this row. */
  cursor: number;
  isError: boolean;
  /** A row past the end of the text. */
  filler?: boolean;
}

/**
 * One editor row. One span for a plain row: Ink's frame output costs per styled span. Only the
 * error row and the cursor row carry styles.
 */
const EditorRow = memo(function EditorRow({ gutter, line, cursor, isError, filler }: EditorRowProps) {
  if (filler) return <Text dimColor>{gutter}</Text>;
  const color = isError ? 'red' : undefined;
  if (cursor < 0) {
    return (
      <Text wrap="truncate" color={color}>
        {gutter + line}
      </Text>
    );
  }
  return (
    <Text wrap="truncate" color={color}>
      {gutter + line.slice(0, cursor)}
      <Text inverse>{line[cursor] ?? ' '}</Text>
      {line.slice(cursor + 1)}
    </Text>
  );
});
