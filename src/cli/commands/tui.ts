// `netpol-dojo` with no command (or `tui`): the trainer, on the progress store every command uses.
import type { Io } from '../io.js';
import type { OpenProgress } from '../../tui/practice/services.js';
import type { Screen } from '../../tui/App.js';
import { launchTrainer } from '../../tui/launch.js';

/** The CLI's store ($NETPOL_DOJO_SCORES against the cwd, else the default place), notices to the trainer. */
export function trainerProgress(io: Io): OpenProgress {
  return async (onNotice) => {
    const { openStore, resolveScoresDir } = await import('../../store/progress-store.js');
    return openStore({ dir: resolveScoresDir({ env: io.env, cwd: io.cwd }), onNotice });
  };
}

/** Opens the trainer at `screen` for a command; `terminal` is what must be interactive. */
export function openTrainer(io: Io, screen?: Screen, terminal: LaunchTerminal = process): Promise<number> {
  return launchTrainer({ env: io.env, stderr: io.stderr, terminal, openProgress: trainerProgress(io), ...(screen ? { screen } : {}) });
}

type LaunchTerminal = { stdin: { isTTY?: boolean }; stdout: { isTTY?: boolean } };

export async function tuiCommand(_argv: string[], io: Io): Promise<number> {
  return openTrainer(io);
}
