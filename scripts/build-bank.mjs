// The bank step of the build: exercises/*.yaml -> dist/bank/ (index.json with what list,
// Home and the Browser show, one <id>.json per scenario), so that commands and the trainer
// start without parsing YAML. Fails (exit 1) on a broken scenario. Kept apart from the
// packaging in build.mjs. Usage: node scripts/build-bank.mjs (build.mjs also calls it).
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleOptions, root } from './bundle-options.mjs';

export async function buildBankIndex({ exercisesDir = path.join(root, 'exercises'), outDir = path.join(root, 'dist', 'bank') } = {}) {
  const work = path.join(root, `bank.tmp-${process.pid}`);
  fs.rmSync(work, { recursive: true, force: true });
  try {
    await build({ ...bundleOptions, splitting: false, entryPoints: { compile: path.join(root, 'scripts', 'bank-compile.ts') }, outdir: work });
    const { compileBank } = await import(pathToFileURL(path.join(work, 'compile.js')).href);
    const { files, problems } = compileBank(exercisesDir);
    if (problems.length) {
      for (const p of problems) process.stderr.write(p + '\n');
      throw new Error(`the exercise bank has ${problems.length} problem${problems.length === 1 ? '' : 's'}; dist/bank/ not written`);
    }
    // Data files first, the index last, each by atomic rename: a process reading dist/bank/
    // meanwhile sees either the old or the new file, and checks digests anyway.
    fs.mkdirSync(outDir, { recursive: true });
    const order = [...files.keys()].sort((a, b) => Number(a === 'index.json') - Number(b === 'index.json'));
    for (const name of order) {
      const tmp = path.join(outDir, `.${name}.tmp-${process.pid}`);
      fs.writeFileSync(tmp, files.get(name));
      fs.renameSync(tmp, path.join(outDir, name));
    }
    for (const name of fs.readdirSync(outDir)) if (!files.has(name)) fs.rmSync(path.join(outDir, name), { force: true });
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    await buildBankIndex();
  } catch (e) {
    process.stderr.write(`build-bank: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  }
}
