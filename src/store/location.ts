// Where progress lives. NETPOL_DOJO_SCORES wins; a clone keeps `scores/` in the checkout
// (as it always has); an installed package writes to the XDG state directory, because its
// own folder sits in node_modules (replaced on upgrade, root-owned with `npm -g`).
import os from 'node:os';
import path from 'node:path';
import { findRepoRoot, installKind } from '../repo-root.js';

export { findRepoRoot };

export const SCORES_ENV = 'NETPOL_DOJO_SCORES';
export const PROGRESS_FILE = 'progress.json';
export const STATE_SUBDIR = 'netpol-dojo';

export interface ScoresDirOptions {
  dir?: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** The package root (default: found from this file); tests point it at a fake clone or install. */
  root?: string | null;
  /** The home directory (default os.homedir()). */
  home?: string;
}

/** $XDG_STATE_HOME/netpol-dojo, or ~/.local/state/netpol-dojo (the spec's default). */
export function xdgStateDir(env: NodeJS.ProcessEnv, home: string): string {
  const base = env.XDG_STATE_HOME;
  // The XDG spec: a relative path is invalid and must be ignored.
  if (base && path.isAbsolute(base)) return path.join(base, STATE_SUBDIR);
  return path.join(home, '.local', 'state', STATE_SUBDIR);
}

/** Explicit dir first, then NETPOL_DOJO_SCORES, then <clone>/scores or the XDG state dir. */
export function resolveScoresDir(opts: ScoresDirOptions = {}): string {
  const cwd = opts.cwd ?? process.cwd();
  const env = opts.env ?? process.env;
  if (opts.dir) return path.resolve(cwd, opts.dir);
  const fromEnv = env[SCORES_ENV];
  if (fromEnv) return path.resolve(cwd, fromEnv);
  const root = opts.root === undefined ? findRepoRoot() : opts.root ?? undefined;
  if (root && installKind(root) === 'clone') return path.join(root, 'scores');
  return xdgStateDir(env, opts.home ?? os.homedir());
}
