// Where progress lives: `scores/` in the netpol-dojo checkout, unless NETPOL_DOJO_SCORES says otherwise.
import path from 'node:path';
import { findRepoRoot } from '../repo-root.js';

export { findRepoRoot };

export const SCORES_ENV = 'NETPOL_DOJO_SCORES';
export const PROGRESS_FILE = 'progress.json';

/** Explicit dir first, then the environment variable, then <repo>/scores (or ./scores if no repo is found). */
export function resolveScoresDir(opts: { dir?: string; env?: NodeJS.ProcessEnv; cwd?: string } = {}): string {
  const cwd = opts.cwd ?? process.cwd();
  if (opts.dir) return path.resolve(cwd, opts.dir);
  const fromEnv = (opts.env ?? process.env)[SCORES_ENV];
  if (fromEnv) return path.resolve(cwd, fromEnv);
  return path.join(findRepoRoot() ?? cwd, 'scores');
}
