// scripts/check-imports.mjs: the layering cli -> tui -> core <- store holds in src/, and the
// check does fail on each kind of upward import (a check that cannot fail proves nothing).
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const script = path.resolve(__dirname, '../../scripts/check-imports.mjs');
const check = (dir?: string) => spawnSync(process.execPath, [script, ...(dir ? [dir] : [])], { encoding: 'utf8' });

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'netpol-dojo-layers-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe('the import check', () => {
  it('passes on src/', () => {
    const r = check();
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it.each([
    ['core/training/x.ts', "import type { Attempt } from '../../store/schema.js';", 'core imports store'],
    ['core/a.ts', "export { Home } from '../tui/Home.js';", 'core imports tui'],
    ['tui/Stats.tsx', "import { statsText } from '../cli/commands/stats.js';", 'tui imports cli'],
    ['tui/services.ts', "const m = await import('../store/progress-store.js');", 'tui imports store'],
    ['store/s.ts', "import { x } from '../tui/x.js';", 'store imports tui'],
    ['core/view.ts', "import { Box } from 'ink';", 'core imports ink'],
  ])('fails on %s importing upward', (file, line, message) => {
    const dir = tree({ [file]: `${line}\n`, 'core/ok.ts': "import { y } from './y.js';\n// import { z } from '../tui/z.js';\n" });
    try {
      const r = check(dir);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`${file}:1: ${message}`);
      // The commented-out import in core/ok.ts is not an import.
      expect(r.stderr).not.toContain('ok.ts');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lets cli use every layer and tui use core', () => {
    const dir = tree({
      'cli/a.ts': "import '../tui/x.js';\nimport '../store/y.js';\nimport '../core/z.js';\n",
      'tui/b.tsx': "import { Box } from 'ink';\nimport '../core/z.js';\n",
      'store/c.ts': "import type { Attempt } from '../core/training/records.js';\n",
    });
    try {
      expect(check(dir).status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
