// The mock exam's console: one per task, made when first opened. A resumed exam replays the
// commands its record kept; every new command is saved into the record at once, because
// hand-in replays them to grade the task's cluster (core/training/hand-in.ts).
import React, { useRef, useState } from 'react';
import { Text } from '../components/Text.js';
import type { Scenario } from '../../core/bank/scenario.js';
import type { ExamRecord } from '../../core/training/records.js';
import { examStep } from '../../core/training/hand-in.js';
import type { ProgressLog } from '../../core/training/progress-log.js';
import { ConsolePane } from './ConsolePane.js';
import { ConsoleRun } from './console-run.js';
import { EXAM_CONSOLE_KEYMAP } from './keymap.js';

export interface ExamConsoleProps {
  exam: ExamRecord;
  index: number;
  scenario: Scenario;
  store: Pick<ProgressLog, 'updateExam'>;
  width: number;
  height: number;
  isActive: boolean;
  /** The commands changed: the screen's exam record follows (hand-in reads it). */
  onCommands: (index: number, commands: string[], edits: (string | null)[]) => void;
  onMessage: (message: string) => void;
  onLeave: () => void;
  onHelp: () => void;
}

export function useExamConsoles() {
  return useRef(new Map<string, ConsoleRun>());
}

export function ExamConsole(props: ExamConsoleProps & { consoles: ReturnType<typeof useExamConsoles> }) {
  const { exam, index, scenario } = props;
  const [, setReady] = useState(0);
  const key = `${exam.id}:${index}`;
  let run = props.consoles.current.get(key);
  const latest = useRef(props);
  latest.current = props;
  if (!run) {
    const made = new ConsoleRun(scenario, examStep(scenario));
    props.consoles.current.set(key, (run = made));
    void made.replay(exam.tasks[index]?.console ?? [], exam.tasks[index]?.consoleEdits ?? []).then(() => {
      made.onCommand = (r) => {
        const commands = r.commands();
        const edits = [...r.edits];
        latest.current.onCommands(index, commands, edits);
        void latest.current.store
          .updateExam(exam.id, (e) => {
            const t = e.tasks[index];
            if (t && e.status === 'running') {
              t.console = commands;
              if (edits.length) t.consoleEdits = edits;
            }
          })
          .catch((err: unknown) => latest.current.onMessage(`The progress store failed: ${err instanceof Error ? err.message : String(err)}`));
      };
      setReady((n) => n + 1);
    });
  }
  if (!run.onCommand) return <Text>Opening the console…</Text>;
  const answered = scenario.kind === 'write' || scenario.kind === 'fix';
  return (
    <ConsolePane run={run} keymap={EXAM_CONSOLE_KEYMAP} width={props.width} height={props.height} isActive={props.isActive}
      title={`task ${index + 1}/${exam.tasks.length} · ${answered ? 'its cluster is your answer' : 'to explore (this task is answered in the editor)'}`}
      onLeave={props.onLeave} onHelp={props.onHelp} />
  );
}
