// Where the netpol-dojo package is: the directory holding package.json named netpol-dojo,
// found by walking up from a file. Works the same from src/ (tests, tsx) and from dist/,
// in a clone and in an installed package (node_modules/netpol-dojo).
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function readManifest(dir: string): { name?: unknown; version?: unknown } | undefined {
  const manifest = path.join(dir, 'package.json');
  if (!existsSync(manifest)) return undefined;
  try {
    return JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown; version?: unknown };
  } catch {
    return undefined; // an unreadable package.json is not ours
  }
}

export function findRepoRoot(startFile: string = fileURLToPath(import.meta.url)): string | undefined {
  let dir = path.dirname(startFile);
  for (;;) {
    if (readManifest(dir)?.name === 'netpol-dojo') return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** The version in our package.json (the one npm installed), so `--version` never drifts. */
export function packageVersion(root: string | undefined = findRepoRoot()): string {
  const v = root ? readManifest(root)?.version : undefined;
  return typeof v === 'string' ? v : 'unknown';
}

/**
 * How the program runs: from a clone (a git work tree, `npm link` included) or from an
 * installed package (under node_modules, or unpacked without git). Only a clone keeps
 * progress next to the code; an installed package's folder is replaced on upgrade.
 */
export function installKind(root: string): 'clone' | 'installed' {
  let real = root;
  try {
    real = realpathSync(root);
  } catch {
    // keep the path as given
  }
  if (real.split(path.sep).includes('node_modules')) return 'installed';
  // A worktree or submodule has a .git file, a plain clone a .git directory.
  return existsSync(path.join(real, '.git')) ? 'clone' : 'installed';
}
