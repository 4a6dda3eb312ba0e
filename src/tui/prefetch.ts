// The trainer's screens (Ink, React, the app) start loading the moment the CLI knows it opens
// the trainer on a terminal, alongside the command's own modules, the store and the bank's
// index: two dynamic imports in a row would load them one after the other.
import { applyNoColor, isInteractive } from './terminal.js';

let started: Promise<unknown> | undefined;

/** Starts loading start.tsx's modules (once); launch.ts imports them again, from the cache. */
export function prefetchTrainer(env: NodeJS.ProcessEnv, terminal: { stdin: { isTTY?: boolean }; stdout: { isTTY?: boolean } } = process): void {
  if (started || !isInteractive(terminal.stdin, terminal.stdout)) return;
  // Ink's colour library reads the setting once, when it loads.
  applyNoColor(env);
  started = import('./start.js').catch(() => undefined);
}
