#!/usr/bin/env node
// Fails when a module imports against the layering: cli -> tui -> core <- store, cli may also use
// store and core. Every import counts, type-only and dynamic ones too: a type is a dependency.
//   core   may import core only (and packages that know nothing of the terminal)
//   store  may import store and core
//   tui    may import tui and core
//   cli    may import anything in src
// src/repo-root.ts is a leaf every layer may use. Run: node scripts/check-imports.mjs [srcDir]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'src'));

const ALLOWED = {
  core: new Set(['core']),
  store: new Set(['store', 'core']),
  tui: new Set(['tui', 'core']),
  cli: new Set(['cli', 'tui', 'core', 'store']),
};
/** Packages only the terminal layers may load. */
const TERMINAL_PACKAGES = new Set(['ink', 'react', 'react/jsx-runtime', 'ink-testing-library']);
const LEAVES = new Set(['repo-root.ts']);

function layerOf(rel) {
  const top = rel.split(path.sep)[0];
  return top in ALLOWED ? top : undefined;
}

function* sourceFiles(dir) {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) yield* sourceFiles(full);
    else if (/\.(ts|tsx|mts|js|mjs)$/.test(name) && !name.endsWith('.d.ts')) yield full;
  }
}

// import ... from 'x' / export ... from 'x' / import 'x' / import('x') / require('x')
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)(['"])([^'"\n]+)\1/g;

function stripComments(text) {
  return text.replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ' ')).replace(/(^|[^:'"`\\])\/\/[^\n]*/g, '$1');
}

const problems = [];
for (const file of sourceFiles(root)) {
  const rel = path.relative(root, file);
  const layer = layerOf(rel);
  const text = stripComments(readFileSync(file, 'utf8'));
  for (const m of text.matchAll(SPECIFIER)) {
    const spec = m[2];
    const line = text.slice(0, m.index).split('\n').length;
    if (spec.startsWith('.')) {
      const target = path.relative(root, path.resolve(path.dirname(file), spec));
      if (target.startsWith('..')) {
        problems.push(`${rel}:${line}: imports ${spec}, outside src/`);
        continue;
      }
      if (LEAVES.has(target.replace(/\.js$/, '.ts'))) continue;
      const to = layerOf(target);
      if (layer && to && !ALLOWED[layer].has(to)) problems.push(`${rel}:${line}: ${layer} imports ${to} (${spec}); allowed: ${[...ALLOWED[layer]].join(', ')}`);
    } else if (layer && (layer === 'core' || layer === 'store') && TERMINAL_PACKAGES.has(spec)) {
      problems.push(`${rel}:${line}: ${layer} imports ${spec}; only tui and cli may use the terminal`);
    }
  }
}

if (problems.length > 0) {
  process.stderr.write(
    `${problems.length} import${problems.length === 1 ? '' : 's'} against the layering (cli -> tui -> core <- store):\n${problems.map((p) => `  ${p}`).join('\n')}\n`,
  );
  process.exit(1);
}
process.stdout.write('imports: every arrow points cli -> tui -> core <- store\n');
