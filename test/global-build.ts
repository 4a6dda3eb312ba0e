// Builds dist/ once before the test files run, when a source is newer than the last build: the
// tests that spawn bin/netpol-dojo.js must run the code under test, and several files building
// at once (tsc and esbuild, in parallel on a busy machine) cost minutes and can replace chunks
// under a trainer that is still loading them.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const STAMP = path.join(root, 'dist', '.built');

function newest(dir: string): number {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}

export default function setup(): void {
  const sources = Math.max(
    ...['src', 'scripts', 'exercises'].map((d) => newest(path.join(root, d))),
    ...['package.json', 'tsconfig.json', 'tsconfig.lib.json'].map((f) => fs.statSync(path.join(root, f)).mtimeMs),
  );
  const built = fs.existsSync(STAMP) && fs.existsSync(path.join(root, 'dist', 'cli.js')) ? fs.statSync(STAMP).mtimeMs : 0;
  if (built >= sources) return;
  // The build writes the stamp (dist/.built), dated when it began.
  execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}
