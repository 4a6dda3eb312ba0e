// The one way a command opens the trainer (`netpol-dojo`, `exam`, `review`): check for a terminal,
// settle the colour setting before Ink loads (chalk reads FORCE_COLOR once, on import), then
// mount the app on the screen the command asks for. No Ink is imported until the checks pass.
import { NOT_A_TERMINAL_MESSAGE, applyNoColor, isInteractive } from './terminal.js';
import { practiceServices, type OpenProgress } from './practice/services.js';
import type { Screen } from './App.js';

export interface LaunchOptions {
  env: NodeJS.ProcessEnv;
  stderr: { write(text: string): unknown };
  /** The streams that must be a terminal (the command's own stdout may be a redirected one). */
  terminal: { stdin: { isTTY?: boolean }; stdout: { isTTY?: boolean } };
  /** How the progress store is opened (the CLI decides where it lives). */
  openProgress: OpenProgress;
  /** Where the trainer opens; default home. */
  screen?: Screen;
}

/** Runs the trainer until it quits; exit code 2 without an interactive terminal. */
export async function launchTrainer(options: LaunchOptions): Promise<number> {
  if (!isInteractive(options.terminal.stdin, options.terminal.stdout)) {
    options.stderr.write(NOT_A_TERMINAL_MESSAGE + '\n');
    return 2;
  }
  applyNoColor(process.env);
  // The store and the bank's index are read while Ink and the screens load (file I/O beside
  // module compilation); start.tsx waits for them before the first frame.
  const services = practiceServices({ env: options.env, openProgress: options.openProgress });
  const home = services.home();
  const { startApp } = await import('./start.js');
  return startApp({ env: options.env, services, homing: home, ...(options.screen ? { initialScreen: options.screen } : {}) });
}
