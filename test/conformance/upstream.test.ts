// The upstream Kubernetes e2e NetworkPolicy truth tables (test/e2e/network/netpol), copied from
// ../shared/conformance so that a fresh clone can run them: every case through `matrix --output json`.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCase } from './run-case.js';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'upstream-e2e');
const cases = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

describe('upstream e2e truth tables', () => {
  it('has all the cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(58);
  });
  for (const file of cases) {
    it(file.replace(/\.json$/, ''), async () => {
      const problems = await runCase(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
      expect(problems).toEqual([]);
    });
  }
});
