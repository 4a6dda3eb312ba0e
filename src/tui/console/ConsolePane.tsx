// The console pane: a shell on the scenario's simulated cluster inside the trainer. Keys edit
// the prompt's line (a LineInput, changed synchronously so fast typing is never lost); Enter
// runs it through the ConsoleRun, which outlives the pane, so Esc and coming back find the same
// cluster, transcript and history. All text is drawn through components/Text (safeText).
import React, { useEffect, useMemo, useRef, useState } from 'react';
import { Box, useApp } from 'ink';
import { Text } from '../components/Text.js';
import { useKeys } from '../input/use-keys.js';
import type { Keymap } from '../input/keymap.js';
import type { ConsoleRun } from './console-run.js';
import { LineInput, type LineEffect } from './line-input.js';
import type { ConsoleCommand } from './keymap.js';
import { paneRows, windowOf, type PaneRow } from './pane-rows.js';
import { useTerminalUi } from '../terminal-context.js';

export interface ConsolePaneProps {
  run: ConsoleRun;
  /** The head line: which task and step this cluster is. */
  title: string;
  keymap: Keymap<ConsoleCommand>;
  width: number;
  height: number;
  isActive: boolean;
  onLeave: () => void;
  onHelp: () => void;
  /** Absent: the grade key does nothing here (the exam grades at hand-in). */
  onGrade?: () => void;
  /** A line under the head (why the last grade did not load, ...). */
  message?: string;
  /** A drill's console: how the drill is answered, shown when its keymap's howToAnswer key is pressed. */
  answerHint?: string;
}

/** Runs of rows drawn alike (plain, dim), the cursor's row alone. */
function groups(rows: readonly PaneRow[]): { rows: PaneRow[]; dim?: boolean; cursor?: number }[] {
  const out: { rows: PaneRow[]; dim?: boolean; cursor?: number }[] = [];
  for (const r of rows) {
    const last = out[out.length - 1];
    if (r.cursor !== undefined) out.push({ rows: [r], cursor: r.cursor });
    else if (last && last.cursor === undefined && Boolean(last.dim) === Boolean(r.dim)) last.rows.push(r);
    else out.push({ rows: [r], dim: r.dim });
  }
  return out;
}

/** Shown after a Ctrl+C on an empty prompt; a second one in a row quits. */
export const QUIT_HINT = 'press Ctrl+C again to quit, Esc to go back to the task';

export function ConsolePane(props: ConsolePaneProps) {
  const { run, width, height } = props;
  const { exit } = useApp();
  const input = useMemo(() => new LineInput(props.keymap), [props.keymap]);
  const [, setTick] = useState(0);
  const redraw = () => setTick((t) => t + 1);
  const busy = useRef(0);
  const queue = useRef(Promise.resolve());
  const latest = useRef(props);
  latest.current = props;
  // The last key was a Ctrl+C on an empty prompt: the next one quits.
  const quitArmed = useRef(false);
  // Ctrl+S in a drill's console: how to answer, until the next key.
  const hinted = useRef(false);
  const hint = quitArmed.current ? QUIT_HINT : hinted.current ? props.answerHint : undefined;
  const bodyHeight = Math.max(1, height - 1 - (props.message ? 1 : 0) - (hint ? 1 : 0));

  // kubectl edit and vi FILE open the terminal's editor, as the YAML editor's Ctrl+E does.
  const terminal = useTerminalUi();
  useEffect(() => {
    const editor: NonNullable<ConsoleRun['editor']> = {
      open: async (text, fileName) => {
        const r = await terminal.openExternalEditor(text, fileName.split('/').pop() || 'edit.yaml');
        return r.ok ? r.text : null;
      },
      name: () => terminal.editorName(),
    };
    run.editor = editor;
    return () => {
      if (run.editor === editor) run.editor = undefined;
    };
  }, [run, terminal]);

  const submit = (lines: string[]) => {
    busy.current++;
    redraw();
    queue.current = queue.current.then(async () => {
      let exit = false;
      for (const line of lines) if ((await run.enter(line)).exit) exit = true;
      busy.current--;
      redraw();
      // `exit` at the cluster prompt closes the pane; the console stays as it is.
      if (exit) latest.current.onLeave();
    });
  };

  const effect = (e: LineEffect | undefined) => {
    const armed = quitArmed.current;
    quitArmed.current = false;
    hinted.current = false;
    if (!e) return;
    const p = latest.current;
    switch (e.type) {
      case 'submit': return submit(e.lines);
      case 'interrupt':
        // As bash: a typed line or a here-document is dropped. On an empty prompt the first
        // Ctrl+C says how to quit, the second quits (drafts are saved as on any quit).
        if (e.typed === '' && !run.continuing && armed) return exit();
        if (e.typed === '' && !run.continuing) quitArmed.current = true;
        run.interrupt(e.typed);
        return;
      case 'cancel': run.interrupt(e.typed); return;
      case 'clear': run.clearScreen(); return;
      case 'grade': p.onGrade?.(); return;
      case 'howToAnswer': hinted.current = true; return;
      case 'leave': p.onLeave(); return;
      case 'help': p.onHelp(); return;
    }
  };

  useKeys((key) => {
    effect(input.key(key, { history: run.history(), complete: (b) => run.complete(b), page: Math.max(1, bodyHeight - 1) }));
    redraw();
  }, { isActive: props.isActive, ctrlC: true });

  const rows = paneRows({ transcript: run.transcript, prompt: run.prompt(), text: input.text, cursor: input.cursor, candidates: input.candidates, busy: busy.current > 0 }, Math.max(1, width - 1), bodyHeight + input.scroll + 1);
  const shown = windowOf(rows, bodyHeight, input.scroll);
  input.scroll = shown.scroll;
  const where = shown.scroll > 0 ? ` · ↑ ${shown.scroll} more below (PgDn)` : shown.above > 0 ? ' · PgUp scrolls back' : '';
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Box width={width} height={1}>
        <Text bold wrap="truncate" color="cyan">{`console · ${props.title}${where}`}</Text>
      </Box>
      {props.message ? <Text wrap="truncate" color="red">{props.message}</Text> : null}
      {hint ? <Text wrap="truncate" color="yellow">{hint}</Text> : null}
      {/* Rows are wrapped already: a few Text blocks lay out far faster than a Box per row. */}
      <Box flexDirection="column" width={width} height={bodyHeight} overflow="hidden">
        {groups(shown.rows).map((g, i) =>
          g.cursor === undefined ? (
            <Text key={i} dimColor={g.dim}>{g.rows.map((r) => (r.text === '' ? ' ' : r.text)).join('\n')}</Text>
          ) : (
            <Text key={i}>
              {g.rows[0].text.slice(0, g.cursor)}
              <Text inverse>{g.rows[0].text[g.cursor] ?? ' '}</Text>
              {g.rows[0].text.slice(g.cursor + 1)}
            </Text>
          ),
        )}
      </Box>
    </Box>
  );
}
