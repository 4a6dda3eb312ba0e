// A script played into the console as a person would type it: one command at a time,
// each shown as "$ COMMAND" (its first line) before its output. Input left inside a pod's
// shell when the script ends closes that shell, as end of input does.
import type { Console } from './console.js';
import { splitCommands } from './shell-parse.js';

export interface ScriptStep {
  command: string;
  lines: string[];
  exitCode: number;
}

export async function runScript(console: Console, script: string, onStep?: (s: ScriptStep) => void): Promise<ScriptStep[]> {
  const steps: ScriptStep[] = [];
  for (const command of splitCommands(script)) {
    // A script cannot see the prompt change: a kubectl command after `kubectl run -it -- sh`
    // (the module's checklist has no `exit`) is typed at the cluster prompt, so the pod's
    // shell ends there, as if the learner had typed exit. At a terminal the pod says
    // `sh: kubectl: not found` instead.
    if (console.inPod && /^\s*(kubectl|k)(\s|$)/.test(command)) {
      const d = console.detach();
      const step = { command: '', lines: d.lines, exitCode: 0 };
      steps.push(step);
      onStep?.(step);
    }
    const r = await console.runLine(command);
    const step = { command, lines: r.lines, exitCode: r.exitCode };
    steps.push(step);
    onStep?.(step);
    if (r.exit) break;
  }
  if (console.inPod) {
    const r = console.detach();
    if (r.lines.length) {
      const step = { command: '', lines: r.lines, exitCode: 0 };
      steps.push(step);
      onStep?.(step);
    }
  }
  return steps;
}

/** The transcript form: "$ first line of the command", then its output. */
export function transcript(steps: ScriptStep[]): string[] {
  const out: string[] = [];
  for (const s of steps) {
    if (s.command) out.push(`$ ${s.command.split('\n')[0]}`);
    out.push(...s.lines);
  }
  return out;
}
