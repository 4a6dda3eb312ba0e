// The simulated cluster console, in one import.
export { Console, type ConsoleOptions, type ConsoleState, type LineResult } from './console.js';
export { runScript, transcript, type ScriptStep } from './script.js';
export { splitCommands } from './shell-parse.js';
export type { Cni } from './network.js';
