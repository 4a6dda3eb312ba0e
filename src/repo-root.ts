// Where the netpol-dojo checkout is: the directory holding package.json named netpol-dojo,
// found by walking up from a file. Works the same from src/ (tests, tsx) and from dist/.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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
