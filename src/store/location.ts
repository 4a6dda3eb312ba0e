// Where progress lives: `scores/` in the netpol-dojo checkout, unless NETPOL_DOJO_SCORES says otherwise.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const SCORES_ENV = 'NETPOL_DOJO_SCORES';
export const PROGRESS_FILE = 'progress.json';

/**
 * The directory holding package.json named netpol-dojo, found by walking up from `startFile`.
 * Works the same from src/store/*.ts (tests, tsx) and from the esbuild bundle in dist/.
 */
export function findRepoRoot(startFile: string = fileURLToPath(import.meta.url)): string | undefined {
  let dir = path.dirname(startFile);
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === 'netpol-dojo') return dir;
      } catch {
        // an unreadable package.json is not ours; keep walking
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Explicit dir first, then the environment variable, then <repo>/scores (or ./scores if no repo is found). */
export function resolveScoresDir(opts: { dir?: string; env?: NodeJS.ProcessEnv; cwd?: string } = {}): string {
  const cwd = opts.cwd ?? process.cwd();
  if (opts.dir) return path.resolve(cwd, opts.dir);
  const fromEnv = (opts.env ?? process.env)[SCORES_ENV];
  if (fromEnv) return path.resolve(cwd, fromEnv);
  return path.join(findRepoRoot() ?? cwd, 'scores');
}
