// The TUI entry: `netpol-dojo` with no command. It checks the terminal and the colour setting
// before anything loads Ink (chalk reads FORCE_COLOR once, when it is first imported).
import type { Io } from '../cli/io.js';
import { NOT_A_TERMINAL_MESSAGE, applyNoColor, isInteractive } from './terminal.js';

export async function tuiCommand(_argv: string[], io: Io): Promise<number> {
  if (!isInteractive(process.stdin, process.stdout)) {
    io.stderr.write(NOT_A_TERMINAL_MESSAGE + '\n');
    return 2;
  }
  applyNoColor(process.env);
  const { startApp } = await import('./start.js');
  return startApp({ env: io.env });
}
