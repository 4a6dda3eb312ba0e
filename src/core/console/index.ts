// The simulated cluster console, in one import.
export { Console, type ConsoleOptions, type ConsoleState, type LineResult } from './console.js';
export { runScript, transcript, type ScriptStep } from './script.js';
export { PromptSession, type Entered } from './session.js';
export { splitCommands } from './shell-parse.js';
export type { Cni } from './network.js';

import type { Console as ConsoleClass, ConsoleState as State } from './console.js';
/** The console's cluster, policies and namespace labels, for grading (gradeState). */
export function consoleState(c: ConsoleClass): State {
  return c.state();
}
